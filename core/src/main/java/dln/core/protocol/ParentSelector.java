package dln.core.protocol;

import dln.api.DlnLedger;
import dln.api.view.UpdateView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Gossip parent choice among the most recent accepted updates, seeded so a provider's choice can
 * be replayed. Under measured contributions: the head (the newest update that improved on its
 * parents) and then contributors drawn by rank (weight 1/rank squared), so selection pressure
 * stays when scores converge; otherwise score-weighted sampling without replacement.
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
        final List<UpdateView> pool = new ArrayList<>(newestFirst(accepted).stream().limit(recent).toList());
        final SplittableRandom random = new SplittableRandom(seed);
        final List<String> chosen = new ArrayList<>();
        if (pool.stream().anyMatch(u -> u.contribution() != null)) {
            // Measured contributions: the head always, then the best contributors by rank, so
            // selection pressure does not fade when every score is close (late in training).
            final UpdateView head = contributionHead(pool).orElseThrow();
            chosen.add(head.id());
            pool.remove(head);
            pool.sort(Comparator.comparingDouble((UpdateView u) -> u.contribution() == null ? Double.NEGATIVE_INFINITY : u.contribution())
                    .reversed().thenComparing(UpdateView::id));
            while (chosen.size() < k && !pool.isEmpty()) {
                final double[] w = new double[pool.size()];
                for (int i = 0; i < w.length; i++) {
                    w[i] = 1.0 / ((i + 1.0) * (i + 1.0));
                }
                chosen.add(pool.remove(draw(w, random)).id());
            }
            return chosen.stream().sorted().toList();
        }
        while (chosen.size() < k && !pool.isEmpty()) {
            final double[] w = new double[pool.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = weight(pool.get(i).score());
            }
            chosen.add(pool.remove(draw(w, random)).id());
        }
        return chosen.stream().sorted().toList();
    }

    private static int draw(final double[] w, final SplittableRandom random) {
        double total = 0;
        for (double x : w) {
            total += x;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < w.length; i++) {
            r -= w[i];
            if (r < 0) {
                return i;
            }
        }
        return w.length - 1;
    }

    private static List<UpdateView> newestFirst(final List<UpdateView> accepted) {
        return accepted.stream().sorted(Comparator.comparing(UpdateView::decidedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(UpdateView::id).reversed()).toList();
    }

    /**
     * The head under measured contributions: the newest accepted update that improved on its
     * parents (each such update is better than what it started from, so the newest is the
     * furthest along), instead of the best of many noisy absolute scores.
     */
    private static java.util.Optional<UpdateView> contributionHead(final List<UpdateView> accepted) {
        final List<UpdateView> newest = newestFirst(accepted);
        return newest.stream().filter(u -> u.contribution() != null && u.contribution() > 0).findFirst()
                .or(() -> newest.stream().findFirst());
    }

    /**
     * The head of a gossip model: under measured contributions the newest accepted update that
     * improved on its parents; otherwise the best-scored accepted update.
     */
    public static java.util.Optional<UpdateView> head(final List<UpdateView> accepted, final boolean higherIsBetter) {
        if (accepted.stream().anyMatch(u -> u.contribution() != null)) {
            return contributionHead(accepted);
        }
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
