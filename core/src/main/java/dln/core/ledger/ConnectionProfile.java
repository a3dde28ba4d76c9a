package dln.core.ledger;

import dln.api.LedgerException;
import dln.api.LedgerFailure;
import com.google.gson.Gson;
import com.google.gson.JsonParseException;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a client needs to reach the network: written by {@code network/network.sh up} as
 * {@code .dln/connection.json}; clients hard-code none of it.
 *
 * @param channel channel name
 * @param chaincode chaincode name
 * @param ipfs the Kubo node (of every organisation that names none of its own)
 * @param orderers ordering service endpoints
 * @param organizations member organisations by short name (org1, org2, ...)
 * @param roles the demo's role mapping (publisher, committee, providers as "org/User")
 */
public record ConnectionProfile(
        String channel,
        String chaincode,
        Ipfs ipfs,
        List<Endpoint> orderers,
        Map<String, Organization> organizations,
        Roles roles) {

    /** The Kubo node: its RPC API base URL and the CLI binary built by the network scripts. */
    public record Ipfs(String api, String bin) {}

    /** A node endpoint and the TLS CA that signs its certificate. */
    public record Endpoint(String name, String endpoint, String tlsCaFile) {}

    /**
     * A member organisation: its MSP id, its peer, its enrolled users and, when it runs its own
     * storage (network/hosts.sh: one Kubo node and cluster peer per organisation), its IPFS API;
     * null when it uses the profile's.
     */
    public record Organization(String mspId, Endpoint peer, Map<String, UserFiles> users, Ipfs ipfs) {}

    /** Where an enrolled user's certificate and private key are. */
    public record UserFiles(String certFile, String keyFile) {}

    /** Which identities play which part in the demo (see docs/network.md). */
    public record Roles(String publisher, List<String> committee, List<String> providers) {}

    /** The default location, {@code <repo>/.dln/connection.json}, overridable with DLN_PROFILE. */
    public static Path defaultPath() {
        final String env = System.getenv("DLN_PROFILE");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(".dln", "connection.json");
    }

    /**
     * Reads a profile.
     *
     * @throws LedgerException with a message naming what to run when the file is missing or malformed
     */
    public static ConnectionProfile load(final Path path) {
        try (Reader r = Files.newBufferedReader(path)) {
            final ConnectionProfile p = new Gson().fromJson(r, ConnectionProfile.class);
            if (p == null || p.channel() == null || p.organizations() == null || p.organizations().isEmpty()) {
                throw new LedgerException(LedgerFailure.PROFILE_INVALID, "connection profile " + path + " is incomplete; run network/network.sh up to rewrite it");
            }
            return p;
        } catch (NoSuchFileException e) {
            throw new LedgerException(LedgerFailure.NETWORK_NOT_RUNNING, "no connection profile at " + path + "; start the network with network/network.sh up");
        } catch (IOException | JsonParseException e) {
            throw new LedgerException(LedgerFailure.PROFILE_INVALID, "cannot read connection profile " + path + ": " + e.getMessage());
        }
    }

    /**
     * The IPFS API a member of an organisation talks to: the organisation's own when it names
     * one, else the profile's.
     *
     * @param identity "org2/User3" (or "User3@org2")
     * @throws LedgerException UNKNOWN_IDENTITY when no such user is enrolled
     */
    public Ipfs ipfsOf(final String identity) {
        final Ipfs own = resolve(identity).organization().ipfs();
        return own != null && own.api() != null ? own : ipfs;
    }

    /**
     * Resolves "org2/User3" (or "User3@org2") to the organisation and the user's key files.
     *
     * @throws LedgerException UNKNOWN_IDENTITY when no such user is enrolled
     */
    public ResolvedIdentity resolve(final String identity) {
        Objects.requireNonNull(identity, "identity");
        final String org;
        final String user;
        if (identity.contains("/")) {
            org = identity.substring(0, identity.indexOf('/'));
            user = identity.substring(identity.indexOf('/') + 1);
        } else if (identity.contains("@")) {
            user = identity.substring(0, identity.indexOf('@'));
            final String domain = identity.substring(identity.indexOf('@') + 1);
            org = domain.contains(".") ? domain.substring(0, domain.indexOf('.')) : domain;
        } else {
            throw new LedgerException(LedgerFailure.UNKNOWN_IDENTITY, "identity '" + identity + "' must look like org1/User1");
        }
        final Organization o = organizations.get(org);
        if (o == null) {
            throw new LedgerException(LedgerFailure.UNKNOWN_IDENTITY, "no organisation '" + org + "' in the connection profile; known: " + organizations.keySet());
        }
        final UserFiles files = o.users().get(user);
        if (files == null) {
            throw new LedgerException(LedgerFailure.UNKNOWN_IDENTITY, "no user '" + user + "' in " + org + "; known: " + o.users().keySet());
        }
        return new ResolvedIdentity(org, user, o, files);
    }

    /**
     * This profile with one more user: the holder of {@code certFile} and {@code keyFile}, filed
     * under the organisation whose CA issued the certificate (compared with the issuer of that
     * organisation's enrolled users), named by the certificate's common name before any "@".
     * Nothing is written: the profile on disk stays as {@code network.sh up} wrote it.
     *
     * @return the profile with the user, and the user's "org/User" name in it
     * @throws LedgerException UNKNOWN_IDENTITY when the files cannot be read or no organisation
     *         of the profile issued the certificate
     */
    public WithUser withCertificate(final Path certFile, final Path keyFile) {
        final java.security.cert.X509Certificate cert;
        try {
            cert = LedgerClient.readCertificate(certFile);
            if (!Files.isReadable(keyFile)) {
                throw new NoSuchFileException(keyFile.toString());
            }
        } catch (IOException | java.security.cert.CertificateException e) {
            throw new LedgerException(LedgerFailure.UNKNOWN_IDENTITY, "cannot read the certificate " + certFile + " or the key " + keyFile + ": " + e, e);
        }
        for (Map.Entry<String, Organization> org : organizations.entrySet()) {
            final boolean sameIssuer = org.getValue().users().values().stream().findFirst().map(u -> {
                try {
                    return LedgerClient.readCertificate(Path.of(u.certFile())).getIssuerX500Principal().equals(cert.getIssuerX500Principal());
                } catch (IOException | java.security.cert.CertificateException e) {
                    return false;
                }
            }).orElse(false);
            if (sameIssuer) {
                final String cn = commonName(cert);
                final String user = cn.contains("@") ? cn.substring(0, cn.indexOf('@')) : cn;
                final Map<String, UserFiles> users = new java.util.TreeMap<>(org.getValue().users());
                users.put(user, new UserFiles(certFile.toAbsolutePath().toString(), keyFile.toAbsolutePath().toString()));
                final Map<String, Organization> orgs = new java.util.TreeMap<>(organizations);
                orgs.put(org.getKey(), new Organization(org.getValue().mspId(), org.getValue().peer(), Map.copyOf(users), org.getValue().ipfs()));
                return new WithUser(new ConnectionProfile(channel, chaincode, ipfs, orderers, Map.copyOf(orgs), roles), org.getKey() + "/" + user);
            }
        }
        throw new LedgerException(LedgerFailure.UNKNOWN_IDENTITY, "no organisation of the connection profile issued " + certFile + " (issuer "
                + cert.getIssuerX500Principal().getName() + "); use a certificate from one of " + organizations.keySet());
    }

    /** A profile that knows one more user, and that user's name in it. */
    public record WithUser(ConnectionProfile profile, String identity) {}

    private static String commonName(final java.security.cert.X509Certificate cert) {
        try {
            for (javax.naming.ldap.Rdn rdn : new javax.naming.ldap.LdapName(cert.getSubjectX500Principal().getName()).getRdns()) {
                if ("CN".equalsIgnoreCase(rdn.getType())) {
                    return rdn.getValue().toString();
                }
            }
        } catch (javax.naming.InvalidNameException e) {
            // Falls through to the serial number: every certificate has one.
        }
        return "cert-" + cert.getSerialNumber().toString(16);
    }

    /** An identity resolved against the profile. */
    public record ResolvedIdentity(String org, String user, Organization organization, UserFiles files) {
        /** "org/User" form. */
        public String label() {
            return org + "/" + user;
        }
    }
}
