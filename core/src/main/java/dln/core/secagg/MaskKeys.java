package dln.core.secagg;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.Arrays;
import java.util.HexFormat;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.jce.ECNamedCurveTable;
import org.bouncycastle.jce.spec.ECNamedCurveParameterSpec;
import org.bouncycastle.math.ec.ECPoint;

/**
 * One provider's secrets for one round: the P-256 mask key (s_u in Bonawitz et al.; its public
 * point goes on the ledger, and ECDH with another provider's point gives their pairwise seed) and
 * the self-mask seed (b_u). Both are derived from the provider's Fabric enrolment key with HKDF
 * over the model and round, so a restarted provider finds them again without keeping local state,
 * and revealing one (a dropped provider's mask key is rebuilt from shares) reveals nothing of the
 * enrolment key or of other rounds. The enrolment key itself never masks anything: a mask key is
 * revealed when its provider drops out.
 */
public final class MaskKeys {
    static final ECNamedCurveParameterSpec P256 = ECNamedCurveTable.getParameterSpec("secp256r1");
    private static final byte[] MASK_LABEL = "dln-secagg-mask-v1|".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] SELF_LABEL = "dln-secagg-self-v1|".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] PAIR_LABEL = "dln-secagg-pair-v1|".getBytes(StandardCharsets.US_ASCII);
    /** Bytes of a P-256 scalar, the form a mask key is shared in. */
    public static final int SCALAR_BYTES = 32;

    private final BigInteger maskScalar;
    private final byte[] selfSeed;

    private MaskKeys(final BigInteger maskScalar, final byte[] selfSeed) {
        this.maskScalar = maskScalar;
        this.selfSeed = selfSeed;
    }

    /** The keys of the holder of {@code enrolmentKey} (EC P-256) for {@code context} (model and round, see {@link #context}). */
    public static MaskKeys derive(final PrivateKey enrolmentKey, final String context) {
        if (!(enrolmentKey instanceof ECPrivateKey ec)) {
            throw new IllegalArgumentException("secure aggregation derives its keys from an EC P-256 enrolment key, got "
                    + enrolmentKey.getAlgorithm());
        }
        final byte[] ikm = fixed(ec.getS());
        final BigInteger n = P256.getN();
        final BigInteger d = new BigInteger(1, hkdf(ikm, MASK_LABEL, context, 48)).mod(n.subtract(BigInteger.ONE)).add(BigInteger.ONE);
        return new MaskKeys(d, hkdf(ikm, SELF_LABEL, context, MaskStream.SEED_BYTES));
    }

    /** A mask key rebuilt from shares (its 32-byte big-endian scalar); it has no self seed. */
    public static BigInteger scalar(final byte[] shared) {
        final BigInteger d = new BigInteger(1, shared);
        if (d.signum() == 0 || d.compareTo(P256.getN()) >= 0) {
            throw new IllegalArgumentException("not a P-256 scalar: the shares do not rebuild a mask key");
        }
        return d;
    }

    /** The public mask key of a rebuilt scalar, as {@link #publicKeyHex()} gives it: what a rebuilt mask key must match. */
    public static String publicKeyHex(final BigInteger d) {
        return HexFormat.of().formatHex(P256.getG().multiply(d).normalize().getEncoded(false));
    }

    /** "modelId:round", what every derivation and share is bound to. */
    public static String context(final String modelId, final int round) {
        return modelId + ":" + round;
    }

    /** The public mask key as 130 lower-case hex digits (the uncompressed SEC1 point), as the ledger records it. */
    public String publicKeyHex() {
        return HexFormat.of().formatHex(P256.getG().multiply(maskScalar).normalize().getEncoded(false));
    }

    /** The mask key's scalar, 32 bytes big-endian (what is shared). */
    public byte[] maskSecret() {
        return fixed(maskScalar);
    }

    /** The self-mask seed b_u (a copy). */
    public byte[] selfSeed() {
        return selfSeed.clone();
    }

    /** This provider's pairwise seed with the holder of {@code otherPublicHex}. */
    public byte[] pairSeed(final String otherPublicHex, final String context) {
        return pairSeed(maskScalar, otherPublicHex, context);
    }

    /**
     * The pairwise seed of the holder of scalar {@code d} and of {@code otherPublicHex}: HKDF-SHA256
     * of the ECDH x-coordinate, bound to the context. Symmetric: either end computes the same seed.
     */
    public static byte[] pairSeed(final BigInteger d, final String otherPublicHex, final String context) {
        final ECPoint other = point(otherPublicHex);
        final byte[] shared = fixed(other.multiply(d).normalize().getAffineXCoord().toBigInteger());
        return hkdf(shared, PAIR_LABEL, context, MaskStream.SEED_BYTES);
    }

    /** Decodes and validates a public mask key (an uncompressed P-256 point in hex). */
    public static ECPoint point(final String publicHex) {
        final byte[] bytes;
        try {
            bytes = HexFormat.of().parseHex(publicHex);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a public mask key is 130 hex digits: " + e.getMessage(), e);
        }
        if (bytes.length != 65 || bytes[0] != 4) {
            throw new IllegalArgumentException("a public mask key is an uncompressed P-256 point (65 bytes, 0x04 first)");
        }
        final ECPoint p = P256.getCurve().decodePoint(bytes);
        if (!p.isValid() || p.isInfinity()) {
            throw new IllegalArgumentException("the public mask key is not a point of P-256");
        }
        return p;
    }

    private static byte[] hkdf(final byte[] ikm, final byte[] label, final String context, final int length) {
        final byte[] ctx = context.getBytes(StandardCharsets.UTF_8);
        final byte[] info = Arrays.copyOf(label, label.length + ctx.length);
        System.arraycopy(ctx, 0, info, label.length, ctx.length);
        final HKDFBytesGenerator g = new HKDFBytesGenerator(new SHA256Digest());
        g.init(new HKDFParameters(ikm, null, info));
        final byte[] out = new byte[length];
        g.generateBytes(out, 0, length);
        return out;
    }

    static byte[] fixed(final BigInteger v) {
        final byte[] raw = v.toByteArray();
        final byte[] out = new byte[SCALAR_BYTES];
        final int n = Math.min(raw.length, SCALAR_BYTES);
        System.arraycopy(raw, raw.length - n, out, SCALAR_BYTES - n, n);
        return out;
    }
}
