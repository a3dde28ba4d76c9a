package dln.bench.chaos;

import dln.bench.session.OptionDefaults;
import dln.api.DlnLedger;
import dln.api.view.ScoreView;
import dln.api.view.UpdateView;
import dln.core.ledger.ConnectionProfile;
import dln.core.storage.KuboStore;
import dln.ipfs.KuboClient;
import dln.ipfs.RetryPolicy;
import dln.session.consortium.NetworkConsortium;
import dln.session.demo.SessionConfig;
import dln.session.demo.SessionOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
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
 * A learning session on the real network while a killer kills -9 a random process every 20-40 s:
 * an orderer, a peer, Kubo or the chaincode server (the network's supervisor restarts it), or a
 * provider or committee member, each a client program in its own process (this bench restarts
 * it, as systemd would, and it resumes from the ledger). Then checks that nothing was lost or
 * duplicated.
 */
@Command(name = "chaos", mixinStandardHelpOptions = true, defaultValueProvider = ChaosBench.Defaults.class,
        description = {"A session of client programs (by default 30 federated rounds, then 50 gossip updates",
                "per provider: 200 with 4 providers) while a random orderer, peer, Kubo node, chaincode",
                "server, provider or committee member is killed -9 every 20-40 s; prints kills, restarts,",
                "stalls, accepted updates and the loss and duplicate checks, each ok or MISSED (exit code 1",
                "on any MISSED). Client logs and pid files: $DLN_RUN/chaos/."},
        footer = {"", "Example (about 4 minutes):", "  ./dln bench chaos --rounds 4 --gossip-steps 4 --kill-every 15-25"})
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

    @Option(names = "--kinds", defaultValue = "orderer,peer,ipfs,chaincode,provider,committee", split = ",",
            description = "process kinds to kill (default ${DEFAULT-VALUE})")
    List<String> kinds;

    @Option(names = "--pids", description = "the network's pid files (default $DLN_RUN/pids, DLN_RUN defaulting to $DLN_ROOT/.dln)")
    Path pids;

    @Option(names = "--check-only", paramLabel = "FEDERATED,GOSSIP", split = ",",
            description = "run no session and kill nothing: the loss and duplicate checks on the two models of an earlier run"
                    + " (one stopped early, say), against --rounds and --gossip-steps")
    List<String> checkOnly;

    @Option(names = "--check", hidden = true, description = "only validate the options, run nothing (./dln asks it before it starts the network)")
    boolean check;

    @Override
    public Integer call() throws Exception {
        if (checkOnly != null && checkOnly.size() != 2) {
            throw new IllegalArgumentException("--check-only takes the federated and the gossip model's ids, comma-separated");
        }
        final long[] every = KillInterval.parse(killEvery);
        kinds.stream().filter(k -> !Kill.KINDS.contains(k)).findFirst().ifPresent(k -> {
            throw new IllegalArgumentException("--kinds: no kind '" + k + "'; the kinds: " + String.join(",", Kill.KINDS));
        });
        final SessionConfig config = session.config();
        // Its providers and members are the client programs, which have no attack and no masking:
        // say so rather than run an honest, plain session under the options' names.
        if (config.malicious() > 0) {
            throw new IllegalArgumentException("--malicious: the chaos bench's providers are `provider run`, which trains honestly;"
                    + " run attacks with ./dln bench session or ./dln bench learning");
        }
        if (config.secureThreshold() > 0) {
            throw new IllegalArgumentException("--secure-aggregation: the chaos bench's clients do not mask updates; run it with ./dln bench session");
        }
        if (check) {
            session.checkProviders(config.providers());
            return 0;
        }
        final Path profilePath = ConnectionProfile.defaultPath();
        final ConnectionProfile profile = ConnectionProfile.load(profilePath);
        final Path root = Path.of(System.getenv().getOrDefault("DLN_ROOT", ".")).toAbsolutePath();
        final Path run = Path.of(System.getenv().getOrDefault("DLN_RUN", root.resolve(".dln").toString()));
        final Path pidDir = pids != null ? pids : run.resolve("pids");
        final Path work = run.resolve("chaos");
        deleteOldPidFiles(work.resolve("pids"));
        final Instant t0 = Instant.now();
        final java.util.function.Consumer<String> out = line -> System.out.printf(java.util.Locale.ROOT, "[%6.1f s] %s%n",
                Duration.between(t0, Instant.now()).toMillis() / 1000.0, line);

        ClientSession.Result result = null;
        String failure = null;
        final List<Kill> kills;
        final List<UpdateView> updates = new ArrayList<>();
        final Map<String, List<ScoreView>> scores = new LinkedHashMap<>();
        final List<LossChecks.Check> checks = new ArrayList<>();
        final Instant end;
        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, profile.roles().publisher())) {
            final ClientSession clients = new ClientSession(config, root, profilePath, profile.roles().publisher(), profile.roles().committee(),
                    NetworkConsortium.providerIdentities(profile, config.providers()), ledger, work, out);
            Files.createDirectories(clients.pids());
            final Killer killer = new Killer(List.of(pidDir, clients.pids()), kinds, Duration.ofSeconds(every[0]), Duration.ofSeconds(every[1]),
                    config.seed(), out);
            if (checkOnly == null) {
                killer.start();
            }
            try (ClientSupervisor supervisor = new ClientSupervisor(out)) {
                try {
                    result = checkOnly != null ? ClientSession.Result.of(ledger, checkOnly.get(0), checkOnly.get(1), config.rounds())
                            : clients.run(supervisor);
                } catch (RuntimeException e) {
                    failure = e.getMessage();
                    out.accept("session failed: " + e);
                } finally {
                    out.accept("stopping the killer (waiting for the last restart)");
                    killer.close();
                }
            }
            end = Instant.now();
            kills = killer.kills();
            if (result != null) {
                for (final String model : new String[] {result.federatedModel(), result.gossipModel()}) {
                    updates.addAll(ledger.listUpdates(model, 0, null));
                }
                for (final UpdateView u : updates) {
                    scores.put(u.id(), ledger.getScores(u.id()));
                }
            }
        }
        if (result != null) {
            final KuboStore store = new KuboStore(KuboClient.builder(profile.ipfs().api()).retryPolicy(RetryPolicy.OUTAGE).build());
            checks.add(LossChecks.completed("federated rounds", config.rounds(), result.roundsClosed()));
            checks.add(LossChecks.completed("gossip updates", config.gossipSteps() * config.providers(), result.gossipUpdates()));
            checks.add(LossChecks.everyUpdateDecided(updates));
            checks.add(LossChecks.weightsRetrievable(updates, cid -> readsVerified(store, cid)));
            checks.add(LossChecks.oneScorePerMember(scores));
            checks.add(LossChecks.oneUpdatePerProviderAndRound(updates));
            checks.add(LossChecks.noExtraGossipUpdates(updates, result.gossipModel(), config.gossipSteps()));
        } else {
            checks.add(new LossChecks.Check("session completed", 1, 1, List.of(String.valueOf(failure))));
        }
        checks.add(new LossChecks.Check("every killed process restarted (or its work done)", kills.size(),
                (int) kills.stream().filter(k -> !k.recovered()).count(),
                kills.stream().filter(k -> !k.recovered()).map(Kill::process).limit(3).toList()));

        final List<Instant> decided = updates.stream().filter(u -> u.decidedAt() != null).map(u -> Instant.parse(u.decidedAt())).toList();
        final List<Duration> stalls = Stalls.afterEach(kills.stream().map(Kill::at).toList(), decided, end);
        ChaosReport.print(t0, kills, stalls, kinds, updates, decided, config, result, Duration.between(t0, end), checks);
        return checks.stream().allMatch(LossChecks.Check::ok) ? 0 : 1;
    }

    /** A previous run's client pid files name processes long gone, or reused pids: never kill by them. */
    private static void deleteOldPidFiles(final Path dir) throws IOException {
        if (Files.isDirectory(dir)) {
            try (var files = Files.list(dir)) {
                for (final Path f : files.toList()) {
                    Files.delete(f);
                }
            }
        }
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
