package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.attack.Attack;
import dln.core.ledger.ConnectionProfile;
import dln.core.training.TrainingListener;
import dln.session.consortium.NetworkConsortium;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * kill -9 of one process of each kind in the middle of a session, on the real network: the
 * network's supervisor restarts it, the clients ride through the outage (retries, another
 * organisation's peer), and the session completes with every honest update accepted.
 */
class SessionOutageIT {

    private static final Path ROOT = SessionIT.ItPaths.root();

    @ParameterizedTest(name = "{0} killed mid-session")
    @ValueSource(strings = {"peer0.org1", "orderer1", "ipfs", "chaincode"})
    void theSessionCompletes(final String process) throws Exception {
        final ConnectionProfile profile = ConnectionProfile.load(SessionIT.ItPaths.profile());
        final SessionConfig config = new SessionConfig("mlp", 4, 0, Attack.NONE, "iid", 3, 1, 1, 0.5, 2, "median", "fedavg", 21);
        final List<String> lines = new CopyOnWriteArrayList<>();
        final String[] killed = new String[1];
        final Thread killer = new Thread(() -> {
            try {
                while (lines.stream().noneMatch(l -> l.startsWith("round 1 "))) {
                    Thread.sleep(100);
                }
                killed[0] = pid(process);
                new ProcessBuilder("kill", "-9", killed[0]).inheritIO().start().waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }, "killer");
        killer.start();
        final LearningSession.Result r;
        try (NetworkConsortium network = new NetworkConsortium(profile)) {
            r = new LearningSession(config, network, lines::add, who -> new TrainingListener() { }).run();
        }
        killer.join(5_000);

        assertTrue(killed[0] != null, process + " was killed during the session");
        final List<RoundRow> federated = r.rows().stream().filter(x -> "federated".equals(x.phase())).toList();
        assertEquals(3, federated.size(), "every round ran: " + lines);
        federated.forEach(row -> assertEquals(4, row.accepted(), "round " + row.step() + " accepted every honest update"));
        assertEquals(4, r.rows().stream().filter(x -> "gossip".equals(x.phase())).findFirst().orElseThrow().accepted());
        // The supervisor brought it back (a new pid) and the network is whole for the next test.
        for (int i = 0; i < 60 && !running(process, killed[0]); i++) {
            Thread.sleep(500);
        }
        assertNotEquals(killed[0], pid(process), process + " was restarted under a new pid");
    }

    private static String pid(final String process) throws IOException {
        return Files.readString(ROOT.resolve(".dln/pids/" + process + ".pid")).trim();
    }

    private static boolean running(final String process, final String old) throws IOException {
        final Path f = ROOT.resolve(".dln/pids/" + process + ".pid");
        return Files.exists(f) && !pid(process).equals(old) && Files.exists(Path.of("/proc", pid(process)));
    }
}
