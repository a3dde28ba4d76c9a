package dln.cli;

import dln.core.ledger.ConnectionProfile;
import dln.api.DlnLedger;
import dln.core.protocol.Participant;
import dln.core.storage.WeightStore;
import dln.ipfs.KuboClient;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The options every client shares: which network (connection profile) and which identity. */
public final class ClientOptions {

    @Option(names = "--profile", description = "connection profile written by network/network.sh up (default: .dln/connection.json or $DLN_PROFILE)")
    Path profile;

    @Option(names = {"-i", "--identity"}, description = "who to act as: a user of the profile, e.g. org2/User3")
    String identity;

    @Option(names = "--cert", description = "who to act as, by files instead of --identity: an enrolment certificate (PEM) issued by an organisation of the profile")
    Path cert;

    @Option(names = "--key", description = "the private key (PEM) that goes with --cert")
    Path key;

    /** The connection profile, loaded; with the --cert/--key holder among its users when given. */
    public ConnectionProfile profile() {
        if (profile != null && !java.nio.file.Files.isRegularFile(profile)) {
            throw new IllegalArgumentException("--profile " + profile + ": no such file; network/network.sh up writes the profile to "
                    + ConnectionProfile.defaultPath());
        }
        final ConnectionProfile p = ConnectionProfile.load(profile != null ? profile : ConnectionProfile.defaultPath());
        final ConnectionProfile.WithUser w = byFiles(p);
        return w == null ? p : w.profile();
    }

    private ConnectionProfile.WithUser byFiles(final ConnectionProfile p) {
        if (cert == null && key == null) {
            return null;
        }
        if (cert == null || key == null) {
            throw new IllegalArgumentException("--cert and --key go together: give both files, or use --identity instead");
        }
        if (identity != null && !identity.isBlank()) {
            throw new IllegalArgumentException("give --identity or --cert/--key, not both");
        }
        return p.withCertificate(cert, key);
    }

    /** The identity given (by name, or by --cert/--key), or {@code fallback} (a role from the profile) when none was. */
    public String identityOr(final String fallback) {
        if (cert != null || key != null) {
            return byFiles(profile()).identity();
        }
        if (identity != null && !identity.isBlank()) {
            return identity;
        }
        if (fallback == null) {
            throw new IllegalArgumentException("name an identity with --identity, e.g. --identity org2/User3");
        }
        return fallback;
    }

    /**
     * The ledger alone (no IPFS), as the identity given, or else as the profile's identity for the
     * role {@code fallback} picks, e.g. {@code ConnectionProfile.Roles::publisher}.
     */
    public DlnLedger ledgerAs(final java.util.function.Function<ConnectionProfile.Roles, String> fallback) {
        final ConnectionProfile p = profile();
        return dln.core.ledger.FabricLedger.connect(p, identityOr(fallback.apply(p.roles())));
    }

    /** Connects {@code who} to the ledger and to IPFS. */
    public Participant connect(final ConnectionProfile p, final String who) {
        final KuboClient ipfs = KuboClient.builder(p.ipfsOf(who).api()).retryPolicy(dln.ipfs.RetryPolicy.OUTAGE).build();
        return new Participant(who, dln.core.ledger.FabricLedger.connect(p, who), new WeightStore(new dln.core.storage.KuboStore(ipfs)));
    }

    /** Where a client keeps its local state (checkpoints), under the run directory next to the profile. */
    public Path stateDir(final ConnectionProfile p, final String client, final String who) {
        final Path base = (profile != null ? profile : ConnectionProfile.defaultPath()).toAbsolutePath().getParent();
        return base.resolve("clients").resolve(client).resolve(who.replace('/', '_'));
    }
}
