package dln.core.secagg;

import dln.core.crypto.Digests;
import dln.core.crypto.FragmentCipher;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

/**
 * The two shares provider i gives provider j (of i's mask key and of its self seed), encrypted
 * to j's Fabric enrolment key with the same ECDH P-256 / HKDF / AES-GCM envelope as validation
 * fragments ({@link FragmentCipher}). The plaintext names the round and both indices, and the
 * recipient checks them, so a share posted for another round or another pair is refused.
 */
public final class ShareEnvelope {
    private static final byte[] LABEL = "dln-secagg-share-v1".getBytes(StandardCharsets.US_ASCII);

    /** The two shares, each as long as its secret padded to the key set's size ({@link SecretShares#split}). */
    public record Shares(byte[] maskKey, byte[] selfSeed) {
        public Shares {
            maskKey = maskKey.clone();
            selfSeed = selfSeed.clone();
        }

        @Override
        public byte[] maskKey() {
            return maskKey.clone();
        }

        @Override
        public byte[] selfSeed() {
            return selfSeed.clone();
        }
    }

    private ShareEnvelope() {
    }

    /**
     * The commitment posted with an envelope: SHA-256 hex of the mask-key share, then of the
     * self-seed share (128 hex digits). A share is uniformly random, so its hash reveals nothing;
     * the ledger refuses a revealed share that does not match it, and a recipient whose envelope
     * opens to shares that do not match it reports the sender ({@link #matches}).
     */
    public static String commitment(final Shares shares) {
        return Digests.sha256Hex(shares.maskKey()) + Digests.sha256Hex(shares.selfSeed());
    }

    /** Whether {@code share} is the one {@code commitment} names: the self-seed share if {@code selfSeed}, else the mask-key share. */
    public static boolean matches(final String commitment, final byte[] share, final boolean selfSeed) {
        return commitment != null && commitment.length() == 128
                && (selfSeed ? commitment.substring(64) : commitment.substring(0, 64)).equals(Digests.sha256Hex(share));
    }

    /** Base64 of the envelope from {@code from} to {@code to} (key-set indices). */
    public static String seal(final Shares shares, final String context, final int from, final int to, final PublicKey recipient,
                              final SecureRandom random) {
        final byte[] plain = plaintext(context, from, to, shares.maskKey(), shares.selfSeed());
        return Base64.getEncoder().encodeToString(FragmentCipher.encrypt(plain, recipient, random));
    }

    /** Opens an envelope addressed to {@code to}; refuses one bound to another round or pair. */
    public static Shares open(final String sealed, final String context, final int from, final int to, final PrivateKey key) {
        final byte[] plain = FragmentCipher.decrypt(Base64.getDecoder().decode(sealed), key);
        // Shares are as long as the secret padded to the key set's size (SecretShares), so their length is in the envelope.
        final int header = LABEL.length + 4 + context.getBytes(StandardCharsets.UTF_8).length + 8;
        final int maskLength = plain.length >= header + 4 ? ByteBuffer.wrap(plain, header, 4).getInt() : -1;
        final boolean fits = maskLength >= 0 && maskLength <= plain.length - header - 4;
        final byte[] mask = fits ? Arrays.copyOfRange(plain, header + 4, header + 4 + maskLength) : new byte[0];
        final byte[] self = fits ? Arrays.copyOfRange(plain, header + 4 + maskLength, plain.length) : new byte[0];
        if (!fits || !Arrays.equals(plain, plaintext(context, from, to, mask, self))) {
            throw new IllegalArgumentException("the shares from provider " + from + " are not bound to " + context + ", " + from + " -> " + to);
        }
        return new Shares(mask, self);
    }

    private static byte[] plaintext(final String context, final int from, final int to, final byte[] mask, final byte[] self) {
        final byte[] ctx = context.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(LABEL.length + 4 + ctx.length + 8 + 4 + mask.length + self.length)
                .put(LABEL).putInt(ctx.length).put(ctx).putInt(from).putInt(to).putInt(mask.length).put(mask).put(self).array();
    }
}
