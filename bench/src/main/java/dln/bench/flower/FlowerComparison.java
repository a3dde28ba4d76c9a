package dln.bench.flower;

import dln.bench.Table;
import dln.session.demo.RoundRow;
import java.util.List;
import java.util.Locale;

/**
 * dln's federated rounds beside Flower's on the same partition: seconds per round, their ratio,
 * and each side's test accuracy. The verdict compares the mean of the rounds after the first
 * (the first pays each side's warm-up: JIT and native libraries in dln, Ray's actors and torch's
 * import in Flower) against the target.
 *
 * @param dln dln's federated rounds, in order
 * @param flower Flower's rounds, in order
 * @param dlnLoad the 1-minute load average at the start and end of dln's rounds
 * @param flowerLoad the same around Flower's run
 */
record FlowerComparison(List<RoundRow> dln, List<FlowerRunner.Round> flower, int providers, double[] dlnLoad, double[] flowerLoad) {

    /** Issue 15: a one-epoch MLP round with 4 providers at most 1.25x Flower's simulation. */
    static final double TARGET = 1.25;

    /** Mean seconds of dln's rounds after the first (all of them when there is one). */
    double dlnSeconds() {
        return dln.stream().skip(dln.size() > 1 ? 1 : 0).mapToLong(RoundRow::roundMillis).average().orElse(Double.NaN) / 1000.0;
    }

    /** Mean seconds of Flower's rounds after the first (all of them when there is one). */
    double flowerSeconds() {
        return flower.stream().skip(flower.size() > 1 ? 1 : 0).mapToDouble(FlowerRunner.Round::seconds).average().orElse(Double.NaN);
    }

    /** dln's time per round over Flower's. */
    double ratio() {
        return dlnSeconds() / flowerSeconds();
    }

    boolean met() {
        return ratio() <= TARGET;
    }

    /** False when a Flower round lost a client (Ray killed it, say): then its times compare nothing. */
    boolean complete() {
        return flower.size() == dln.size() && flower.stream().allMatch(f -> f.clients() == providers);
    }

    Table table() {
        final Table t = new Table("dln vs Flower's simulation, same partition, model, recipe and threads",
                "round", "dln s", "Flower s", "dln/Flower", "dln accuracy", "Flower accuracy", "dln accepted", "Flower clients");
        for (int i = 0; i < Math.max(dln.size(), flower.size()); i++) {
            final RoundRow d = i < dln.size() ? dln.get(i) : null;
            final FlowerRunner.Round f = i < flower.size() ? flower.get(i) : null;
            t.row(i + 1, d == null ? "-" : fmt("%.2f", d.roundMillis() / 1000.0), f == null ? "-" : fmt("%.2f", f.seconds()),
                    d == null || f == null ? "-" : fmt("%.2fx", d.roundMillis() / 1000.0 / f.seconds()),
                    d == null ? "-" : fmt("%.2f%%", 100 * d.testAccuracy()), f == null ? "-" : fmt("%.2f%%", 100 * f.accuracy()),
                    d == null ? "-" : d.accepted() + "/" + (d.accepted() + d.rejected()), f == null ? "-" : f.clients() + "/" + providers);
        }
        t.row(dln.size() > 1 ? "mean 2-" + dln.size() : "mean", fmt("%.2f", dlnSeconds()), fmt("%.2f", flowerSeconds()),
                complete() ? fmt("%.2fx %s", ratio(), met() ? "ok" : "MISSED") : "INVALID", "", "", "", "");
        return t;
    }

    /** The lines under the table: the target and the machine's load on each side. */
    String footer() {
        return (complete() ? "" : "INVALID: Flower's rounds did not all aggregate every client (see its log); no verdict\n") + fmt("target: dln's round <= %.2fx Flower's (rounds after the first); load average (1 min) during dln's rounds %.1f-%.1f,"
                + " during Flower's run %.1f-%.1f on %d cores", TARGET, dlnLoad[0], dlnLoad[1], flowerLoad[0], flowerLoad[1],
                Runtime.getRuntime().availableProcessors());
    }

    /** The machine's 1-minute load average now. */
    static double load() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static String fmt(final String f, final Object... args) {
        return String.format(Locale.ROOT, f, args);
    }
}
