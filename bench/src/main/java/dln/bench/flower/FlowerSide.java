package dln.bench.flower;

import dln.core.data.DataCache;
import dln.core.data.NamedDatasets;
import dln.core.model.ModelSpec;
import dln.core.training.NativeThreads;
import dln.session.demo.LearningSession;
import dln.session.demo.RoundRow;
import dln.session.demo.SessionConfig;
import dln.session.demo.SessionData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * `bench session --with-flower`: after dln's rounds, the same rounds in Flower's simulation on
 * the same data, and the two side by side (docs/performance.md, "dln against Flower").
 */
public final class FlowerSide {

    private FlowerSide() {
    }

    /**
     * Refuses, before anything runs, a session Flower's side would not reproduce: attacks, DP-SGD,
     * secure aggregation, a server optimiser, a rule other than FedAvg, a regression, an optimiser
     * other than Adam. IllegalArgumentException names the option.
     */
    public static void check(final SessionConfig config) {
        if (config.malicious() > 0 || config.secure() || config.learning().privacy() != null) {
            throw new IllegalArgumentException("--with-flower compares plain rounds: no --malicious, --privacy or --secure-aggregation");
        }
        if (!"fedavg".equals(config.rule()) || config.learning().optimiser().name() != dln.api.OptimiserName.NONE) {
            throw new IllegalArgumentException("--with-flower compares FedAvg rounds: --rule fedavg, --optimiser none");
        }
        if (NamedDatasets.regression(config.dataset())) {
            throw new IllegalArgumentException("--with-flower compares classifiers: not --dataset " + config.dataset());
        }
        if (config.rounds() < 1) {
            throw new IllegalArgumentException("--with-flower needs federated rounds: --rounds 2 or more (the first of each side is a warm-up)");
        }
    }

    /** The machine's 1-minute load average now. */
    public static double load() {
        return FlowerComparison.load();
    }

    /**
     * Runs Flower on {@code data} as dln's session {@code r} ran, prints the comparison.
     *
     * @param dlnLoads load averages sampled during dln's rounds
     * @param log where Flower's own log goes
     * @return the exit code: 0, or 1 when a Flower round lost a client (no comparison)
     */
    public static int compare(final SessionConfig config, final SessionData data, final LearningSession.Result r, final List<Double> dlnLoads,
            final Path log) throws IOException, InterruptedException {
        final ModelSpec spec = LearningSession.spec(config, data);
        if (!"adam".equalsIgnoreCase(spec.training().optimizer())) {
            throw new IllegalArgumentException("--with-flower trains with Adam as the built-in models do; the model's optimiser is "
                    + spec.training().optimizer());
        }
        final int threads = NativeThreads.fromEnvironment();
        final Path dir = Files.createTempDirectory("dln-flower");
        try {
            FlowerExport.write(dir, config, data, spec, threads);
            final Path python = FlowerRunner.prepare(DataCache.fromEnvironment().dir());
            System.out.printf(Locale.ROOT, "%nFlower: the same %d rounds in its simulation, %d native thread(s) per client, one client "
                    + "at a time (log: %s)%n", config.rounds(), threads, log);
            final double before = load();
            final FlowerRunner.Result flower = FlowerRunner.run(python, dir, threads, log);
            final double after = load();
            final List<RoundRow> dln = r.rows().stream().filter(row -> "federated".equals(row.phase())).toList();
            final FlowerComparison c = new FlowerComparison(dln, flower.rounds(), config.providers(),
                    new double[] {dlnLoads.stream().mapToDouble(Double::doubleValue).min().orElse(Double.NaN),
                            dlnLoads.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN)},
                    new double[] {Math.min(before, after), Math.max(before, after)});
            c.table().print();
            System.out.println(c.footer());
            System.out.printf(Locale.ROOT, "Flower %s, torch %s, %s: %.1f s in all (Ray's start and the untimed evaluations included)%n",
                    flower.flwr(), flower.torch(), flower.backend(), flower.totalSeconds());
            return c.complete() ? 0 : 1;
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }
}
