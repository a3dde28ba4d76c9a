package dln.session.bench;

import dln.core.ledger.ConnectionProfile;
import dln.core.training.TrainingListener;
import dln.session.demo.LearningSession;
import dln.session.demo.RoundRow;
import dln.session.demo.SessionOptions;
import dln.session.demo.SessionTable;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * Where a session's time goes, per round: training, IPFS, ledger transactions and waiting for
 * the committee, and the accuracy reached against centralised training on the same data.
 */
@Command(name = "session", mixinStandardHelpOptions = true, description = "Itemise a learning session's time; target: coordination at most 5% of a federated round.",
        footer = {"", "Example:", "  ./dln bench session --model lenet --rounds 3 --gossip-steps 0"})
public final class SessionBench implements Callable<Integer> {

    @Mixin
    SessionOptions session;

    @Override
    public Integer call() throws Exception {
        final LearningSession.Result r = new LearningSession(session.config(), ConnectionProfile.load(ConnectionProfile.defaultPath()),
                System.out::println, who -> new TrainingListener() { }).run();
        System.out.println();
        System.out.print(SessionTable.render(r));
        long train = 0;
        long coord = 0;
        double last = 0;
        for (RoundRow row : r.rows()) {
            if ("federated".equals(row.phase())) {
                train += row.trainMillis();
                coord += row.ipfsMillis() + row.ledgerMillis() + row.waitMillis();
                last = row.testAccuracy();
            }
        }
        final double central = r.baseline().get(r.baseline().size() - 1);
        System.out.printf(Locale.ROOT, "%nfederated rounds: coordination %.1f%% of the time (target <= 5%%); accuracy %.2f%% vs centralised %.2f%% (gap %.2f points)%n",
                100.0 * coord / Math.max(1, train + coord), 100 * last, 100 * central, 100 * (central - last));
        return 0;
    }
}
