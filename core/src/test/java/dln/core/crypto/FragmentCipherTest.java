package dln.core.crypto;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.Test;

class FragmentCipherTest {
    private final SecureRandom random = new SecureRandom();

    static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** A self-signed certificate like a Fabric enrolment certificate (EC P-256, ECDSA-SHA256). */
    static X509Certificate selfSigned(KeyPair kp) throws Exception {
        X500Name name = new X500Name("CN=member1,OU=client,O=Org1");
        Date now = new Date();
        var builder = new JcaX509v3CertificateBuilder(name, BigInteger.ONE, now,
                new Date(now.getTime() + 86_400_000L), name, kp.getPublic());
        return new JcaX509CertificateConverter().getCertificate(
                builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(kp.getPrivate())));
    }

    static String pem(Object o) throws Exception {
        StringWriter w = new StringWriter();
        try (JcaPEMWriter pw = new JcaPEMWriter(w)) {
            pw.writeObject(o instanceof java.security.PrivateKey k ? new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(k, null) : o);
        }
        return w.toString();
    }

    @Test
    void roundTripThroughPemCertificateAndKey() throws Exception {
        KeyPair kp = p256();
        X509Certificate cert = Pem.certificate(pem(selfSigned(kp)));
        byte[] plain = "validation fragment 1".getBytes(StandardCharsets.UTF_8);
        byte[] ct = FragmentCipher.encrypt(plain, cert, random);
        assertEquals(FragmentCipher.HEADER + plain.length + 16, ct.length);
        assertArrayEquals(plain, FragmentCipher.decrypt(ct, Pem.privateKey(pem(kp.getPrivate()))));
        assertArrayEquals(plain, FragmentCipher.decrypt(ct, kp.getPrivate()));
        assertEquals(64, Digests.sha256Hex(plain).length());
    }

    @Test
    void wrongKeyIsRefusedClearly() throws Exception {
        KeyPair alice = p256();
        KeyPair bob = p256();
        byte[] ct = FragmentCipher.encrypt(new byte[100], selfSigned(alice), random);
        FragmentCryptoException e = assertThrows(FragmentCryptoException.class,
                () -> FragmentCipher.decrypt(ct, bob.getPrivate()));
        assertTrue(e.getMessage().contains("addressed to another key"), e.getMessage());
    }

    @Test
    void tamperingAnywhereFailsAuthentication() throws Exception {
        KeyPair kp = p256();
        byte[] ct = FragmentCipher.encrypt(new byte[64], selfSigned(kp), random);
        for (int pos : new int[]{ct.length - 1, FragmentCipher.HEADER, FragmentCipher.HEADER - 1, 40}) {
            byte[] bad = ct.clone();
            bad[pos] ^= 1;
            FragmentCryptoException e = assertThrows(FragmentCryptoException.class,
                    () -> FragmentCipher.decrypt(bad, kp.getPrivate()), "flip at " + pos);
            assertTrue(e.getMessage().contains("fail"), e.getMessage());
        }
        assertThrows(FragmentCryptoException.class, () -> FragmentCipher.decrypt(java.util.Arrays.copyOf(ct, 50), kp.getPrivate()));
    }

    @Test
    void nonP256KeysAreRefused() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        KeyPair p384 = g.generateKeyPair();
        assertThrows(FragmentCryptoException.class, () -> FragmentCipher.encrypt(new byte[1], p384.getPublic(), random));
    }
}
