package dln.bench.learning;

import dln.bench.Table;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ToDoubleFunction;

/**
 * A configuration run on several seeds, judged on its means. One seed's trajectory on skewed data
 * moves by a point or two with any change of what is accepted (an attacked row whose attackers
 * are all rejected still ends up to two points from its honest providers alone, above on one seed
 * and below on the next), so a half-point target on one row measures that seed as much as the
 * defence. The rows keep their own verdicts; these are the same targets ({@link Targets}) on the
 * means of the seeds each configuration and its twins share.
 */
final class SeedMeans {

    private SeedMeans() {
    }

    /** The means of every configuration (and ledger) that ran on two seeds or more, in plan order. */
    static List<Outcome> of(final List<Outcome> rows) {
        final Map<List<Object>, List<Outcome>> groups = new LinkedHashMap<>();
        for (Outcome r : rows) {
            groups.computeIfAbsent(List.of(r.entry().acrossSeeds(), r.ledger()), k -> new ArrayList<>()).add(r);
        }
        final List<Outcome> means = new ArrayList<>();
        for (List<Outcome> g : groups.values()) {
            final List<Long> seeds = g.stream().flatMap(r -> r.seeds().stream()).toList();
            if (seeds.stream().distinct().count() < 2) {
                continue;
            }
            means.add(new Outcome(g.get(0).entry().acrossSeeds(), g.get(0).ledger(), seeds, mean(g, Outcome::accuracy), mean(g, Outcome::gapPoints),
                    mean(g, Outcome::honest), mean(g, Outcome::neutralised)));
        }
        return means;
    }

    /** The columns of {@link #cells}. */
    static final List<String> HEADER = List.of("configuration", "ledger", "seeds", "accuracy", "lowest", "highest", "honest", "neutral", "target",
            "alone pt", "defence");

    /** One line per configuration's means ({@link #HEADER}), for the printed table and the report; none without two seeds. */
    static List<List<String>> cells(final List<Outcome> rows) {
        final List<Outcome> means = of(rows);
        final List<List<String>> out = new ArrayList<>();
        for (Outcome m : means) {
            final double[] each = rows.stream().filter(r -> r.ledger().equals(m.ledger()) && r.entry().acrossSeeds().equals(m.entry()))
                    .mapToDouble(Outcome::accuracy).toArray();
            final Optional<Outcome> alone = Targets.aloneTwin(m, means);
            out.add(List.of(m.entry().label(), m.ledger(), Integer.toString(m.seeds().size()), Table.f("%.2f%%", 100 * m.accuracy()),
                    Table.f("%.2f%%", 100 * java.util.Arrays.stream(each).min().orElseThrow()),
                    Table.f("%.2f%%", 100 * java.util.Arrays.stream(each).max().orElseThrow()), LearningBench.pct(m.honest()),
                    LearningBench.pct(m.neutralised()), Targets.verdict(m, means),
                    alone.map(a -> Table.f("%.2f", 100 * (a.accuracy() - m.accuracy()))).orElse("-"), alone.isPresent() ? Targets.defence(m, means) : "-"));
        }
        return out;
    }

    /** The table of those means, or nothing when no configuration ran on two seeds. */
    static String table(final List<Outcome> rows) {
        final List<List<String>> cells = cells(rows);
        if (cells.isEmpty()) {
            return "";
        }
        final Table t = new Table("means over seeds", HEADER.toArray(String[]::new));
        cells.forEach(c -> t.row(c.toArray()));
        return "\n" + t.render() + "means over seeds: each configuration that ran on two seeds or more, its rows' means judged by the rows' targets,\n"
                + "against twins' means on the same seeds (a configuration's own rows keep their verdicts above); lowest / highest: its rows.\n";
    }

    /** The mean over the rows that have the figure (honest and poisoned shares are NaN where there is none). */
    private static double mean(final List<Outcome> g, final ToDoubleFunction<Outcome> f) {
        return g.stream().mapToDouble(f).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }
}
