package dln.chaincode.inprocess;

import com.google.protobuf.ByteString;
import dln.api.LedgerEvents;
import dln.api.LedgerException;
import dln.api.LedgerTransport;
import dln.api.Tx;
import dln.api.view.LedgerIdentity;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.hyperledger.fabric.protos.msp.SerializedIdentity;

/**
 * A one-process ledger: {@link LedgerTransport}s for any number of identities over one
 * {@link InProcessChain}, so the clients' own typed calls (dln.api.DlnLedger) meet the real
 * contracts without a network. A refusal is the same {@link LedgerException} the Fabric
 * gateway gives: the broken rule's name as its code.
 */
public final class InProcessLedger {

    private final InProcessChain chain;
    private final LedgerEvents events;

    /** A ledger whose transactions take their timestamps from {@code clock}. */
    public InProcessLedger(final Supplier<Instant> clock) {
        this.chain = new InProcessChain(clock);
        this.events = chain.events();
    }

    /** The chain underneath (world state, key counts). */
    public InProcessChain chain() {
        return chain;
    }

    /** A transport that signs as the holder of {@code certificatePem} under {@code mspId}. */
    public LedgerTransport transport(final String mspId, final String certificatePem) {
        final X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(certificatePem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new IllegalArgumentException("not a PEM X.509 certificate: " + e.getMessage(), e);
        }
        final byte[] creator = SerializedIdentity.newBuilder().setMspid(mspId).setIdBytes(ByteString.copyFromUtf8(certificatePem))
                .build().toByteArray();
        return new Transport(chain, events, creator, LedgerIdentity.of(mspId, cert));
    }

    private record Transport(InProcessChain chain, LedgerEvents events, byte[] creator, LedgerIdentity identity) implements LedgerTransport {

        @Override
        public byte[] submit(final Tx tx, final String... args) {
            if (!tx.submit()) {
                // On Fabric a submitted query would be ordered and cut into a block for nothing.
                throw new IllegalArgumentException(tx.qualified() + " is a query: evaluate it, do not submit it");
            }
            return call(tx, true, args);
        }

        @Override
        public byte[] evaluate(final Tx tx, final String... args) {
            return call(tx, false, args);
        }

        private byte[] call(final Tx tx, final boolean commit, final String... args) {
            final Invocation r = chain.invoke(creator, tx.qualified(), List.of(args), commit);
            if (!r.ok()) {
                final String code = r.payload() == null ? "LEDGER_ERROR" : new String(r.payload(), StandardCharsets.UTF_8);
                throw new LedgerException(code, tx.qualified() + " refused: " + r.message(), null);
            }
            return r.payload() == null ? new byte[0] : r.payload();
        }

        @Override
        public void close() {
            // Nothing to release: the chain outlives its transports.
        }
    }
}
