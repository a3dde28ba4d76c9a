package dln.core.secagg;

import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The pseudo-random generator masks are drawn from: AES-256 in counter mode, keyed by a 32-byte
 * seed, from a zero counter, read as big-endian 64-bit ring elements. Deterministic, so both ends
 * of a pair and whoever recovers a dropped provider expand the same seed to the same mask. Every
 * seed is derived for one model and round (HKDF with that context), so no key stream is reused.
 * The JDK's provider, not Bouncy Castle's: AES-CTR is the same stream from either, and the JDK's
 * uses the processor's AES instructions (masking a 200k-parameter step took 30-60 ms per mask
 * through Bouncy Castle's pure-Java AES on this machine; ./dln bench secagg).
 */
public final class MaskStream {
    public static final int SEED_BYTES = 32;

    private MaskStream() {
    }

    /** {@code length} ring elements expanded from {@code seed}. */
    public static long[] expand(final byte[] seed, final int length) {
        if (seed.length != SEED_BYTES) {
            throw new IllegalArgumentException("a mask seed is " + SEED_BYTES + " bytes, got " + seed.length);
        }
        try {
            final Cipher ctr = Cipher.getInstance("AES/CTR/NoPadding");
            ctr.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(seed, "AES"), new IvParameterSpec(new byte[16]));
            final ByteBuffer stream = ByteBuffer.wrap(ctr.doFinal(new byte[Math.multiplyExact(length, Long.BYTES)]));
            final long[] out = new long[length];
            for (int i = 0; i < length; i++) {
                out[i] = stream.getLong();
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JRE ships AES-CTR: " + e.getMessage(), e);
        }
    }
}
