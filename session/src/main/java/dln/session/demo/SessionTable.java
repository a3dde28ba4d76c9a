package dln.session.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The printed summary of a session: one aligned line per round or gossip step. */
public final class SessionTable {

    private SessionTable() {}

    /** The table, then epsilon per provider per round when the session's models required differential privacy. */
    public static String render(final SessionConfig c, final LearningSession.Result r) {
        return render(r) + PrivacySpending.of(c.learning().privacy(), r).map(p -> String.format("%n") + p.render()).orElse("");
    }

    public static String render(final LearningSession.Result r) {
        final StringBuilder sb = new StringBuilder();
        // The test column is the session's metric: accuracy, or a regression's RMSE in the target's unit.
        final TestMetric m = r.metric();
        sb.append(String.format(Locale.ROOT, "%-10s %4s %8s %8s %9s %9s %8s %8s %8s %8s %8s %8s %7s %7s%n", "phase", "step", "accepted", "rejected",
                "poisoned", m.column(), "train", "ipfs", "ledger", "waiting", "other", "round", "x train", "coord"));
        for (RoundRow row : r.rows()) {
            sb.append(String.format(Locale.ROOT, "%-10s %4d %8d %8d %9s %9s %7.1fs %7.1fs %7.1fs %7.1fs %7.1fs %7.1fs %6.1fx %6.1f%%%n", row.phase(),
                    row.step(), row.accepted(), row.rejected(), row.poisoned() == 0 ? "-" : row.poisonedRejected() + "/" + row.poisoned() + " out",
                    m.format(row.testAccuracy()), row.trainMillis() / 1000.0, row.ipfsMillis() / 1000.0, row.ledgerMillis() / 1000.0,
                    row.waitMillis() / 1000.0, row.otherMillis() / 1000.0, row.roundMillis() / 1000.0, row.trainingRatio(),
                    100 * row.coordinationShare()));
        }
        // A session that trained no centralised baseline (the benchmarks' and tests' choice) has no row for it.
        if (!r.baseline().isEmpty()) {
            final double base = r.baseline().get(r.baseline().size() - 1);
            sb.append(String.format(Locale.ROOT, "%-10s %4s %8s %8s %9s %9s%n", "central", r.baseline().size() + "ep", "", "", "", m.format(base)));
        }
        // A phase that did not run (--rounds 0, or no gossip steps) has no model to name.
        final List<String> phases = new ArrayList<>();
        if (r.federatedModel() != null) {
            phases.add(String.format(Locale.ROOT, "federated model %s, %d updates", r.federatedModel(), r.federatedUpdates().size()));
        }
        if (r.gossipModel() != null) {
            phases.add(String.format(Locale.ROOT, "gossip model %s, %d updates (%d accepted)", r.gossipModel(), r.gossipUpdates().size(),
                    r.gossipUpdates().stream().filter(u -> u.accepted()).count()));
        }
        if (!phases.isEmpty()) {
            sb.append(String.format("%nDAG: %s%n", String.join("; ", phases)));
        }
        return sb.toString();
    }
}
