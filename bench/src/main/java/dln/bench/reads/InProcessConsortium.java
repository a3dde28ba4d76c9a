package dln.bench.reads;

import dln.api.DlnLedger;
import dln.api.LedgerTransport;
import dln.chaincode.inprocess.InProcessLedger;
import dln.core.crypto.Pem;
import dln.core.protocol.Participant;
import dln.core.protocol.PublisherWorkflow;
import dln.core.storage.MemoryStore;
import dln.core.storage.WeightStore;
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
 * A consortium in this process: the real contracts over an in-memory world state, a memory
 * content store with Kubo's CIDs, and identities with real EC certificates issued by one CA per
 * organisation ("org2/User3" is User3 of Org2MSP). No network, no files.
 */
final class InProcessConsortium {

    /** One enrolled user: its certificate and key. */
    record Identity(String name, String mspId, String certificatePem, PrivateKey key) {}

    private final InProcessLedger ledger = new InProcessLedger(Instant::now);
    private final MemoryStore store = new MemoryStore();
    private final Map<String, KeyPair> cas = new LinkedHashMap<>();
    private final Map<String, Identity> identities = new LinkedHashMap<>();

    InProcessLedger ledger() {
        return ledger;
    }

    MemoryStore store() {
        return store;
    }

    /** The identity "orgN/UserM", enrolled on first use. */
    Identity identity(final String name) {
        return identities.computeIfAbsent(name, this::enrol);
    }

    /** {@code name}'s own transport to the in-process ledger. */
    LedgerTransport transport(final String name) {
        final Identity id = identity(name);
        return ledger.transport(id.mspId(), id.certificatePem());
    }

    /** A participant acting as {@code name} through {@code transport} and the shared store. */
    Participant participant(final String name, final LedgerTransport transport) {
        return new Participant(name, new DlnLedger(transport), new WeightStore(store));
    }

    Participant participant(final String name) {
        return participant(name, transport(name));
    }

    /** The committee directory a publisher encrypts fragments with. */
    PublisherWorkflow.Directory directory() {
        return new PublisherWorkflow.Directory() {
            @Override
            public String mspId(final String identity) {
                return identity(identity).mspId();
            }

            @Override
            public String certificatePem(final String identity) {
                return identity(identity).certificatePem();
            }
        };
    }

    private Identity enrol(final String name) {
        final String org = name.substring(0, name.indexOf('/'));
        final String mspId = "Org" + org.substring(3) + "MSP";
        try {
            final KeyPair ca = cas.computeIfAbsent(org, o -> keyPair());
            final KeyPair user = keyPair();
            final X500Name issuer = new X500Name("CN=ca." + org + ".example.com,O=" + org + ".example.com,C=US");
            final X500Name subject = new X500Name("CN=" + name.substring(name.indexOf('/') + 1) + "@" + org + ".example.com,OU=client,C=US");
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
