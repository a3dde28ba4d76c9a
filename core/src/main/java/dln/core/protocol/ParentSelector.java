package dln.core.protocol;

import dln.api.DlnLedger;
import dln.api.view.UpdateView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gossip parent choice: score-weighted sampling without replacement among the most recent
 * accepted updates, so better models are picked more and the DAG converges by selection.
 * Seeded, so a provider's choice can be replayed.
 */
public record ParentSelector(int recent, boolean higherIsBetter) {

    /** How many of the most recent accepted updates gossip chooses parents among. */
    public static final int RECENT_WINDOW = 8;

    /** The selector every provider uses: the {@link #RECENT_WINDOW} most recent accepted updates. */
    public static ParentSelector recent(final boolean higherIsBetter) {
        return new ParentSelector(RECENT_WINDOW, higherIsBetter);
    }

    public ParentSelector {
        // The window is read as one page of the ledger.
        if (recent < 1 || recent > DlnLedger.MAX_PAGE) {
            throw new IllegalArgumentException("recent must be in 1.." + DlnLedger.MAX_PAGE + ", got " + recent);
        }
    }

    /** Up to {@code k} parents, sorted by id; ["initial"] when nothing is accepted yet. */
    public List<String> choose(final List<UpdateView> accepted, final int k, final long seed) {
        if (accepted.isEmpty()) {
            return List.of(UpdateView.INITIAL);
        }
        final List<UpdateView> pool = new ArrayList<>(accepted.stream()
                .sorted(Comparator.comparing(UpdateView::decidedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                        .thenComparing(UpdateView::id).reversed())
                .limit(recent).toList());
        final SplittableRandom random = new SplittableRandom(seed);
        final List<String> chosen = new ArrayList<>();
        while (chosen.size() < k && !pool.isEmpty()) {
            double total = 0;
            final double[] w = new double[pool.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = weight(pool.get(i).score());
                total += w[i];
            }
            double r = random.nextDouble() * total;
            int pick = w.length - 1;
            for (int i = 0; i < w.length; i++) {
                r -= w[i];
                if (r < 0) {
                    pick = i;
                    break;
                }
            }
            chosen.add(pool.remove(pick).id());
        }
        return chosen.stream().sorted().toList();
    }

    /** The head of a gossip model: the best-scored recent accepted update. */
    public static java.util.Optional<UpdateView> head(final List<UpdateView> accepted, final boolean higherIsBetter) {
        final Comparator<UpdateView> byScore = Comparator.comparingDouble(u -> u.score() == null ? Double.NaN : u.score());
        return accepted.stream().filter(u -> u.score() != null)
                .max(higherIsBetter ? byScore.thenComparing(UpdateView::id) : byScore.reversed().thenComparing(UpdateView::id));
    }

    private double weight(final Double score) {
        if (score == null || !Double.isFinite(score)) {
            return 1e-6;
        }
        // Squared accuracy sharpens the preference for better models; losses invert.
        return higherIsBetter ? Math.max(1e-6, score * score) : 1.0 / (1e-6 + Math.max(0, score));
    }
}
