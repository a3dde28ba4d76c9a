package dln.bench.chaos;

import dln.bench.session.OptionDefaults;
import dln.api.DlnLedger;
import dln.api.view.ScoreView;
import dln.api.view.UpdateView;
import dln.core.ledger.ConnectionProfile;
import dln.core.storage.KuboStore;
import dln.core.training.TrainingListener;
import dln.ipfs.KuboClient;
import dln.ipfs.RetryPolicy;
import dln.session.consortium.NetworkConsortium;
import dln.session.demo.LearningSession;
import dln.session.demo.RoundRow;
import dln.session.demo.SessionConfig;
import dln.session.demo.SessionOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A learning session on the real network while a killer thread kills -9 a random network process
 * every 20-40 s and the network's supervisor restarts it; then checks that nothing was lost or
 * duplicated. Providers and committee members are threads of this process, not processes of the
 * network: their own restart is covered by the session ITs (a member resumes exactly once), so
 * only the network's processes are killed here.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, defaultValueProvider = ChaosBench.Defaults.class,
        description = {"A session (by default 30 federated rounds, 50 gossip steps per provider)",
                "while a random orderer, peer, Kubo node or chaincode server is killed -9",
                "every 20-40 s; prints kills, restarts, stalls, accepted updates and the",
                "loss and duplicate checks, each ok or MISSED (exit code 1 on any MISSED)."},
        footer = {"", "Example (about 3 minutes):", "  ./dln bench chaos --rounds 6 --gossip-steps 10 --kill-every 20-40"})
public final class ChaosBench implements Callable<Integer> {

    /** The bench's own defaults; every other option keeps the demo's. */
    public static final class Defaults extends OptionDefaults {
        public Defaults() {
            super(java.util.Map.of("--model", "mlp", "--providers", "4", "--epochs", "1", "--rounds", "30", "--gossip-steps", "50"));
        }
    }

    @Mixin
    SessionOptions session;

    @Option(names = "--kill-every", defaultValue = "20-40", paramLabel = "MIN-MAX",
            description = "seconds between two kills, drawn uniformly (default ${DEFAULT-VALUE})")
    String killEvery;

    @Option(names = "--kinds", defaultValue = "orderer,peer,ipfs,chaincode", split = ",",
            description = "process kinds to kill (default ${DEFAULT-VALUE})")
    List<String> kinds;

    @Option(names = "--pids", description = "the network's pid files (default $DLN_ROOT/.dln/pids)")
    Path pids;

    @Override
    public Integer call() throws Exception {
        final long[] every = KillInterval.parse(killEvery);
        final SessionConfig config = session.config();
        final ConnectionProfile profile = ConnectionProfile.load(ConnectionProfile.defaultPath());
        final Path pidDir = pids != null ? pids : Path.of(System.getenv().getOrDefault("DLN_ROOT", "."), ".dln", "pids");
        final Instant t0 = Instant.now();
        final java.util.function.Consumer<String> out = line -> System.out.printf(java.util.Locale.ROOT, "[%6.1f s] %s%n",
                Duration.between(t0, Instant.now()).toMillis() / 1000.0, line);

        LearningSession.Result result = null;
        String failure = null;
        final Killer killer = new Killer(pidDir, kinds, Duration.ofSeconds(every[0]), Duration.ofSeconds(every[1]), config.seed(), out).start();
        try (NetworkConsortium network = new NetworkConsortium(profile)) {
            result = new LearningSession(config, network, out, who -> new TrainingListener() { }).withoutBaseline().run();
        } catch (RuntimeException e) {
            failure = e.getMessage();
            out.accept("session failed: " + e);
        } finally {
            out.accept("stopping the killer (waiting for the last restart)");
            killer.close();
        }
        final Instant end = Instant.now();
        final List<Kill> kills = killer.kills();

        final List<UpdateView> updates = new ArrayList<>();
        final Map<String, List<ScoreView>> scores = new LinkedHashMap<>();
        final List<LossChecks.Check> checks = new ArrayList<>();
        if (result != null) {
            try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, profile.roles().publisher())) {
                for (final String model : new String[] {result.federatedModel(), result.gossipModel()}) {
                    if (model != null) {
                        updates.addAll(ledger.listUpdates(model, 0, null));
                    }
                }
                for (final UpdateView u : updates) {
                    scores.put(u.id(), ledger.getScores(u.id()));
                }
            }
            final KuboStore store = new KuboStore(KuboClient.builder(profile.ipfs().api()).retryPolicy(RetryPolicy.OUTAGE).build());
            checks.add(LossChecks.completed("federated rounds", config.rounds(), phase(result, "federated")));
            checks.add(LossChecks.completed("gossip steps", config.gossipSteps(), phase(result, "gossip")));
            checks.add(LossChecks.everyUpdateDecided(updates));
            checks.add(LossChecks.weightsRetrievable(updates, cid -> readsVerified(store, cid)));
            checks.add(LossChecks.oneScorePerMember(scores));
            checks.add(LossChecks.oneUpdatePerProviderAndRound(updates));
        } else {
            checks.add(new LossChecks.Check("session completed", 1, 1, List.of(String.valueOf(failure))));
        }
        checks.add(new LossChecks.Check("every killed process restarted", kills.size(),
                (int) kills.stream().filter(k -> k.restartedAfter() == null).count(),
                kills.stream().filter(k -> k.restartedAfter() == null).map(Kill::process).limit(3).toList()));

        final List<Instant> decided = updates.stream().filter(u -> u.decidedAt() != null).map(u -> Instant.parse(u.decidedAt())).toList();
        final List<Duration> stalls = Stalls.afterEach(kills.stream().map(Kill::at).toList(), decided, end);
        ChaosReport.print(t0, kills, stalls, kinds, updates, decided, config, result, Duration.between(t0, end), checks);
        return checks.stream().allMatch(LossChecks.Check::ok) ? 0 : 1;
    }

    private static int phase(final LearningSession.Result r, final String phase) {
        return (int) r.rows().stream().map(RoundRow::phase).filter(phase::equals).count();
    }

    /** Reads the whole content through the store, which verifies it against its CID while reading. */
    private static boolean readsVerified(final KuboStore store, final String cid) {
        try (InputStream in = store.cat(cid)) {
            in.transferTo(OutputStream.nullOutputStream());
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}
