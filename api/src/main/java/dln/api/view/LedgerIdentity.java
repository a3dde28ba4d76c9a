package dln.api.view;

import java.security.cert.X509Certificate;

/** Who did something on the ledger: MSP id and X.509 id, both taken from a certificate. */
public record LedgerIdentity(String mspId, String x509Id) {

    /** The identity the chaincode derives from {@code cert} issued under {@code mspId}. */
    public static LedgerIdentity of(final String mspId, final X509Certificate cert) {
        return new LedgerIdentity(mspId, x509Id(cert));
    }

    /** The X.509 id the Fabric Java shim derives: "x509::<subject DN>::<issuer DN>", same DN printing. */
    @SuppressWarnings("deprecation")
    public static String x509Id(final X509Certificate cert) {
        return "x509::" + cert.getSubjectDN().getName() + "::" + cert.getIssuerDN().getName();
    }

    /** The short, human form: the certificate's common name. */
    public String shortName() {
        final int cn = x509Id == null ? -1 : x509Id.indexOf("CN=");
        if (cn < 0) {
            return mspId + "/?";
        }
        final int end = x509Id.indexOf(',', cn);
        return x509Id.substring(cn + 3, end < 0 ? x509Id.length() : end);
    }
}
