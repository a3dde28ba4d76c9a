package dln.core.protocol;

import dln.api.DlnLedger;
import dln.api.view.UpdateView;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * Gossip parent choice among the most recent accepted updates.
 *
 * <p>Under measured contributions the choice is a pure function of the window, with no draw: the
 * head (the newest update that improved on its parents) and then the best contributors of the
 * window. Every provider that reads the same ledger starts from the same merge, as every provider
 * of a federated round starts from the same aggregate, and that merge is the gossip model's
 * current state ({@link #current}). Selection pressure is the window against the parents: the
 * updates that added least to the window are left out however close the scores are.
 *
 * <p>Without measured contributions (threshold policy) parents are drawn by score, without
 * replacement, seeded so a provider's choice can be replayed.
 */
public record ParentSelector(int recent, boolean higherIsBetter) {

    /** How many of the most recent accepted updates gossip chooses parents among. */
    public static final int RECENT_WINDOW = 16;

    /**
     * The parents per gossip update a model is published with unless it says otherwise: half the
     * window, so half of it is left out; fewer parents made the state jumpier and worse (16
     * Dirichlet(0.5) providers, 10 steps: 93.15 % with 2, 94.10 % with 8; docs/protocol.md).
     */
    public static final int DEFAULT_PARENTS = 8;

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
        if (measured(pool)) {
            return best(pool, k);
        }
        final SplittableRandom random = new SplittableRandom(seed);
        final List<String> chosen = new ArrayList<>();
        while (chosen.size() < k && !pool.isEmpty()) {
            final double[] w = new double[pool.size()];
            for (int i = 0; i < w.length; i++) {
                w[i] = weight(pool.get(i).score());
            }
            chosen.add(pool.remove(draw(w, random)).id());
        }
        return chosen.stream().sorted().toList();
    }

    /**
     * The parents whose merge is the gossip model's current state: under measured contributions
     * what the next step would start from ({@link #choose}, which draws nothing then); otherwise
     * the best-scored update alone. Empty when nothing is accepted yet.
     */
    public List<String> current(final List<UpdateView> accepted, final int k) {
        if (accepted.isEmpty()) {
            return List.of();
        }
        final List<UpdateView> pool = newestFirst(accepted).stream().limit(recent).toList();
        if (measured(pool)) {
            return best(new ArrayList<>(pool), k);
        }
        return head(accepted, higherIsBetter).map(h -> List.of(h.id())).orElse(List.of());
    }

    private static boolean measured(final List<UpdateView> pool) {
        return pool.stream().anyMatch(u -> u.contribution() != null);
    }

    /**
     * The head, then the best contributors of {@code pool} (newest first) by contribution, ties by
     * id, up to {@code k}; sorted by id.
     */
    private static List<String> best(final List<UpdateView> pool, final int k) {
        final UpdateView head = contributionHead(pool).orElseThrow();
        final List<String> chosen = new ArrayList<>(List.of(head.id()));
        pool.remove(head);
        pool.stream().sorted(Comparator.comparingDouble((UpdateView u) -> u.contribution() == null ? Double.NEGATIVE_INFINITY : u.contribution())
                        .reversed().thenComparing(UpdateView::id))
                .limit(Math.max(0, k - 1)).forEach(u -> chosen.add(u.id()));
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

    /** Newest decision first, ties by id (descending): the order every participant reads the window in. */
    static List<UpdateView> newestFirst(final List<UpdateView> accepted) {
        return accepted.stream().sorted(Comparator.comparing(UpdateView::decidedAt, Comparator.nullsFirst(Comparator.naturalOrder()))
                .thenComparing(UpdateView::id).reversed()).toList();
    }

    /**
     * The head under measured contributions: the newest accepted update that improved on its
     * parents (each such update is better than what it started from, so the newest is the
     * furthest along), instead of the best of many noisy absolute scores.
     */
    private static Optional<UpdateView> contributionHead(final List<UpdateView> accepted) {
        final List<UpdateView> newest = newestFirst(accepted);
        return newest.stream().filter(u -> u.contribution() != null && u.contribution() > 0).findFirst()
                .or(() -> newest.stream().findFirst());
    }

    /**
     * The head of a gossip model: under measured contributions the newest accepted update that
     * improved on its parents; otherwise the best-scored accepted update. The model's state is
     * the merge of {@link #current}, of which the head is one parent.
     */
    public static Optional<UpdateView> head(final List<UpdateView> accepted, final boolean higherIsBetter) {
        if (measured(accepted)) {
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
