package dln.core.secagg;

import dln.api.Rule;
import dln.api.view.LedgerIdentity;
import dln.api.view.SecureRoundView;
import dln.core.storage.WeightStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Recovers a securely aggregated round's aggregate from what the ledger and IPFS hold, as
 * anyone can once the threshold of survivors revealed their shares: rebuilds each survivor's self
 * seed and each dropped provider's mask key, fetches the survivors' masked updates, unmasks their
 * sum and returns the round's start plus the survivors' weighted mean step. Pure but for the fetches.
 */
public final class SecureAggregate {

    private SecureAggregate() {
    }

    /** The quantised sum of the survivors' steps. */
    public static long[] sum(final SecureRoundView view, final WeightStore store, final int parameters, final String context) {
        final SecureRoundView.Round r = view.round();
        final List<LedgerIdentity> keys = r.keys();
        if (r.revealed().size() < r.threshold()) {
            throw new SecureAggregationException(Rule.SECAGG_BELOW_THRESHOLD, r.revealed().size() + " survivors revealed their shares in round "
                    + r.round() + "; recovering the aggregate takes " + r.threshold());
        }
        final Map<LedgerIdentity, SecureRoundView.Party> parties = new HashMap<>();
        view.parties().forEach(p -> parties.put(p.identity(), p));
        final Map<Integer, String> publicKeys = new HashMap<>();
        final SortedMap<Integer, long[]> masked = new TreeMap<>();
        final Map<Integer, byte[]> selfSeeds = new HashMap<>();
        final SortedMap<Integer, BigInteger> dropped = new TreeMap<>();
        final SortedMap<Integer, String> survivors = new TreeMap<>();
        for (int pos = 0; pos < r.shared().size(); pos++) {
            final LedgerIdentity who = r.shared().get(pos);
            final int index = keys.indexOf(who);
            publicKeys.put(index, parties.get(who).maskKey());
            final boolean survived = r.masked().contains(who);
            final Map<Integer, byte[]> shares = validShares(r, parties, who, pos, survived);
            if (survived) {
                selfSeeds.put(index, SecretShares.rebuild(shares, r.threshold(), MaskStream.SEED_BYTES, "the self seed of " + who));
                survivors.put(index, parties.get(who).maskedCid());
            } else {
                final BigInteger d = MaskKeys.scalar(SecretShares.rebuild(shares, r.threshold(), MaskKeys.SCALAR_BYTES, "the mask key of " + who));
                if (!MaskKeys.publicKeyHex(d).equals(parties.get(who).maskKey())) {
                    // Every share matched its commitment, yet they rebuild another key: the sender dealt inconsistent shares.
                    throw new SecureAggregationException(Rule.SECAGG_SHARE_INVALID, who + " dealt shares that do not rebuild its mask key");
                }
                dropped.put(index, d);
            }
        }
        // Fetched once every secret is rebuilt: a sender with too few valid shares is named before any download.
        survivors.forEach((index, cid) -> masked.put(index, fetch(store, cid, parameters)));
        return Masking.unmask(masked, selfSeeds, dropped, publicKeys, context);
    }

    /**
     * The revealed shares of {@code who}'s secret that match its commitments, by the revealer's
     * index + 1; an empty share (its recipient reported it invalid) or one that does not match is
     * set aside, and recovery goes on with the others.
     *
     * @throws SecureAggregationException SECAGG_SHARE_INVALID, naming {@code who}, when its invalid
     *     shares leave fewer than the threshold
     */
    private static Map<Integer, byte[]> validShares(final SecureRoundView.Round r, final Map<LedgerIdentity, SecureRoundView.Party> parties,
            final LedgerIdentity who, final int pos, final boolean selfSeed) {
        final List<String> commitments = parties.get(who).commitments();
        final Map<Integer, byte[]> shares = new HashMap<>();
        final List<LedgerIdentity> reporters = new java.util.ArrayList<>();
        for (final LedgerIdentity revealer : r.revealed()) {
            final int j = r.keys().indexOf(revealer);
            final String hex = parties.get(revealer).revealed().get(pos);
            final byte[] share = HexFormat.of().parseHex(hex);
            // A sender without commitments shared before they existed (a round across a chaincode upgrade): nothing to check against.
            final boolean committed = commitments.isEmpty() || j < commitments.size() && ShareEnvelope.matches(commitments.get(j), share, selfSeed);
            if (hex.isEmpty() || !committed) {
                reporters.add(revealer);
            } else {
                shares.put(j + 1, share);
            }
        }
        if (!reporters.isEmpty() && shares.size() < r.threshold()) {
            throw new SecureAggregationException(Rule.SECAGG_SHARE_INVALID, who + " dealt invalid shares (reported by " + reporters
                    + "): " + shares.size() + " valid shares of its " + (selfSeed ? "self seed" : "mask key") + " remain, recovering it takes "
                    + r.threshold());
        }
        return shares;
    }

    /**
     * The aggregate: {@code start} plus the survivors' weighted mean step. Each survivor masked its
     * step scaled by its weight ({@link SecureWeights}), so the sum is divided by their total weight.
     */
    public static float[] weights(final SecureRoundView view, final dln.api.view.ModelView.Weighting weighting, final WeightStore store,
            final float[] start, final String context) {
        final float[] mean = FixedPoint.mean(sum(view, store, start.length, context), SecureWeights.total(weighting, view));
        final float[] out = new float[start.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = start[i] + mean[i];
        }
        return out;
    }

    private static long[] fetch(final WeightStore store, final String cid, final int parameters) {
        try {
            return MaskedVectors.decode(store.getBytes(cid, MaskedVectors.HEADER + parameters * Long.BYTES), parameters);
        } catch (IOException e) {
            throw new UncheckedIOException("masked update " + cid + ": " + e.getMessage(), e);
        }
    }
}
