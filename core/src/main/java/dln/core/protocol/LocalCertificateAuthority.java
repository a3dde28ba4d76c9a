package dln.core.protocol;

import dln.core.crypto.Pem;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Client identities for a consortium that lives in one process (unit tests, offline
 * simulations): one P-256 CA per organisation issues real X.509 client certificates in memory,
 * shaped like the network's ("User3@org2.example.com", OU=client), so the chaincode checks them as
 * it checks the network's. "org2/User3" is User3 of Org2MSP. Also the publisher's directory of
 * committee certificates.
 */
public final class LocalCertificateAuthority implements PublisherWorkflow.Directory {

    /** One enrolled user: its certificate and key. */
    public record Identity(String name, String mspId, String certificatePem, PrivateKey key) {}

    private final Map<String, KeyPair> cas = new LinkedHashMap<>();
    private final Map<String, Identity> identities = new LinkedHashMap<>();

    /** The identity "orgN/UserM", enrolled on first use. */
    public synchronized Identity identity(final String name) {
        return identities.computeIfAbsent(name, this::enrol);
    }

    @Override
    public String mspId(final String identity) {
        return identity(identity).mspId();
    }

    @Override
    public String certificatePem(final String identity) {
        return identity(identity).certificatePem();
    }

    private Identity enrol(final String name) {
        final int slash = name.indexOf('/');
        if (slash < 4 || !name.startsWith("org")) {
            throw new IllegalArgumentException("identity '" + name + "' must look like org2/User3");
        }
        final String org = name.substring(0, slash);
        final String mspId = "Org" + org.substring(3) + "MSP";
        try {
            final KeyPair ca = cas.computeIfAbsent(org, o -> keyPair());
            final KeyPair user = keyPair();
            final X500Name issuer = new X500Name("CN=ca." + org + ".example.com,O=" + org + ".example.com,C=US");
            final X500Name subject = new X500Name("CN=" + name.substring(slash + 1) + "@" + org + ".example.com,OU=client,C=US");
            final Instant now = Instant.now();
            final X509CertificateHolder holder = new JcaX509v3CertificateBuilder(issuer, BigInteger.valueOf(identities.size() + 2L),
                    Date.from(now.minusSeconds(3600)), Date.from(now.plusSeconds(365L * 24 * 3600)), subject, user.getPublic())
                    .build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.getPrivate()));
            final StringWriter pem = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(pem)) {
                w.writeObject(holder);
            }
            final String certificate = pem.toString();
            Pem.certificate(certificate); // fails here, not in the chaincode, if the PEM is off
            return new Identity(name, mspId, certificate, user.getPrivate());
        } catch (Exception e) {
            throw new IllegalStateException("cannot enrol " + name + ": " + e.getMessage(), e);
        }
    }

    private static KeyPair keyPair() {
        try {
            final KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
