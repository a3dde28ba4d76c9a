package dln.bench.chaos;

import dln.api.DlnLedger;
import dln.api.ModelStatus;
import dln.api.UpdateStatus;
import dln.api.view.UpdateView;
import dln.session.demo.SessionConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A learning session made of the client programs, each its own process as on the members'
 * machines: the publisher's {@code publish} (the bench waits on the ledger for it), one
 * {@code committee serve} per member and one {@code provider run} per provider, kept running by a
 * {@link ClientSupervisor}. A federated model for R rounds, then a gossip model of G updates per
 * provider. A provider restarted after a crash is given the steps the ledger says it has left.
 */
final class ClientSession {

    /** The longest the session waits for any one thing (a round to close, the last decisions). */
    private static final Duration PATIENCE = Duration.ofMinutes(10);

    /** What the session did, read from the ledger. */
    record Result(String federatedModel, String gossipModel, int roundsClosed, int gossipUpdates, List<Instant> roundsClosedAt) {
        /** What the ledger holds of two models: rounds 1..{@code rounds} closed, the gossip model's updates. */
        static Result of(final DlnLedger ledger, final String federated, final String gossip, final int rounds) {
            final int closed = (int) java.util.stream.IntStream.rangeClosed(1, rounds).filter(r -> ledger.getRound(federated, r).closed()).count();
            return new Result(federated, gossip, closed, ledger.listUpdates(gossip, 0, null).size(), List.of());
        }
    }

    private final SessionConfig config;
    private final Path root;
    private final Path profile;
    private final String publisher;
    private final List<String> committee;
    private final List<String> providers;
    private final DlnLedger ledger;
    private final Path work;
    private final Consumer<String> out;

    /**
     * @param root the clone, whose client jars run
     * @param ledger the publisher's connection, for the bench's waits and a provider's steps left
     * @param work where the client programs' logs and pid files go
     */
    ClientSession(final SessionConfig config, final Path root, final Path profile, final String publisher, final List<String> committee,
            final List<String> providers, final DlnLedger ledger, final Path work, final Consumer<String> out) {
        this.config = config;
        this.root = root;
        this.profile = profile;
        this.publisher = publisher;
        this.committee = List.copyOf(committee);
        this.providers = List.copyOf(providers);
        this.ledger = ledger;
        this.work = work;
        this.out = out;
    }

    /** The client programs' pid files, for the {@link Killer}. */
    Path pids() {
        return work.resolve("pids");
    }

    Result run(final ClientSupervisor supervisor) throws IOException, InterruptedException {
        Files.createDirectories(pids());
        Files.createDirectories(work.resolve("logs"));
        for (final String m : committee) {
            supervisor.run(client("committee-" + m.replace('/', '-'), () -> Optional.of(command("committee", "serve", "--identity", m))));
        }
        final String fed = publish("federated");
        out.accept("published federated model " + fed + "; waiting for the committee to approve it");
        until(() -> ledger.getModel(fed).status() == ModelStatus.OPEN, "model " + fed + " to open");
        final List<ClientProcess> fedProviders = startProviders(supervisor, fed, config.rounds());
        final List<Instant> closedAt = new ArrayList<>();
        for (int r = 1; r <= config.rounds(); r++) {
            final int round = r;
            until(() -> ledger.getRound(fed, round).closed(), "round " + r + " of " + fed + " to close");
            closedAt.add(Instant.now());
            final List<UpdateView> in = ledger.listUpdates(fed, r, null);
            out.accept(String.format("round %d closed: %d updates, %d accepted", r, in.size(), in.stream().filter(UpdateView::accepted).count()));
        }
        until(() -> fedProviders.stream().allMatch(ClientProcess::finished), "the providers to finish the federated rounds");

        final String gossip = publish("gossip");
        out.accept("published gossip model " + gossip);
        until(() -> ledger.getModel(gossip).status() == ModelStatus.OPEN, "model " + gossip + " to open");
        final List<ClientProcess> gossipProviders = startProviders(supervisor, gossip, config.gossipSteps());
        until(() -> gossipProviders.stream().allMatch(ClientProcess::finished), "the providers to make their gossip updates");
        until(() -> ledger.listUpdates(gossip, 0, UpdateStatus.PENDING).isEmpty(), "the committee to decide every gossip update");
        final Result r = Result.of(ledger, fed, gossip, config.rounds());
        return new Result(fed, gossip, r.roundsClosed(), r.gossipUpdates(), closedAt);
    }

