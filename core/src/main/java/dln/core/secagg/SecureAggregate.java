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
        for (int pos = 0; pos < r.shared().size(); pos++) {
            final LedgerIdentity who = r.shared().get(pos);
            final int index = keys.indexOf(who);
            publicKeys.put(index, parties.get(who).maskKey());
            final Map<Integer, byte[]> shares = new HashMap<>();
            for (final LedgerIdentity revealer : r.revealed()) {
                shares.put(keys.indexOf(revealer) + 1, HexFormat.of().parseHex(parties.get(revealer).revealed().get(pos)));
            }
            if (r.masked().contains(who)) {
                selfSeeds.put(index, SecretShares.rebuild(shares, r.threshold(), MaskStream.SEED_BYTES, "the self seed of " + who));
                masked.put(index, fetch(store, parties.get(who).maskedCid(), parameters));
            } else {
                dropped.put(index, MaskKeys.scalar(SecretShares.rebuild(shares, r.threshold(), MaskKeys.SCALAR_BYTES, "the mask key of " + who)));
            }
        }
        return Masking.unmask(masked, selfSeeds, dropped, publicKeys, context);
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
