package dln.core.secagg;

import dln.api.Rule;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.bouncycastle.crypto.threshold.ShamirSecretSplitter;
import org.bouncycastle.crypto.threshold.ShamirSplitSecret;
import org.bouncycastle.crypto.threshold.ShamirSplitSecretShare;

/**
 * t-of-n Shamir sharing of a provider's secrets among the round's providers, with Bouncy
 * Castle's splitter (byte-wise over GF(2^8), the AES field: any t shares rebuild the secret, fewer
 * reveal nothing about it). Share i (1..n) goes to the i-th provider of the round's sorted key set.
 * The threshold is enforced here: with fewer than t shares nothing is rebuilt (Bouncy Castle would
 * interpolate a wrong value without noticing).
 */
public final class SecretShares {
    private static final ShamirSecretSplitter.Algorithm FIELD = ShamirSecretSplitter.Algorithm.AES;
    private static final ShamirSecretSplitter.Mode MODE = ShamirSecretSplitter.Mode.Table;

    private SecretShares() {
    }

    /** n shares of {@code secret}, any {@code threshold} of which rebuild it; element i is share i+1. */
    public static List<byte[]> split(final byte[] secret, final int threshold, final int n, final SecureRandom random) {
        if (threshold < 2 || threshold > n || n > 255) {
            throw new IllegalArgumentException("need 2 <= threshold <= n <= 255, got threshold " + threshold + " of " + n);
        }
        // Bouncy Castle 1.80 sizes the array of shares by the secret's length rather than by n (the
        // first n entries are the shares): a secret padded to at least n bytes gets all n.
        final byte[] padded = new byte[Math.max(secret.length, n)];
        System.arraycopy(secret, 0, padded, padded.length - secret.length, secret.length);
        final ShamirSplitSecret split = new ShamirSecretSplitter(FIELD, MODE, padded.length, random).resplit(padded, threshold, n);
        final List<byte[]> out = new ArrayList<>(n);
        for (final ShamirSplitSecretShare s : java.util.Arrays.copyOf(split.getSecretShares(), n)) {
            try {
                out.add(s.getEncoded());
            } catch (IOException e) {
                throw new IllegalStateException("a share in memory cannot fail to encode", e);
            }
        }
        return out;
    }

    /**
     * The secret of {@code length} bytes from shares by their index (1..n).
     *
     * @throws SecureAggregationException SECAGG_BELOW_THRESHOLD with fewer than {@code threshold} shares
     */
    public static byte[] rebuild(final Map<Integer, byte[]> shares, final int threshold, final int length, final String whose) {
        if (shares.size() < threshold) {
            throw new SecureAggregationException(Rule.SECAGG_BELOW_THRESHOLD, shares.size() + " shares of " + whose
                    + " were revealed; rebuilding it takes " + threshold);
        }
        final ShamirSplitSecretShare[] parts = shares.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .limit(threshold).map(e -> new ShamirSplitSecretShare(e.getValue(), e.getKey())).toArray(ShamirSplitSecretShare[]::new);
        try {
            final byte[] padded = new ShamirSplitSecret(FIELD, MODE, parts).getSecret();
            return java.util.Arrays.copyOfRange(padded, padded.length - length, padded.length);
        } catch (IOException e) {
            throw new IllegalStateException("rebuilding from shares in memory cannot fail to encode", e);
        }
    }
}
