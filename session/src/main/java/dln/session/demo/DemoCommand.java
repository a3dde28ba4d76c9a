package dln.session.demo;

import dln.core.ledger.ConnectionProfile;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `./dln demo`: a whole learning session on the running network, then a table and report.html. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a whole learning session (federated rounds, then gossip) on the running network.",
        footer = {"", "Examples:", "  ./dln demo --rounds 3 --gossip-steps 2 --malicious 1 --attack sign-flip",
                "  ./dln demo --privacy epsilon=3,delta=1e-5,noise=1.5,clip=1.0   # DP-SGD providers; the table shows epsilon per provider per round"})
public final class DemoCommand implements Callable<Integer> {

    @Mixin
    SessionOptions session;
    @Option(names = "--report", defaultValue = "report.html", description = "report file (default ${DEFAULT-VALUE})")
    Path report;
    @Option(names = "--check", hidden = true,
            description = "only validate the options and exit: the launcher runs this before it builds, starts or deploys anything")
    boolean check;
    @Option(names = "--keep-open", description = "leave the session's models open on the ledger (by default the demo closes them when done)")
    boolean keepOpen;

    @Override
    public Integer call() throws Exception {
        final SessionConfig config = session.config();
        if (check) {
            session.checkProviders(config.providers());
            return 0;
        }
        final ConnectionProfile profile = ConnectionProfile.load(ConnectionProfile.defaultPath());
        final long start = System.nanoTime();
        final LearningSession.Result result;
        try (dln.session.consortium.NetworkConsortium network = new dln.session.consortium.NetworkConsortium(profile);
                dln.cli.TrainingProgress progress = dln.cli.TrainingProgress.forConsole()) {
            result = new LearningSession(config, network, line -> System.out.println(line), progress::listener).run();
        }
        final double seconds = (System.nanoTime() - start) / 1e9;
        System.out.println();
        System.out.print(SessionTable.render(config, result));
        result.warnings().forEach(w -> System.out.println("warning: " + w));
        SessionReport.write(report, config, result);
        if (!keepOpen) {
            closeModels(profile, result);
        }
        System.out.printf(Locale.ROOT, "%nsession took %.0f s; report: %s%n", seconds, report.toAbsolutePath());
        return 0;
    }

    /** A finished demo's models take no more updates: the publisher closes them (one line each). */
    private static void closeModels(final ConnectionProfile profile, final LearningSession.Result result) {
        try (dln.api.DlnLedger publisher = dln.core.ledger.FabricLedger.connect(profile, profile.roles().publisher())) {
            for (String id : java.util.Arrays.asList(result.federatedModel(), result.gossipModel())) {
                if (id != null) {
                    publisher.closeModel(id);
                    System.out.println("closed model " + id + " (--keep-open leaves it open)");
                }
            }
        }
    }
}
