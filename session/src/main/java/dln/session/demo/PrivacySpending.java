package dln.session.demo;

import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.session.report.SummaryTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Epsilon per provider per round, as the ledger recorded it on each update (the chaincode's own
 * recomputation of the provider's spending on the model with that update included). A column per
 * federated round, then per gossip step (the gossip model is another model: its spending starts
 * again, and a record's epsilon on the two adds up at worst).
 *
 * @param budget  the model's policy: each provider's epsilon at delta may not pass it
 * @param columns "round 1".., then "gossip 1"..
 * @param rows    one per provider, in order of first update
 */
public record PrivacySpending(ModelView.Privacy budget, List<String> columns, List<Row> rows) {

    /**
     * @param provider the provider's short name ("User3@org1.dln")
     * @param epsilon  its epsilon after each column's update; null where it made none
     */
    public record Row(String provider, List<Double> epsilon) {}

    /** The spending the updates of {@code r} record; empty when the session's models did not require privacy. */
    public static Optional<PrivacySpending> of(final ModelView.Privacy budget, final LearningSession.Result r) {
        if (budget == null) {
            return Optional.empty();
        }
        final List<String> columns = new ArrayList<>();
        final Map<LedgerIdentity, Map<String, Double>> cells = new LinkedHashMap<>();
        final int rounds = r.federatedUpdates().stream().mapToInt(UpdateView::round).max().orElse(0);
        for (int round = 1; round <= rounds; round++) {
            columns.add("round " + round);
        }
        for (UpdateView u : sorted(r.federatedUpdates())) {
            if (u.privacy() != null) {
                cells.computeIfAbsent(u.submitter(), k -> new LinkedHashMap<>()).put("round " + u.round(), u.privacy().epsilon());
            }
        }
        // Gossip updates have no round: a provider's k-th update is its step k.
        final Map<LedgerIdentity, Integer> steps = new LinkedHashMap<>();
        for (UpdateView u : sorted(r.gossipUpdates())) {
            final int step = steps.merge(u.submitter(), 1, Integer::sum);
            if (!columns.contains("gossip " + step)) {
                columns.add("gossip " + step);
            }
            if (u.privacy() != null) {
                cells.computeIfAbsent(u.submitter(), k -> new LinkedHashMap<>()).put("gossip " + step, u.privacy().epsilon());
            }
        }
        final List<Row> rows = new ArrayList<>();
        cells.forEach((who, byColumn) -> rows.add(new Row(who.shortName(), columns.stream().map(byColumn::get).toList())));
        return Optional.of(new PrivacySpending(budget, List.copyOf(columns), List.copyOf(rows)));
    }

    private static List<UpdateView> sorted(final List<UpdateView> updates) {
        return updates.stream().sorted(Comparator.comparing(UpdateView::submittedAt)).toList();
    }

    /** The largest epsilon any provider reached (0 without updates). */
    public double maxEpsilon() {
        return rows.stream().flatMap(row -> row.epsilon().stream()).filter(e -> e != null).mapToDouble(Double::doubleValue).max().orElse(0);
    }

    /** What the budget was, in words. */
    public String caption() {
        return String.format(Locale.ROOT, "Privacy: each provider's epsilon at delta %.0e after its update (budget %s per model)", budget.delta(),
                num(budget.epsilon()));
    }

    /** For report.html. */
    public SummaryTable table() {
        final List<String> header = new ArrayList<>();
        header.add("provider");
        header.addAll(columns);
        final List<List<String>> cells = new ArrayList<>();
        for (Row row : rows) {
            final List<String> line = new ArrayList<>();
            line.add(row.provider());
            row.epsilon().forEach(e -> line.add(e == null ? "" : num(e)));
            cells.add(line);
        }
        return new SummaryTable(caption(), header, cells);
    }

    /** For the terminal: the caption, then one aligned line per provider. */
    public String render() {
        final int name = Math.max(8, rows.stream().mapToInt(r -> r.provider().length()).max().orElse(0));
        final StringBuilder sb = new StringBuilder(caption()).append(String.format("%n"));
        sb.append(String.format(Locale.ROOT, "%-" + name + "s", "provider"));
        columns.forEach(c -> sb.append(String.format(Locale.ROOT, " %9s", c)));
        sb.append(String.format("%n"));
        for (Row row : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + name + "s", row.provider()));
            row.epsilon().forEach(e -> sb.append(String.format(Locale.ROOT, " %9s", e == null ? "-" : num(e))));
            sb.append(String.format("%n"));
        }
        return sb.toString();
    }

    private static String num(final double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
