package dln.session.demo;

import dln.core.ledger.ConnectionProfile;
import dln.core.training.TrainingListener;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `./dln demo`: a whole learning session on the running network, then a table and report.html. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a whole learning session (federated rounds, then gossip) on the running network.",
        footer = {"", "Example:", "  ./dln demo --rounds 3 --gossip-steps 2 --malicious 1 --attack sign-flip"})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    SessionOptions session;
    @Option(names = "--report", defaultValue = "report.html", description = "report file (default ${DEFAULT-VALUE})")
    Path report;

    @Override
    public Integer call() throws Exception {
        final SessionConfig config = session.config();
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
        return dln.cli.TrainingProgress.forConsole(who);
    }
}
