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

    /**
     * The short, human form, as a user types it on a command line: "org2/User3" for the common
     * name "User3@org2.dln" the network's CAs issue, else the common name itself; an identity that
     * is no certificate (the submitter of a secure round's aggregate, "secure-aggregate") by its name.
     */
    public String shortName() {
        if (x509Id != null && !x509Id.isEmpty() && !x509Id.startsWith("x509::")) {
            return x509Id;
        }
        // "x509::<subject>::<issuer>": only the subject names the holder.
        final String subject = x509Id == null ? "" : x509Id.startsWith("x509::") && x509Id.indexOf("::", 6) > 0
                ? x509Id.substring(6, x509Id.indexOf("::", 6)) : x509Id;
        final int cn = subject.indexOf("CN=");
        if (cn < 0) {
            return mspId + "/?";
        }
        final int end = subject.indexOf(',', cn);
        final String name = subject.substring(cn + 3, end < 0 ? subject.length() : end);
        final java.util.regex.Matcher m = USER_AT_ORG.matcher(name);
        return m.matches() ? m.group(2) + "/" + m.group(1) : name;
    }

    private static final java.util.regex.Pattern USER_AT_ORG = java.util.regex.Pattern.compile("([A-Za-z0-9_-]+)@([A-Za-z0-9_-]+)\\..*");
}
