package dln.core.ledger.view;

/** Who did something on the ledger: MSP id and X.509 id, both taken from a certificate. */
public record LedgerIdentity(String mspId, String x509Id) {
    /** The short, human form: MSP id and the certificate's common name. */
    public String shortName() {
        final int cn = x509Id == null ? -1 : x509Id.indexOf("CN=");
        if (cn < 0) {
            return mspId + "/?";
        }
        final int end = x509Id.indexOf(',', cn);
        return x509Id.substring(cn + 3, end < 0 ? x509Id.length() : end);
    }
}
