package dln.core.crypto;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.jce.spec.ECPublicKeySpec;
import org.bouncycastle.math.ec.ECPoint;

/**
 * Encrypts validation fragments to a committee member's EC P-256 key (the key of its Fabric
 * enrolment certificate): ephemeral ECDH, HKDF-SHA256, AES-256-GCM. The byte layout is in
 * docs/formats.md ("Fragment ciphertext").
 *
 * <p>The header names the recipient's key (SHA-256 of its uncompressed point) so that a fragment
 * sent to the wrong member fails with "addressed to another key" before any decryption; the whole
 * header is GCM associated data, so tampering anywhere fails authentication.
 */
public final class FragmentCipher {
    /** ASCII {@code DLNE}. */
    static final byte[] MAGIC = {'D', 'L', 'N', 'E'};
    static final int VERSION = 1;
    static final int SUITE_P256_HKDF_SHA256_AES256GCM = 1;
    static final int POINT = 65;
    static final int NONCE = 12;
    static final int TAG_BITS = 128;
    /** magic + version + suite + key id + ephemeral point + nonce. */
    static final int HEADER = 4 + 1 + 1 + 32 + POINT + NONCE;
    private static final byte[] INFO_LABEL = "dln-fragment-v1".getBytes(StandardCharsets.US_ASCII);
    private static final ECNamedCurveParameterSpec P256 = ECNamedCurveTable.getParameterSpec("secp256r1");

    private FragmentCipher() {
    }

    /** Encrypts {@code plaintext} to the EC P-256 public key in {@code recipient}. */
    public static byte[] encrypt(byte[] plaintext, X509Certificate recipient, SecureRandom random) {
        return encrypt(plaintext, recipient.getPublicKey(), random);
    }

    /** Encrypts {@code plaintext} to an EC P-256 public key. */
    public static byte[] encrypt(byte[] plaintext, PublicKey recipient, SecureRandom random) {
        byte[] recipientPoint = p256Point(recipient);
        try {
            KeyPairGenerator gen = KeyPairGenerator.getInstance("EC", Providers.BC);
            gen.initialize(new ECGenParameterSpec("secp256r1"), random);
            KeyPair eph = gen.generateKeyPair();
            byte[] ephPoint = p256Point(eph.getPublic());
            byte[] nonce = new byte[NONCE];
            random.nextBytes(nonce);
            ByteBuffer header = ByteBuffer.allocate(HEADER)
                    .put(MAGIC).put((byte) VERSION).put((byte) SUITE_P256_HKDF_SHA256_AES256GCM)
                    .put(Digests.sha256(recipientPoint)).put(ephPoint).put(nonce);
            byte[] key = deriveKey(agree(eph.getPrivate(), recipient), ephPoint, recipientPoint);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding", Providers.BC);
            gcm.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(header.array());
            byte[] body = gcm.doFinal(plaintext);
            byte[] out = Arrays.copyOf(header.array(), HEADER + body.length);
            System.arraycopy(body, 0, out, HEADER, body.length);
            return out;
        } catch (GeneralSecurityException e) {
            throw new FragmentCryptoException("fragment encryption failed: " + e.getMessage(), e);
        }
    }

    /**
     * Decrypts a fragment with the recipient's private key.
     *
     * @throws FragmentCryptoException if the fragment is malformed, addressed to another key,
     *                                 or fails authentication (tampered)
     */
    public static byte[] decrypt(byte[] ciphertext, PrivateKey recipientKey) {
        if (ciphertext.length < HEADER + TAG_BITS / 8) {
            throw new FragmentCryptoException("truncated fragment ciphertext: " + ciphertext.length + " bytes");
        }
        ByteBuffer in = ByteBuffer.wrap(ciphertext);
        byte[] magic = new byte[4];
        in.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new FragmentCryptoException("not a dln fragment ciphertext: bad magic " + HexFormat.of().formatHex(magic));
        }
        int version = Byte.toUnsignedInt(in.get());
        int suite = Byte.toUnsignedInt(in.get());
        if (version != VERSION || suite != SUITE_P256_HKDF_SHA256_AES256GCM) {
            throw new FragmentCryptoException("unsupported fragment version " + version + " / suite " + suite);
        }
        byte[] keyId = new byte[32];
        in.get(keyId);
        byte[] ephPoint = new byte[POINT];
        in.get(ephPoint);
        byte[] nonce = new byte[NONCE];
        in.get(nonce);
        if (!(recipientKey instanceof java.security.interfaces.ECPrivateKey ecKey)) {
            throw new FragmentCryptoException("fragment keys are EC P-256; got a "
                    + recipientKey.getAlgorithm() + " key (" + recipientKey.getClass().getSimpleName() + ")");
        }
        byte[] ownPoint = P256.getG().multiply(ecKey.getS()).normalize().getEncoded(false);
        if (!MessageDigest.isEqual(keyId, Digests.sha256(ownPoint))) {
            throw new FragmentCryptoException("fragment is addressed to another key (key id "
                    + HexFormat.of().formatHex(keyId, 0, 8) + "..., ours " + HexFormat.of().formatHex(Digests.sha256(ownPoint), 0, 8) + "...)");
        }
        try {
            PublicKey eph = publicKey(ephPoint);
            byte[] key = deriveKey(agree(recipientKey, eph), ephPoint, ownPoint);
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding", Providers.BC);
            gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
            gcm.updateAAD(ciphertext, 0, HEADER);
            return gcm.doFinal(ciphertext, HEADER, ciphertext.length - HEADER);
        } catch (AEADBadTagException e) {
            throw new FragmentCryptoException("fragment failed authentication: tampered ciphertext or wrong key", e);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new FragmentCryptoException("fragment decryption failed: " + e.getMessage(), e);
        }
    }

    private static byte[] agree(PrivateKey priv, PublicKey pub) throws GeneralSecurityException {
        KeyAgreement ka = KeyAgreement.getInstance("ECDH", Providers.BC);
        ka.init(priv);
        ka.doPhase(pub, true);
        return ka.generateSecret();
    }

    private static byte[] deriveKey(byte[] shared, byte[] ephPoint, byte[] recipientPoint) {
        byte[] info = ByteBuffer.allocate(INFO_LABEL.length + 2 * POINT)
                .put(INFO_LABEL).put(ephPoint).put(recipientPoint).array();
        HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
        hkdf.init(new HKDFParameters(shared, null, info));
        byte[] key = new byte[32];
        hkdf.generateBytes(key, 0, key.length);
        return key;
    }

    /** The 65-byte uncompressed SEC1 point of a P-256 public key; refuses other curves and algorithms. */
    static byte[] p256Point(PublicKey key) {
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(key.getEncoded());
        boolean ec = X9ObjectIdentifiers.id_ecPublicKey.equals(spki.getAlgorithm().getAlgorithm());
        boolean p256 = ec && SECObjectIdentifiers.secp256r1.equals(spki.getAlgorithm().getParameters());
        if (!p256) {
            throw new FragmentCryptoException("recipient key must be EC P-256, got " + spki.getAlgorithm().getAlgorithm()
                    + (ec ? " on curve " + spki.getAlgorithm().getParameters() : ""));
        }
        byte[] point = spki.getPublicKeyData().getBytes();
        if (point.length == POINT) {
            return point;
        }
        return P256.getCurve().decodePoint(point).getEncoded(false);
    }

    private static PublicKey publicKey(byte[] point) throws GeneralSecurityException {
        ECPoint q = P256.getCurve().decodePoint(point);
        return KeyFactory.getInstance("EC", Providers.BC).generatePublic(new ECPublicKeySpec(q, P256));
    }
}