    private List<ClientProcess> startProviders(final ClientSupervisor supervisor, final String model, final int steps) throws IOException {
        final List<ClientProcess> started = new ArrayList<>();
        for (int i = 0; i < providers.size(); i++) {
            final String id = providers.get(i);
            final String data = config.dataset() + ":train:" + config.partition() + ":" + (i + 1) + "/" + providers.size();
            final ClientProcess c = client("provider-" + id.replace('/', '-') + "-" + model.substring(0, Math.min(10, model.length())), () -> {
                final int left = steps - stepsMade(model, id);
                return left <= 0 ? Optional.empty() : Optional.of(command("provider", "run", model, "--identity", id, "--data", data,
                        "--seed", Long.toString(config.seed()), "--steps", Integer.toString(left)));
            });
            supervisor.run(c);
            started.add(c);
        }
        return started;
    }

    /** The updates {@code identity} recorded on {@code model}: what a restarted provider need not do again. */
    private int stepsMade(final String model, final String identity) {
        return (int) ledger.listUpdates(model, 0, null).stream().filter(u -> u.submitter().shortName().equals(identity)).count();
    }

    private ClientProcess client(final String name, final java.util.function.Supplier<Optional<List<String>>> command) {
        return new ClientProcess(name, command, work.resolve("logs"), pids());
    }

    /** {@code java -jar <client jar> ARGS}, as {@code ./dln CLIENT ARGS} runs it. */
    private List<String> command(final String client, final String... args) {
        final List<String> cmd = new ArrayList<>(List.of("java", "-Xmx1g", "-XX:+UseSerialGC", "-jar",
                root.resolve(client + "-client/target/dln-" + client + ".jar").toString()));
        cmd.addAll(List.of(args));
        cmd.addAll(List.of("--profile", profile.toString()));
        return cmd;
    }

    /** Publishes one model with the publisher's program; its id is the program's output. */
    private String publish(final String mode) throws IOException, InterruptedException {
        final Path log = work.resolve("logs").resolve("publish-" + mode + ".log");
        final List<String> cmd = command("publisher", "publish", "--identity", publisher, "--name", "dln chaos " + mode, "--model", config.model(),
                "--mode", mode, "--committee", String.join(",", committee), "--quorum", Integer.toString(config.quorum()),
                "--threshold", Double.toString(config.threshold()), "--min-updates", Integer.toString(providers.size()),
                "--epochs", Integer.toString(config.localEpochs()), "--seed", Long.toString(config.seed()),
                "--validation", config.dataset() + ":validation", "--rule", config.rule(), "--combine", config.combine());
        // The session's learning policy, as the demo publishes it (until 2026-12-07 the chaos models
        // took the publisher's defaults, threshold acceptance, whatever --acceptance said).
        cmd.addAll(config.learning().publishOptions());
        final Path stdout = Files.createTempFile(work, "publish", ".out");
        final Process p = new ProcessBuilder(cmd).redirectError(log.toFile()).redirectOutput(stdout.toFile()).start();
        if (!p.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException("publisher publish --mode " + mode + " failed; see " + log);
        }
        final List<String> lines = Files.readAllLines(stdout, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        Files.delete(stdout);
        return lines.get(lines.size() - 1).trim();
    }

    /** Polls the ledger every second; a read failing during an outage is only a later look. */
    private void until(final BooleanSupplier condition, final String what) throws InterruptedException {
        final long end = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < end) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                out.accept("waiting for " + what + ": " + e.getMessage());
            }
            Thread.sleep(1000);
        }
        throw new IllegalStateException("gave up waiting for " + what + " after " + PATIENCE.toMinutes() + " min");
    }
}
