package dln.core.crypto;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Reads the PEM files a Fabric enrolment produces (signcerts/cert.pem, keystore/*_sk). */
public final class Pem {
    private Pem() {
    }

    /** Parses an X.509 certificate in PEM form. */
    public static X509Certificate certificate(String pem) {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
        } catch (CertificateException e) {
            throw new FragmentCryptoException("not a PEM X.509 certificate: " + e.getMessage(), e);
        }
    }

    /** Parses a private key in PEM form: PKCS#8 ({@code PRIVATE KEY}, Fabric's) or SEC1 ({@code EC PRIVATE KEY}). */
    public static PrivateKey privateKey(String pem) {
        try (PEMParser parser = new PEMParser(new StringReader(pem))) {
            Object o = parser.readObject();
            JcaPEMKeyConverter conv = new JcaPEMKeyConverter().setProvider(Providers.BC);
            if (o instanceof PrivateKeyInfo info) {
                return conv.getPrivateKey(info);
            }
            if (o instanceof PEMKeyPair pair) {
                return conv.getKeyPair(pair).getPrivate();
            }
            throw new FragmentCryptoException("PEM holds no unencrypted private key (found "
                    + (o == null ? "nothing" : o.getClass().getSimpleName()) + ")");
        } catch (IOException e) {
            throw new FragmentCryptoException("unreadable PEM private key: " + e.getMessage(), e);
        }
    }
}
