package dln.core.protocol;

import dln.core.ledger.DlnLedger;
import dln.core.ledger.view.LedgerIdentity;
import dln.core.storage.WeightStore;

/** One identity's handles on the network: its ledger connection and the shared IPFS store. */
public record Participant(String label, DlnLedger ledger, WeightStore store) implements AutoCloseable {

    /** This participant's ledger identity, as the chaincode derives it from the certificate. */
    public LedgerIdentity identity() {
        final var c = ledger.client();
        return new LedgerIdentity(c.identity().organization().mspId(), x509Id(c.certificate()));
    }

    /** The X.509 id the Fabric Java shim derives: "x509::<subject DN>::<issuer DN>", same DN printing. */
    @SuppressWarnings("deprecation")
    static String x509Id(final java.security.cert.X509Certificate cert) {
        return "x509::" + cert.getSubjectDN().getName() + "::" + cert.getIssuerDN().getName();
    }

    @Override
    public void close() {
        ledger.close();
    }
}
