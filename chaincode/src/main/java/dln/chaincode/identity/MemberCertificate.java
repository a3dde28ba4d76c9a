package dln.chaincode.identity;

import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;

/**
 * What the ledger keeps of a committee member's certificate: the X.509 id the member will present
 * when it signs (derived exactly as the shim's ClientIdentity derives it, so the two compare
 * equal) and the EC public key its validation fragment is encrypted to.
 */
public record MemberCertificate(String x509Id, String publicKeyPem, String certificateSha256) {

    public static final int MAX_PEM_CHARS = 8192;

    public static MemberCertificate parse(final String pem, final Instant now, final String where) {
        if (pem.length() > MAX_PEM_CHARS || !pem.contains("-----BEGIN CERTIFICATE-----")) {
            throw Violation.of(Rule.INVALID_CERTIFICATE, where + " must be one PEM X.509 certificate (at most " + MAX_PEM_CHARS + " characters)");
        }
        final X509Certificate cert;
        try {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException | ClassCastException e) {
            throw Violation.of(Rule.INVALID_CERTIFICATE, where + " is not a parsable X.509 certificate: " + e.getMessage());
        }
        if (!(cert.getPublicKey() instanceof ECPublicKey)) {
            throw Violation.of(Rule.INVALID_CERTIFICATE, where + " must carry an EC public key (fragments are encrypted with ECDH)");
        }
        if (now.isBefore(cert.getNotBefore().toInstant()) || now.isAfter(cert.getNotAfter().toInstant())) {
            throw Violation.of(Rule.INVALID_CERTIFICATE, where + " is not valid at the transaction time " + now);
        }
        ClientCertificate.require(cert, where);
        try {
            // getSubjectDN().getName() is deprecated but is exactly what ClientIdentity uses.
            @SuppressWarnings("deprecation")
            final String id = "x509::" + cert.getSubjectDN().getName() + "::" + cert.getIssuerDN().getName();
            final String keyPem = "-----BEGIN PUBLIC KEY-----\n"
                    + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getPublicKey().getEncoded())
                    + "\n-----END PUBLIC KEY-----\n";
            final String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(cert.getEncoded()));
            return new MemberCertificate(id, keyPem, digest);
        } catch (CertificateException | NoSuchAlgorithmException e) {
            throw Violation.of(Rule.INVALID_CERTIFICATE, where + " cannot be encoded: " + e.getMessage());
        }
    }
}
