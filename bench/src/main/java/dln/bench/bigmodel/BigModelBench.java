package dln.bench.bigmodel;

import dln.bench.Table;
import dln.core.aggregation.AggregationRule;
import dln.core.aggregation.AggregationRules;
import dln.core.aggregation.ChunkedAggregation;
import dln.core.data.Dataset;
import dln.core.evaluation.EvaluationResult;
import dln.core.evaluation.Evaluator;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ArchitectureSpec;
import dln.core.model.LayerSpec;
import dln.core.model.ParameterInit;
import dln.core.model.TrainingSpec;
import dln.api.DlnLedger;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.bench.consortium.InProcessConsortium;
import dln.core.attack.Adversary;
import dln.core.model.ModelSpec;
import dln.core.protocol.Aggregates;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.LearningPolicy;
import dln.core.protocol.ModelContext;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.protocol.StartWeights;
import dln.core.storage.KuboStore;
import dln.core.storage.StoredAggregation;
import dln.core.storage.WeightStore;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import dln.core.training.TrainingResult;
import dln.core.weights.ParameterSource;
import dln.core.weights.WeightFileSource;
import dln.core.weights.WeightFileWriter;
import dln.core.weights.WeightFiles;
import dln.ipfs.TransferListener;
import dln.ipfs.cid.CidOutputStream;
import dln.ipfs.cid.FileCids;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `./dln bench big-model`: the life of a 100M-parameter dense model in one process, every step
 * timed with its peak heap and resident memory: publish the initial weights (a weight file and its
 * CID, streamed), store them on IPFS and fetch them back verified, 8 providers' updates stored and
 * fetched, aggregated chunk by chunk by each rule, the aggregate scored (one evaluation pass) and
 * trained one step; then one federated round through the protocol on the in-process ledger
 * ({@link #protocolRound}). IPFS is a private Kubo node the bench starts and deletes (never the network's).
 */
@Command(name = "big-model", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Publish, store, verify, aggregate, score and train one step of a 100M-parameter dense model;",
                "then one federated round through the protocol (8 providers, a member's scoring with contributions, a",
                "provider's aggregation); time and peak memory (heap, RSS) per step against the 3 GiB heap target. Run it under -Xmx3g",
                "(./dln does) to prove the limit. Needs about 8 GB of free disk under --dir with IPFS, 4 GB without, and the round 4 GB more (plus 3.2 GB in the temporary folder)."},
        footer = {"", "Examples:", "  ./dln bench big-model", "  ./dln bench big-model --rules fedavg,median --no-ipfs",
                "  DLN_JAVA_OPTS=-Xmx3g ./dln bench big-model --hidden 9891   # 10M parameters, a quick look",
                "  DLN_JAVA_OPTS=-Xmx768m ./dln bench big-model --skip-training --no-ipfs --heap-target-mib 768 --rules fedavg,median,norm-clip:5"})
public final class BigModelBench implements Callable<Integer> {
    private static final long MIB = 1 << 20;

    @Option(names = "--inputs", defaultValue = "1000", description = "input features (default ${DEFAULT-VALUE})")
    int inputs;
    @Option(names = "--hidden", defaultValue = "98912", description = "units of the one hidden layer; 98912 makes 100,000,042 parameters (default ${DEFAULT-VALUE})")
    int hidden;
    @Option(names = "--updates", defaultValue = "8", description = "providers' updates aggregated (default ${DEFAULT-VALUE})")
    int updates;
    @Option(names = "--rules", split = ",", defaultValue = "fedavg,median,trimmed-mean:0.25,norm-clip:5,multi-krum:1:3,centered-clip:5:2",
            description = "aggregation rules, one row each; the first one's aggregate is scored and trained (default ${DEFAULT-VALUE})")
    List<String> rules;
    @Option(names = "--examples", defaultValue = "500", description = "synthetic examples scored (default ${DEFAULT-VALUE})")
    int examples;
    @Option(names = "--optimizer", defaultValue = "adam", description = "optimiser of the training step: adam, sgd, nesterovs (default ${DEFAULT-VALUE})")
    String optimizer;
    @Option(names = "--skip-training", description = "stop after aggregation: no scoring and no training step (to run aggregation under a smaller -Xmx)")
    boolean skipTraining;
    @Option(names = "--skip-protocol", description = "leave out the federated round through the protocol (publish, train, committee scoring, provider aggregation)")
    boolean skipProtocol;
    @Option(names = "--heap-target-mib", defaultValue = "3072", description = "the heap target each step is held to (default ${DEFAULT-VALUE})")
    long heapTargetMib;
    @Option(names = "--ipfs", description = "the Kubo binary (default: $DLN_IPFS_BIN, else ~/.cache/dln/bin/kubo-*/ipfs)")
    String ipfsBin;
    @Option(names = "--no-ipfs", description = "skip IPFS: the files stay on local disk")
    boolean noIpfs;
    @Option(names = "--dir", defaultValue = "${sys:java.io.tmpdir}", description = "where the weight files and the private node go, deleted after (default ${DEFAULT-VALUE})")
    Path dir;
    @Option(names = "--seed", defaultValue = "1", description = "seed of the weights, the updates and the data (default ${DEFAULT-VALUE})")
    long seed;

    /** One row: what was done, how long, the peaks, and what was checked. */
    private record Row(String step, double seconds, PeakMemory.Peak peak, String check) {}

    /** One measured step's body. */
    private interface Step {
        String run() throws Exception;
    }

    private final List<Row> rows = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        validate();
        final ArchitectureSpec spec = new ArchitectureSpec(List.of(inputs), List.of(LayerSpec.dense(hidden, "relu"), LayerSpec.output(10)));
        final ArchitecturePlan plan = ArchitecturePlan.of(spec);
        final long count = plan.parameterCount();
        final String hash = plan.hash();
        final Optional<Path> kuboBin = noIpfs ? Optional.empty() : PrivateKubo.binary(ipfsBin);
        System.out.printf(Locale.ROOT, "model: dense %d-%d-10, %,d parameters (weight file %,d MB); heap limit %,d MiB; target %,d MiB per step%n",
                inputs, hidden, count, (48 + 4 * count) / 1_000_000, Runtime.getRuntime().maxMemory() / MIB, heapTargetMib);
        System.out.println(kuboBin.map(p -> "IPFS: a private Kubo node (" + p + "), offline, deleted after")
                .orElse(noIpfs ? "IPFS: skipped (--no-ipfs)" : "IPFS: skipped, no Kubo binary (set DLN_IPFS_BIN or run ./dln setup)"));
        final Path work = Files.createTempDirectory(Files.createDirectories(dir), "dln-big-model-");
        try (PrivateKubo kubo = kuboBin.isPresent() ? PrivateKubo.start(kuboBin.get(), work) : null) {
            run(plan, count, hash, work, kubo);
        } finally {
            deleteTree(work);
        }
        print();
        return 0;
    }

    private void validate() {
        if (inputs < 1 || hidden < 1 || updates < 1 || examples < 1) {
            throw new IllegalArgumentException("--inputs, --hidden, --updates and --examples must be at least 1");
        }
        rules.forEach(AggregationRules::parse);
        new TrainingSpec(optimizer, 1e-3, 32, 1, 0);
    }

    private void run(final ArchitecturePlan plan, final long count, final String hash, final Path work, final PrivateKubo kubo) throws Exception {
        final WeightStore store = kubo == null ? null : new WeightStore(new KuboStore(kubo.client()), 0);
        final Path initial = work.resolve("initial.dlnw");
        final String[] initialCid = new String[1];
        step("publish: initialise, write, CID", () -> {
            final float[] w = ParameterInit.initialise(plan, seed);
            initialCid[0] = writeWithCid(initial, out -> WeightFiles.write(out, hash, w));
            return "CID " + shortCid(initialCid[0]);
        });
        if (store != null) {
            step("store: add to IPFS (streamed)", () -> {
                final String cid = store.putWeightsFile(initial, hash, count, TransferListener.NONE);
                require(cid.equals(initialCid[0]), "Kubo's CID " + cid + " differs from the local " + initialCid[0]);
                return "Kubo's CID = local";
            });
            step("verify: fetch, recompute CID", () -> {
                final Path copy = work.resolve("initial-fetched.dlnw");
                store.fetchWeightsFile(initialCid[0], hash, count, copy).close();
                final String again = FileCids.of(copy).toString();
                require(again.equals(initialCid[0]), "the fetched file's CID " + again + " differs from " + initialCid[0]);
                Files.delete(copy);
                return "fetched file's CID = published";
            });
        }
        final Path providers = Files.createDirectories(work.resolve("providers"));
        final Path aggregator = Files.createDirectories(work.resolve("aggregator"));
        final List<String> updateCids = new ArrayList<>();
        step(updates + " updates: write" + (store == null ? "" : ", add to IPFS"), () -> {
            try (WeightFileSource start = WeightFileSource.open(initial, hash, count)) {
                for (int i = 0; i < updates; i++) {
                    final Path f = (store == null ? aggregator : providers).resolve("update-" + i + ".dlnw");
                    final int which = i;
                    final String local = writeWithCid(f, out -> perturbed(start, which, hash, out));
                    if (store != null) {
                        final String cid = store.putWeightsFile(f, hash, count, TransferListener.NONE);
                        require(cid.equals(local), "update " + i + ": Kubo's CID " + cid + " differs from the local " + local);
                        Files.delete(f);
                    }
                    updateCids.add(local);
                }
            }
            return store == null ? "on local disk" : "each Kubo CID = local";
        });
        final String[] providerCid = new String[1];
        if (store != null) {
            // The provider's whole path in one call: fetch each update (verified) to disk, aggregate
            // chunk by chunk, write the aggregate and its CID; the rows below time the parts.
            step("fetch + aggregate " + rules.get(0) + " (StoredAggregation)", () -> {
                final List<StoredAggregation.StoredUpdate> stored = new ArrayList<>();
                for (int i = 0; i < updates; i++) {
                    stored.add(new StoredAggregation.StoredUpdate("u" + i, updateCids.get(i), 100L + 10L * i));
                }
                try (WeightFileSource reference = WeightFileSource.open(initial, hash, count)) {
                    final StoredAggregation.Aggregate a = new StoredAggregation(store, work.resolve("provider"))
                            .aggregate(AggregationRules.parse(rules.get(0)), stored, reference, hash, count, work.resolve("provider.dlnw"));
                    providerCid[0] = a.cid();
                    Files.delete(a.file());
                    return "CID " + shortCid(a.cid());
                }
            });
            step("fetch " + updates + " updates (verified)", () -> {
                for (int i = 0; i < updates; i++) {
                    store.fetchWeightsFile(updateCids.get(i), hash, count, aggregator.resolve("update-" + i + ".dlnw")).close();
                }
                return "each checked against its CID";
            });
        }
        final Path aggregate = work.resolve("aggregate.dlnw");
        for (String name : rules) {
            final AggregationRule rule = AggregationRules.parse(name);
            final Path out = rules.get(0).equals(name) ? aggregate : work.resolve("aggregate-other.dlnw");
            step("aggregate " + name + (ChunkedAggregation.streams(rule) ? " (chunked)" : " (whole vectors)"), () -> {
                final List<WeightFileSource> sources = new ArrayList<>();
                try (WeightFileSource reference = WeightFileSource.open(initial, hash, count)) {
                    final List<ChunkedAggregation.SourcedUpdate> inputs = new ArrayList<>();
                    for (int i = 0; i < updates; i++) {
                        final WeightFileSource s = WeightFileSource.open(aggregator.resolve("update-" + i + ".dlnw"), hash, count);
                        sources.add(s);
                        inputs.add(new ChunkedAggregation.SourcedUpdate("u" + i, s, 100L + 10L * i));
                    }
                    final String cid = writeWithCid(out, o -> {
                        final WeightFileWriter writer = new WeightFileWriter(o, hash, count);
                        new ChunkedAggregation(rule).aggregate(inputs, reference, writer);
                        writer.finish();
                    });
                    if (out.equals(aggregate) && providerCid[0] != null) {
                        require(cid.equals(providerCid[0]), "the provider's aggregate " + providerCid[0] + " differs from " + cid);
                        return "CID " + shortCid(cid) + " = provider's";
                    }
                    return "CID " + shortCid(cid);
                } finally {
                    for (WeightFileSource s : sources) {
                        s.close();
                    }
                }
            });
        }
        if (store != null) {
            step("store the aggregate", () -> "CID " + shortCid(store.putWeightsFile(aggregate, hash, count, TransferListener.NONE)));
        }
        if (skipTraining) {
            return;
        }
        final Dataset data = syntheticData(Math.max(examples, 32), plan.inputSize());
        final float[][] start = new float[1][];
        step("score: one evaluation pass, " + examples + " examples", () -> {
            start[0] = readWhole(aggregate, hash, count);
            final EvaluationResult r = new Evaluator(plan).evaluate(start[0], subset(data, examples));
            return String.format(Locale.ROOT, "accuracy %.3f, loss %.3f", r.accuracy(), r.loss());
        });
        step("train one step (" + optimizer + ", batch 32), update CID", () -> {
            final TrainingSpec settings = new TrainingSpec(optimizer, 1e-3, 32, 1, 0);
            final TrainingResult r = new LocalTrainer(plan).train(start[0], subset(data, 32), settings, seed, TrainingListener.NONE);
            start[0] = null;
            final String cid = WeightStore.cidOf(hash, r.params());
            return String.format(Locale.ROOT, "loss %.3f; CID %s", r.finalLoss(), shortCid(cid));
        });
        if (kubo != null) {
            System.out.printf(Locale.ROOT, "private Kubo repository: %,d MB%n", kubo.repoBytes() / 1_000_000);
        }
        if (!skipProtocol) {
            protocolRound(plan, count, work, syntheticData(Math.max(examples, 32 * updates), plan.inputSize()));
        }
    }

    /**
     * One federated round through the protocol's own classes on the in-process ledger (the real
     * contracts), weight files in a folder: the publisher publishes, one committee member (its
     * size limit raised to the model) approves, {@code updates} providers train one step each and
     * submit, the member scores every update under the contribution policy (sanity checks,
     * evaluation, copy detection and leave-one-out aggregates: the streamed path), then a provider
     * computes round 2's start from the accepted updates and records it (the provider's aggregation).
     */
    private void protocolRound(final ArchitecturePlan plan, final long count, final Path work, final Dataset data)
            throws Exception {
        final InProcessConsortium net = new InProcessConsortium();
        final FolderStore content = new FolderStore(Files.createDirectories(work.resolve("protocol-store")));
        final java.util.function.Function<String, Participant> join =
                name -> new Participant(name, new DlnLedger(net.transport(name)), new WeightStore(content, 0));
        // One SGD step moves a 100M-parameter model by about 1e-6 of its norm: the member's
        // "did it train" bound is for epochs, not for one step.
        final SanityLimits limits = new SanityLimits(0, SanityLimits.DEFAULT.maxRelativeDistance(), SanityLimits.DEFAULT.maxExamplesPerSecond(),
                SanityLimits.DEFAULT.maxRegression(), SanityLimits.DEFAULT.minTrendCosine()).withMaxParameters(count);
        final String memberName = net.committee().get(0);
        final TrainingSpec recipe = new TrainingSpec("sgd", 1e-3, 32, 1, 0);
        final ModelSpec spec = new ModelSpec("big model", plan.spec(), recipe, seed);
        final String[] model = new String[1];
        final CommitteeWorkflow[] member = new CommitteeWorkflow[1];
        step("round: publish, member approves (limit raised)", () -> {
            final ModelView m = new PublisherWorkflow(join.apply(net.publisher()), net.directory()).publish(new PublicationRequest("big model",
                    spec, "accuracy", "federated", rules.get(0), 1, 0.0, "median", List.of(memberName), subset(data, examples), updates,
                    3600, updates).with(LearningPolicy.parse("contribution:3", "equal")));
            model[0] = m.id();
            member[0] = CommitteeWorkflow.forOnePass(join.apply(memberName), net.privateKey(memberName), limits, line -> { });
            require(member[0].reviewModel(m).orElse(false), "the member did not approve " + m.id());
            return "approved, limit " + String.format(Locale.ROOT, "%,d", count);
        });
        final List<String> providerIds = net.providers(updates);
        step("round: " + updates + " providers train (sgd), submit", () -> {
            for (int i = 0; i < updates; i++) {
                final int[] idx = new int[32];
                for (int k = 0; k < idx.length; k++) {
                    idx[k] = (32 * i + k) % data.size();
                }
                new ProviderWorkflow(join.apply(providerIds.get(i)), data.subset(idx), recipe, Adversary.honest(), seed + i,
                        TrainingListener.NONE, line -> { }).federatedStep(model[0]).orElseThrow();
            }
            return updates + " updates on the ledger";
        });
        final RoundView[] closed = new RoundView[1];
        step("round: member scores all, with contributions", () -> {
            int scored = 0;
            for (int pass = 0; pass < 3; pass++) {
                scored += member[0].scorePending(model[0]).size();
                if (join.apply(net.publisher()).ledger().getRound(model[0], 1).closed()) {
                    break;
                }
            }
            closed[0] = join.apply(net.publisher()).ledger().getRound(model[0], 1);
            require(closed[0].closed(), "round 1 did not close");
            return scored + " scored, " + closed[0].accepted().size() + " accepted";
        });
        member[0] = null;
        step("round: provider aggregates (round 2 start)", () -> {
            final Participant p = join.apply(providerIds.get(0));
            final ModelContext ctx = ModelContext.of(p.ledger().getModel(model[0]));
            final Aggregates.RoundStart start = new Aggregates(p, line -> { }).beginRound(ctx, p.ledger().getRound(model[0], 2));
            final StartWeights settled = start.settled().get();
            require(settled.check() == StartWeights.Check.RECORDED, "round 1's aggregate was " + settled.check());
            require(settled.parents().equals(closed[0].accepted()), "round 2 starts from " + settled.parents());
            return "recorded, CID " + shortCid(settled.cid());
        });
    }

    /** Update i: the initial weights plus seeded noise, the last update 20 times noisier (an outlier for the robust rules). */
    private void perturbed(final ParameterSource start, final int i, final String hash, final OutputStream out) throws IOException {
        final long count = start.parameterCount();
        final WeightFileWriter writer = new WeightFileWriter(out, hash, count);
        final SplittableRandom rnd = new SplittableRandom(seed * 1_000_003L + i);
        final float scale = i == updates - 1 && updates > 2 ? 0.2f : 0.01f;
        final float[] chunk = new float[1 << 20];
        for (long from = 0; from < count; from += chunk.length) {
            final int len = (int) Math.min(chunk.length, count - from);
            start.read(from, chunk, 0, len);
            for (int k = 0; k < len; k++) {
                chunk[k] += scale * (float) (rnd.nextDouble() - 0.5);
            }
            writer.write(chunk, 0, len);
        }
        writer.finish();
    }

    private Dataset syntheticData(final int n, final int features) {
        final SplittableRandom rnd = new SplittableRandom(seed);
        final float[] x = new float[n * features];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextDouble();
        }
        final int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextInt(10);
        }
        return new Dataset(x, y, features, 10);
    }

    private static Dataset subset(final Dataset d, final int n) {
        final int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        return d.subset(idx);
    }

    private static float[] readWhole(final Path file, final String hash, final long count) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return WeightFiles.read(in, hash, count);
        }
    }

    /** What writes a file's bytes. */
    private interface Writing {
        void to(OutputStream out) throws IOException;
    }

    /** Writes a file and computes its CID on the way, in one pass (the bytes are never whole in memory). */
    private static String writeWithCid(final Path file, final Writing writing) throws IOException {
        final CidOutputStream cid = new CidOutputStream();
        try (OutputStream out = cid.alongside(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16))) {
            writing.to(out);
        }
        return cid.cid().toString();
    }

    private void step(final String name, final Step body) throws Exception {
        PeakMemory.reset();
        final long t0 = System.nanoTime();
        final String check = body.run();
        final double seconds = (System.nanoTime() - t0) / 1e9;
        final Row row = new Row(name, seconds, PeakMemory.read(), check);
        rows.add(row);
        System.out.printf(Locale.ROOT, "  %-46s %7.1f s  heap %,6d MiB  %s%n", name, seconds, row.peak().heap() / MIB, check);
    }

    private static void require(final boolean ok, final String what) {
        if (!ok) {
            throw new IllegalStateException(what);
        }
    }

    private static String shortCid(final String cid) {
        return cid.substring(0, 12) + "…";
    }

    private void print() {
        final Table t = new Table("big model: time and peak memory per step (target: heap <= " + heapTargetMib + " MiB)",
                "step", "seconds", "heap peak MiB", "RSS peak MiB", "heap target", "checked");
        boolean missed = false;
        for (Row r : rows) {
            final boolean ok = r.peak().heap() <= heapTargetMib * MIB;
            missed |= !ok;
            t.row(r.step(), String.format(Locale.ROOT, "%.1f", r.seconds()), String.format(Locale.ROOT, "%,d", r.peak().heap() / MIB),
                    r.peak().rss() < 0 ? "-" : String.format(Locale.ROOT, "%,d", r.peak().rss() / MIB), ok ? "ok" : "MISSED", r.check());
        }
        t.print();
        System.out.println(missed ? "heap target MISSED in at least one step" : "heap target ok in every step");
    }

    private static void deleteTree(final Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(f);
            }
        }
    }
}
