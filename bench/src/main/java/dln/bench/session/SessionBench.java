package dln.bench.session;

import dln.bench.flower.FlowerSide;
import dln.session.consortium.NetworkConsortium;
import dln.session.demo.LearningSession;
import dln.session.demo.RoundRow;
import dln.session.demo.SessionConfig;
import dln.session.demo.SessionData;
import dln.session.demo.SessionOptions;
import dln.session.demo.SessionReport;
import dln.session.demo.SessionTable;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * Where a session's time goes, per round: training, IPFS, ledger transactions and waiting for
 * the committee, and the accuracy reached against centralised training on the same data.
 */
@Command(name = "session", mixinStandardHelpOptions = true, defaultValueProvider = SessionBench.Defaults.class,
        description = {"Itemise a learning session's time; targets: coordination at most 10%% of a one-epoch MLP round, 2%% of a five-epoch LeNet round.",
                "Defaults differ from the demo's: LeNet with 5 local epochs per round (FedAvg's usual E=5), federated rounds only."},
        footer = {"", "Examples:", "  ./dln bench session --model mlp --epochs 1 --rounds 3",
                "  ./dln bench session --model mlp --epochs 1 --rounds 5 --with-flower"})
public final class SessionBench implements Callable<Integer> {

    /** The bench's own defaults; every other option keeps the demo's. */
    public static final class Defaults extends OptionDefaults {
        public Defaults() {
            super(java.util.Map.of("--model", "lenet", "--epochs", "5", "--gossip-steps", "0"));
        }
    }

    @Mixin
    SessionOptions session;
    // Beside the other benchmarks' output, not over the demo's report.html in the working directory.
    @Option(names = "--report", defaultValue = "bench-results/session-report.html",
            description = "report file: accuracy per round beside the baseline, and the update DAG (default ${DEFAULT-VALUE})")
    Path report;
    @Option(names = "--with-flower", description = "then the same federated rounds in Flower's simulation (Ray backend, PyTorch CPU) on the same "
            + "partitions, initial weights, recipe and threads: seconds per round side by side (target: dln <= 1.25x Flower). Installs "
            + "flwr[simulation] 1.42.0 into the PyTorch venv under the cache on first use (torch too, ~5 GB, if missing)")
    boolean withFlower;
    @Option(names = "--check", hidden = true, description = "only validate the options, run nothing (./dln asks it before it starts the network)")
    boolean check;

    /** Issue 15's coordination target for a round of this kind. */
    record CoordinationTarget(double share, String what) {}

    /** The target that applies: a one-epoch MLP round (10 %) or a five-epoch LeNet round (2 %) on MNIST; none for other sessions. */
    static java.util.Optional<CoordinationTarget> coordinationTarget(final SessionConfig config) {
        if (!dln.core.data.NamedDatasets.MNIST.equals(config.dataset())) {
            return java.util.Optional.empty();
        }
        if ("mlp".equals(config.model()) && config.localEpochs() == 1) {
            return java.util.Optional.of(new CoordinationTarget(0.10, "a one-epoch MLP round"));
        }
        if ("lenet".equals(config.model()) && config.localEpochs() == 5) {
            return java.util.Optional.of(new CoordinationTarget(0.02, "a five-epoch LeNet round"));
        }
        return java.util.Optional.empty();
    }

    @Override
    public Integer call() throws Exception {
        final SessionConfig config = session.config();
        if (withFlower) {
            FlowerSide.check(config);
        }
        if (check) {
            session.checkProviders(config.providers());
            return 0;
        }
        final SessionData data = SessionData.load(config);
        final java.util.List<Double> loads = new java.util.ArrayList<>();
        final LearningSession.Result r;
        final CallsByRound calls = new CallsByRound();
        final RoundPath path = new RoundPath();
        try (NetworkConsortium network = NetworkConsortium.fromDefaultProfile(t -> path.apply(calls.apply(t)))) {
            r = new LearningSession(config, network, line -> {
                if (line.startsWith("published federated model") || line.startsWith("round ")) {
                    loads.add(FlowerSide.load());
                    calls.mark();
                    path.mark();
                }
                System.out.println(line);
            }, who -> path.listener()).on(data).run();
        }
        System.out.println();
        System.out.print(SessionTable.render(config, r));
        System.out.print(calls.render());
        System.out.print(path.render());
        long round = 0;
        long coord = 0;
        int rounds = 0;
        double last = 0;
        for (RoundRow row : r.rows()) {
            if ("federated".equals(row.phase())) {
                round += row.roundMillis();
                coord += row.coordinationMillis();
                rounds++;
                last = row.testAccuracy();
            }
        }
        final double central = r.baseline().get(r.baseline().size() - 1);
        final double perRound = coord / 1000.0 / Math.max(1, rounds);
        System.out.printf(Locale.ROOT, "%nwaiting: after the last update committed, until the committee decided all; "
                + "ipfs and ledger: the providers' total, mostly overlapped with training;%nother: the round less training and waiting "
                + "(transfers, calls and reads not overlapped, the events between them); x train: the round over its training time.%n");
        final double share = (double) coord / Math.max(1, round);
        System.out.printf(Locale.ROOT, "federated rounds: coordination %.1f s per round, %.1f%% of the round%s%n", perRound, 100 * share,
                coordinationTarget(config).map(t -> String.format(Locale.ROOT, " (target <= %.0f%% for %s: %s)", 100 * t.share(), t.what(),
                        share <= t.share() ? "ok" : "MISSED")).orElse(""));
        if (r.metric().regression()) {
            System.out.printf(Locale.ROOT, "%s %s vs centralised %s on the same data and epochs%n", r.metric().label(), r.metric().format(last),
                    r.metric().format(central));
        } else {
            System.out.printf(Locale.ROOT, "accuracy %.2f%% vs centralised %.2f%% on the same data and epochs (gap %.2f points)%n",
                    100 * last, 100 * central, 100 * (central - last));
        }
        System.out.println("report: " + SessionReport.write(report, config, r));
        if (withFlower) {
            return FlowerSide.compare(config, data, r, loads, report.toAbsolutePath().resolveSibling("flower.log"));
        }
        return 0;
    }
}
