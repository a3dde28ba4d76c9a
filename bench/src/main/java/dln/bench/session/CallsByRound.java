package dln.bench.session;

import dln.api.CountingTransport;
import dln.api.LedgerTransport;
import dln.api.Tx;
import dln.bench.Table;
import dln.core.ledger.FailoverTransport;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * Every participant's ledger calls in a session, counted by transaction and cut into rounds at
 * marks the session's own progress lines set: what a round costs the peers and the chaincode in
 * round trips, which on one shared host is CPU beside the trainings. Exact, unlike the round's
 * time, so two builds compare without the machine's noise. Where a participant's transport is a
 * {@link FailoverTransport}, the calls it proposed again after a lost read conflict are counted
 * too: each is a block more on its caller's path.
 */
final class CallsByRound implements UnaryOperator<LedgerTransport> {

    private final List<CountingTransport> counters = new CopyOnWriteArrayList<>();
    private final List<FailoverTransport> failovers = new CopyOnWriteArrayList<>();
    private final List<Map<Tx, Long>> marks = new ArrayList<>();
    private final List<Map<Tx, Long>> againMarks = new ArrayList<>();

    @Override
    public LedgerTransport apply(final LedgerTransport transport) {
        if (transport instanceof FailoverTransport f) {
            failovers.add(f);
        }
        final CountingTransport c = new CountingTransport(transport);
        counters.add(c);
        return c;
    }

    /** Closes the span since the last mark (the first mark opens round 1). */
    synchronized void mark() {
        final Map<Tx, Long> total = new EnumMap<>(Tx.class);
        counters.forEach(c -> c.byTransaction().forEach((tx, n) -> total.merge(tx, n, Long::sum)));
        marks.add(total);
        final Map<Tx, Long> again = new EnumMap<>(Tx.class);
        failovers.forEach(f -> f.proposedAgain().forEach((tx, n) -> again.merge(tx, n, Long::sum)));
        againMarks.add(again);
    }

    /** The calls of each closed round, in order. */
    synchronized List<Map<Tx, Long>> rounds() {
        return between(marks);
    }

    /** The calls of each closed round proposed again after a lost read conflict, in order. */
    synchronized List<Map<Tx, Long>> proposedAgain() {
        return between(againMarks);
    }

    /** What each span between two marks of running totals added. */
    private static List<Map<Tx, Long>> between(final List<Map<Tx, Long>> totals) {
        final List<Map<Tx, Long>> out = new ArrayList<>();
        for (int i = 1; i < totals.size(); i++) {
            final Map<Tx, Long> d = new EnumMap<>(Tx.class);
            final Map<Tx, Long> before = totals.get(i - 1);
            totals.get(i).forEach((tx, n) -> {
                final long delta = n - before.getOrDefault(tx, 0L);
                if (delta > 0) {
                    d.put(tx, delta);
                }
            });
            out.add(d);
        }
        return out;
    }

    /**
     * A table of the calls a round, by transaction, most first: round 1 apart (it also carries
     * the first round's start from the initial weights) and the mean of the rounds after it, with
     * how many times a call was proposed again after a lost read conflict.
     */
    String render() {
        final List<Map<Tx, Long>> rounds = rounds();
        if (rounds.isEmpty()) {
            return "";
        }
        final List<Map<Tx, Long>> rest = rounds.subList(1, rounds.size());
        final Map<Tx, Double> later = meanOf(rest);
        // Both are marked together: a round of calls is a round of calls proposed again.
        final Map<Tx, Double> again = meanOf(proposedAgain().subList(1, rounds.size()));
        final List<Tx> order = new ArrayList<>(rounds.get(0).keySet());
        later.keySet().stream().filter(tx -> !order.contains(tx)).forEach(order::add);
        order.sort(Comparator.comparingDouble((Tx tx) -> -later.getOrDefault(tx, 0.0)).thenComparing(tx -> -rounds.get(0).getOrDefault(tx, 0L)));
        final String laterHeader = rest.isEmpty() ? "later rounds" : rest.size() == 1 ? "round 2" : "rounds 2-" + rounds.size() + " (mean)";
        final Table t = new Table("ledger calls a federated round, every participant", "transaction", "round 1", laterHeader,
                "proposed again");
        for (Tx tx : order) {
            t.row(tx.txName(), rounds.get(0).getOrDefault(tx, 0L), mean(rest, later.getOrDefault(tx, 0.0)), mean(rest, again.getOrDefault(tx, 0.0)));
        }
        t.row("all", rounds.get(0).values().stream().mapToLong(Long::longValue).sum(),
                mean(rest, later.values().stream().mapToDouble(Double::doubleValue).sum()),
                mean(rest, again.values().stream().mapToDouble(Double::doubleValue).sum()));
        return t.render() + "proposed again: times a call was invalidated by a conflicting transaction committed before it and proposed"
                + " again (each a block more on its caller's path)\n";
    }

    /** Each transaction's mean count over {@code rounds}. */
    private static Map<Tx, Double> meanOf(final List<Map<Tx, Long>> rounds) {
        final Map<Tx, Double> out = new EnumMap<>(Tx.class);
        rounds.forEach(r -> r.forEach((tx, n) -> out.merge(tx, (double) n / rounds.size(), Double::sum)));
        return out;
    }

    private static String mean(final List<Map<Tx, Long>> rest, final double value) {
        return rest.isEmpty() ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }
}
