package dln.session.demo;

import dln.core.attack.Attack;
import dln.core.ledger.ConnectionProfile;
import dln.core.training.TrainingListener;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `./dln demo`: a whole learning session on the running network, then a table and report.html. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a whole learning session (federated rounds, then gossip) on the running network.",
        footer = {"", "Example:", "  ./dln demo --rounds 3 --gossip-steps 2 --malicious 1 --attack sign-flip"})
public final class DemoCommand implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "mlp", description = "built-in architecture: mlp or lenet (default ${DEFAULT-VALUE})")
    String model;
    @Option(names = "--providers", defaultValue = "4", description = "data providers (default ${DEFAULT-VALUE})")
    int providers;
    @Option(names = "--malicious", defaultValue = "0", description = "how many providers attack (default ${DEFAULT-VALUE})")
    int malicious;
    @Option(names = "--attack", defaultValue = "sign-flip", description = "sign-flip, noise, label-flip, free-rider, boosted, little-is-enough")
    String attack;
    @Option(names = "--alpha", defaultValue = "0.5", description = "Dirichlet label skew of the partitions (default ${DEFAULT-VALUE})")
    double alpha;
    @Option(names = "--rounds", defaultValue = "3", description = "federated rounds (default ${DEFAULT-VALUE})")
    int rounds;
    @Option(names = "--gossip-steps", defaultValue = "2", description = "gossip updates per provider (default ${DEFAULT-VALUE})")
    int gossipSteps;
    @Option(names = "--epochs", defaultValue = "1", description = "local epochs per step (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--threshold", defaultValue = "0.5", description = "committee acceptance threshold, fragment accuracy (default ${DEFAULT-VALUE})")
    double threshold;
    @Option(names = "--quorum", defaultValue = "2", description = "committee scores that decide an update (default ${DEFAULT-VALUE})")
    int quorum;
    @Option(names = "--rule", defaultValue = "fedavg", description = "aggregation rule (default ${DEFAULT-VALUE})")
    String rule;
    @Option(names = "--seed", defaultValue = "7", description = "seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--report", defaultValue = "report.html", description = "report file (default ${DEFAULT-VALUE})")
    Path report;

    @Override
    public Integer call() throws Exception {
        final SessionConfig config = new SessionConfig(model.toLowerCase(Locale.ROOT), providers, malicious, Attack.parse(attack), alpha,
                rounds, gossipSteps, epochs, threshold, quorum, rule, seed);
        final ConnectionProfile profile = ConnectionProfile.load(ConnectionProfile.defaultPath());
        final long start = System.nanoTime();
        final LearningSession.Result result = new LearningSession(config, profile, System.out::println, this::progress).run();
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println();
        System.out.print(SessionTable.render(result));
        result.warnings().forEach(w -> System.out.println("warning: " + w));
        SessionReport.write(report, config, result);
        System.out.printf(Locale.ROOT, "%nsession took %.0f s; report: %s%n", seconds, report.toAbsolutePath());
        return 0;
    }

    private TrainingListener progress(final String who) {
        return new ConsoleProgress(who);
    }
}
