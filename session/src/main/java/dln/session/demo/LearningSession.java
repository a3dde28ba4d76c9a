package dln.session.demo;

import dln.api.UpdateStatus;
import dln.core.evaluation.Evaluator;
import dln.api.DlnLedger;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import dln.core.model.ArchitecturePlan;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.model.TrainingSpec;
import dln.core.protocol.Aggregates;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.ModelContext;
import dln.core.protocol.ParentSelector;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.ProtocolException;
import dln.core.role.ProviderService;
import dln.core.role.PublisherService;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import dln.core.training.TrainingResult;
import dln.session.consortium.Consortium;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A whole learning session over a {@link Consortium} (the real network with the demo identities,
 * or the real contracts in this process): publish, committee approval, R federated rounds, then a
 * gossip phase on a second model that starts from the federated result. In a round the providers work side by side but take turns training (two
 * cores), so each one's ledger and IPFS work overlaps another's training, as on machines of their
 * own; gossip steps go one provider after another. Committee members score on their own threads,
 * woken by the chaincode's events.
 */
public final class LearningSession {

    /** How long the session waits for the committee at most, at any one point. */
    private static final java.time.Duration PATIENCE = java.time.Duration.ofSeconds(300);

    private final SessionConfig config;
    private final Consortium consortium;
    private final Consumer<String> out;
    private final Function<String, TrainingListener> progress;
    /** The secure providers' step lines, with time and provider: what a failed secure round reports. */
    private final List<String> secureSteps = java.util.Collections.synchronizedList(new ArrayList<>());
    private boolean trainBaseline = true;
    private boolean readScores;
    private SessionData given;

    public LearningSession(final SessionConfig config, final Consortium consortium, final Consumer<String> out,
            final Function<String, TrainingListener> progress) {
        this.config = config;
        this.consortium = consortium;
        this.out = out;
        this.progress = progress;
    }

    /** Leaves out the centralised baseline (its epochs on the union): for benches that measure something else. */
    public LearningSession withoutBaseline() {
        trainBaseline = false;
        return this;
    }

    /**
     * Reads every decided update's committee scores at the end into {@link Result#scores}: for
     * benches that audit the decisions. One ledger read per decided update, so a demo does without.
     */
    public LearningSession withScores() {
        readScores = true;
        return this;
    }

    /**
     * Runs on {@code data} instead of the configured dataset's split: for benches that must know
     * which records each provider holds (one partition per provider, in the providers' order).
     */
    public LearningSession on(final SessionData data) {
        if (data.partitions().size() != config.providers()) {
            throw new IllegalArgumentException(data.partitions().size() + " partitions for " + config.providers() + " providers");
        }
        given = data;
        return this;
    }

    /**
     * What a session produced; {@code baseline} is empty without one. {@code scores} holds every
     * decided update's committee scores by update id, as recorded (read only {@link #withScores};
     * else empty).
     */
    public record Result(String federatedModel, String gossipModel, List<RoundRow> rows, List<Double> baseline,
            List<UpdateView> federatedUpdates, List<UpdateView> gossipUpdates, Set<String> poisonedIds, List<String> warnings,
            TestMetric metric, Map<String, List<dln.api.view.ScoreView>> scores) {
        /** A classification's result: the rows' and baseline's values are test accuracies. */
        public Result(String federatedModel, String gossipModel, List<RoundRow> rows, List<Double> baseline,
                List<UpdateView> federatedUpdates, List<UpdateView> gossipUpdates, Set<String> poisonedIds, List<String> warnings) {
            this(federatedModel, gossipModel, rows, baseline, federatedUpdates, gossipUpdates, poisonedIds, warnings,
                    new TestMetric(dln.api.Metric.ACCURACY, null), Map.of());
        }
    }

    public Result run() throws IOException {
        final List<String> providerIds = consortium.providers(config.providers());
        final SessionData data = given != null ? given : SessionData.load(config);
        final ModelSpec spec = spec(config, data);
        checkBudget(data, spec);
        final ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
        final Evaluator tester = new Evaluator(plan);
        final TestMetric metric = TestMetric.of(data);
        final List<String> warnings = new ArrayList<>();

        final List<Participant> everyone = new ArrayList<>();
        try {
            final Participant publisher = join(consortium.publisher(), everyone);
            final List<CommitteeWorkflow> members = new ArrayList<>();
            // The members share this machine's cores: they measure a round's contributions a core each, in turn.
            final java.util.concurrent.Semaphore cores = new java.util.concurrent.Semaphore(Runtime.getRuntime().availableProcessors(), true);
            for (String m : consortium.committee()) {
                final Participant p = join(m, everyone);
                members.add(new CommitteeWorkflow(p, consortium.privateKey(m), SanityLimits.DEFAULT, s -> { }, java.time.Clock.systemUTC(), cores));
            }
            final List<ProviderService> providers = new ArrayList<>();
            // One provider trains at a time (fair: providers queue in order), and one aggregates its
            // round's start at a time; the committee and everyone's ledger and IPFS work run beside.
            final dln.core.protocol.SharedMachine machine = dln.core.protocol.SharedMachine.shared();
            // One team: the informed attacks share their members' updates.
            final dln.core.attack.AttackTeam team = dln.core.attack.AttackTeam.of(config.attack(), config.malicious(), config.providers(), config.seed());
            int attackers = 0;
            for (int i = 0; i < config.providers(); i++) {
                final String id = providerIds.get(i);
                final Participant p = join(id, everyone);
                providers.add(new ProviderService(new ProviderWorkflow(p, data.partitions().get(i), spec.training(),
                        config.isMalicious(i) ? team.member(attackers++) : dln.core.attack.Adversary.honest(), config.seed() + i,
                        progress.apply(id + (config.isMalicious(i) ? " (" + config.attack().wire() + ")" : "")), providerLog(warnings), machine),
                        p.ledger().events(), java.time.Duration.ofSeconds(1)));
            }
            final List<dln.core.secagg.SecureProvider> secure = new ArrayList<>();
            if (config.secure()) {
                for (int i = 0; i < config.providers(); i++) {
                    final String who = providerIds.get(i);
                    secure.add(new dln.core.secagg.SecureProvider(providers.get(i).provider(), consortium.privateKey(who),
                            new java.security.SecureRandom(), line -> secureSteps.add(java.time.LocalTime.now() + "  " + who + "  " + line)));
                }
            }
            out.accept(String.format("data: %s, %d features, %s: %d training examples over %d providers (%s: %s), %d validation, %d test",
                    config.dataset(), data.union().numFeatures(),
                    metric.regression() ? "a float target (regression)" : data.union().numClasses() + " classes", data.union().size(),
                    config.providers(), config.partition(), sizes(data), data.validation().size(), data.test().size()));
            if (metric.regression()) {
                out.accept(String.format(java.util.Locale.ROOT, "predicting the training mean: test RMSE %.2f", metric.meanPrediction(data.union(), data.test())));
            }

            // The baseline keeps the built-in recipe, tuned for centralised training: a client recipe chosen
            // for federated rounds (a higher rate: 92.80 % centralised against 95.60 %) must not lower the bar.
            final List<Double> baseline = trainBaseline ? baseline(plan, config.client() == null ? spec : spec(config.withClient(null), data), data,
                    tester, metric) : List.of();
            if (!baseline.isEmpty()) {
                out.accept(String.format("centralised baseline (%d epochs on the union): %s %s", baseline.size(), metric.label(),
                        metric.format(baseline.get(baseline.size() - 1))));
            }

            final List<RoundRow> rows = new ArrayList<>();
            final Set<String> poisoned = new HashSet<>();
            try (CommitteePool committee = new CommitteePool(members, publisher.ledger().events());
                 ProviderPool pool = new ProviderPool(providers.size())) {
                final PublisherService pub = new PublisherService(new PublisherWorkflow(publisher, consortium.directory()), publisher.ledger(),
                        publisher.ledger().events(), PATIENCE);
                final Aggregates agg = new Aggregates(publisher, warnings::add);
                String fedId = null;
                List<UpdateView> fedUpdates = List.of();
                float[] start = null;
                if (config.rounds() > 0) {
                    final PublicationRequest fedRequest = request("dln federated", spec, dln.api.Mode.FEDERATED, consortium.committee(), data, metric);
                    final ModelView fed = config.secure()
                            ? pub.publish(fedRequest, null, new ModelView.SecureAggregation(config.secureThreshold()))
                            : pub.publish(fedRequest);
                    out.accept("published federated model " + fed.id() + "; waiting for the committee to approve it");
                    committee.watch(fed.id());
                    await(() -> pub.awaitOpen(fed.id()), committee);
                    for (int r = 1; r <= config.rounds(); r++) {
                        rows.add(config.secure()
                                ? secureRound(r, fed.id(), providers, secure, pool, publisher, pub, agg, tester, metric, data, committee)
                                : federatedRound(r, fed.id(), providers, pool, publisher, pub, agg, tester, metric, data, poisoned, committee));
                    }
                    final ModelView fedDone = publisher.ledger().getModel(fed.id());
                    fedUpdates = publisher.ledger().listUpdates(fed.id(), 0, null);
                    start = agg.aggregate(ModelContext.of(fedDone), publisher.ledger().getRound(fed.id(), fedDone.currentRound()).parents());
                    fedId = fed.id();
                }

                String gossipId = null;
                List<UpdateView> gossipUpdates = List.of();
                if (config.gossipSteps() > 0) {
                    final ModelView gossip = pub.publish(request("dln gossip", spec, dln.api.Mode.GOSSIP, consortium.committee(), data, metric), start);
                    out.accept("published gossip model " + gossip.id() + (start == null ? "" : " starting from the federated result"));
                    committee.watch(gossip.id());
                    await(() -> pub.awaitOpen(gossip.id()), committee);
                    rows.addAll(gossipPhase(gossip.id(), providers, publisher, pub, agg, tester, metric, data, poisoned, committee));
                    gossipId = gossip.id();
                    gossipUpdates = publisher.ledger().listUpdates(gossip.id(), 0, null);
                }
                committee.failures().forEach(t -> warnings.add("committee: " + t.getMessage()));
                final Map<String, List<dln.api.view.ScoreView>> scores = new java.util.TreeMap<>();
                if (readScores) {
                    for (UpdateView u : fedUpdates) {
                        scores.put(u.id(), publisher.ledger().getScores(u.id()));
                    }
                    for (UpdateView u : gossipUpdates) {
                        scores.put(u.id(), publisher.ledger().getScores(u.id()));
                    }
                }
                return new Result(fedId, gossipId, rows, baseline, fedUpdates, gossipUpdates, poisoned, warnings, metric, scores);
            }
        } finally {
            everyone.forEach(Participant::close);
        }
    }

    private RoundRow federatedRound(final int r, final String modelId, final List<ProviderService> providers, final ProviderPool pool,
            final Participant publisher, final PublisherService pub, final Aggregates agg, final Evaluator tester, final TestMetric metric, final SessionData data,
            final Set<String> poisoned, final CommitteePool committee) {
        long train = 0;
        long ipfs = 0;
        long ledger = 0;
        int poisonedHere = 0;
        int abstained = 0;
        final long r0 = System.nanoTime();
        final List<java.util.Optional<ProviderWorkflow.Outcome>> outcomes = pool.each(providers, p -> p.contributeOnce(modelId));
        for (int i = 0; i < providers.size(); i++) {
            if (outcomes.get(i).isPresent()) {
                final var o = outcomes.get(i).get();
                train += o.training().millis();
                ipfs += ipfsMillis(o);
                ledger += ledgerMillis(o);
                abstained += o.abstained() ? 1 : 0;
                if (config.isMalicious(i) && !o.abstained()) {
                    poisoned.add(o.update().id());
                    poisonedHere++;
                }
            }
        }
        final long w0 = System.nanoTime();
        final RoundView closed = await(() -> pub.awaitRoundClosed(modelId, r), committee);
        final long w1 = System.nanoTime();
        final long wait = (w1 - w0) / 1_000_000;
        final long round = (w1 - r0) / 1_000_000;
        final List<UpdateView> updates = publisher.ledger().listUpdates(modelId, r, null);
        final int accepted = (int) updates.stream().filter(UpdateView::accepted).count();
        final int rejected = (int) updates.stream().filter(u -> u.status() == UpdateStatus.REJECTED).count();
        final int poisonedRejected = (int) updates.stream().filter(u -> poisoned.contains(u.id()) && !u.accepted()).count();
        final ModelContext ctx = ModelContext.of(publisher.ledger().getModel(modelId));
        // What round r hands on is, unless it accepted nothing, what it accepted: one listing, not a read per update.
        final float[] aggregate = agg.aggregate(ctx, closed.handsOn(), r);
        final double acc = metric.measure(tester, aggregate, data.test());
        final RoundRow row = new RoundRow("federated", r, accepted, rejected, poisonedRejected, poisonedHere, acc, train, ipfs, ledger, wait,
                round);
        // A provider whose training left the model where it was abstained: no update, its turn taken.
        out.accept(String.format("round %d  accepted %d  rejected %d%s  %s %7s  (train %.1fs, coordination %.0f%%)",
                r, accepted, rejected, abstained > 0 ? "  abstained " + abstained : "", metric.label(), metric.format(acc), train / 1000.0,
                100 * row.coordinationShare()));
        return row;
    }

    /**
     * A securely aggregated round: every provider takes its part in the round's steps on its own
     * thread (training in turns), woken by the ledger, until the aggregate is recorded; the
     * committee then scores that one update. Only training time is measured per provider here.
     */
    private RoundRow secureRound(final int r, final String modelId, final List<ProviderService> providers,
            final List<dln.core.secagg.SecureProvider> secure, final ProviderPool pool, final Participant publisher, final PublisherService pub,
            final Aggregates agg, final Evaluator tester, final TestMetric metric, final SessionData data, final CommitteePool committee) {
        final long r0 = System.nanoTime();
        try {
            final List<java.util.concurrent.Future<dln.core.secagg.SecureProvider.Progress>> parts = pool.start(providers,
                    p -> secure.get(providers.indexOf(p)).contributeOnce(modelId, r, p.provider().participant().ledger().events(), PATIENCE));
            // A provider whose part fails drops out of this round (the watch prints it) and takes part again in the next.
            ProviderPool.interruptibly(() -> {
                new SecureRoundWatch(publisher.ledger(), publisher.ledger().events(), modelId, r, out)
                        .follow(parts, providers.stream().map(p -> p.provider().participant().identity()).toList());
                return null;
            });
        } catch (RuntimeException e) {
            // The providers' steps on the ledger, in time order, say which step the round stopped at and who was last to act.
            final String steps;
            synchronized (secureSteps) {
                steps = String.join("\n  ", secureSteps);
            }
            throw new IllegalStateException("secure round " + r + " failed: " + e.getMessage() + "\nthe providers' steps:\n  " + steps, e);
        }
        long train = 0;
        for (final dln.core.secagg.SecureProvider s : secure) {
            train += s.trained().filter(t -> t.round() == r).map(ProviderWorkflow.SecureStep::trainingMillis).orElse(0L);
        }
        final long w0 = System.nanoTime();
        final RoundView closed = await(() -> pub.awaitRoundClosed(modelId, r), committee);
        final long w1 = System.nanoTime();
        final List<UpdateView> updates = publisher.ledger().listUpdates(modelId, r, null);
        final int accepted = (int) updates.stream().filter(UpdateView::accepted).count();
        final int rejected = (int) updates.stream().filter(u -> u.status() == UpdateStatus.REJECTED).count();
        final int masked = publisher.ledger().getSecureRound(modelId, r).round().masked().size();
        final ModelContext ctx = ModelContext.of(publisher.ledger().getModel(modelId));
        final double acc = metric.measure(tester, agg.aggregate(ctx, closed.handsOn()), data.test());
        final long round = (w1 - r0) / 1_000_000;
        final RoundRow row = new RoundRow("federated", r, accepted, rejected, 0, 0, acc, train, 0, Math.max(0, round - train - (w1 - w0) / 1_000_000),
                (w1 - w0) / 1_000_000, round);
        out.accept(String.format("round %d  secure aggregate of %d masked updates %s  %s %7s  (train %.1fs, coordination %.0f%%)",
                r, masked, accepted == 1 ? "accepted" : "rejected", metric.label(), metric.format(acc), train / 1000.0, 100 * row.coordinationShare()));
        return row;
    }

    private List<RoundRow> gossipPhase(final String modelId, final List<ProviderService> providers, final Participant publisher,
            final PublisherService pub, final Aggregates agg, final Evaluator tester, final TestMetric metric, final SessionData data,
            final Set<String> poisoned, final CommitteePool committee) {
        final List<RoundRow> rows = new ArrayList<>();
        for (int s = 1; s <= config.gossipSteps(); s++) {
            long train = 0;
            long ipfs = 0;
            long ledger = 0;
            int poisonedHere = 0;
            final List<String> ids = new ArrayList<>();
            final long r0 = System.nanoTime();
            // One after another, unlike rounds: gossip is asynchronous, so each provider chooses
            // its parents from what the ones before it left accepted (all at once, they would all
            // see the same set, and the DAG would lose its depth: 2-3 points of accuracy measured).
            final List<ProviderWorkflow.Outcome> outcomes = new ArrayList<>();
            for (ProviderService p : providers) {
                outcomes.add(ProviderPool.interruptibly(() -> p.contributeOnce(modelId))
                        .orElseThrow(() -> new IllegalStateException("model " + modelId + " closed during the gossip phase")));
            }
            int passed = 0;
            for (int i = 0; i < providers.size(); i++) {
                final var o = outcomes.get(i);
                train += o.training().millis();
                ipfs += ipfsMillis(o);
                ledger += ledgerMillis(o);
                if (o.passed()) {
                    // Its training left the model where it was: nothing was submitted for this step.
                    passed++;
                    continue;
                }
                ids.add(o.update().id());
                if (config.isMalicious(i)) {
                    poisoned.add(o.update().id());
                    poisonedHere++;
                }
            }
            final long w0 = System.nanoTime();
            final List<UpdateView> decided = await(() -> pub.awaitDecided(ids), committee);
            final long w1 = System.nanoTime();
            final long wait = (w1 - w0) / 1_000_000;
            final int accepted = (int) decided.stream().filter(UpdateView::accepted).count();
            final int poisonedRejected = (int) decided.stream().filter(u -> poisoned.contains(u.id()) && !u.accepted()).count();
            final ModelContext ctx = ModelContext.of(publisher.ledger().getModel(modelId));
            // The gossip model's state is the merge the next step would start from, as a federated
            // round's is its aggregate: one provider's update alone is a model of its own data.
            final List<String> current = dln.core.protocol.GossipParents.current(publisher.ledger(), ctx.model());
            final double acc = current.isEmpty() ? Double.NaN : metric.measure(tester, agg.aggregate(ctx, current), data.test());
            final RoundRow row = new RoundRow("gossip", s, accepted, decided.size() - accepted, poisonedRejected, poisonedHere, acc,
                    train, ipfs, ledger, wait, (w1 - r0) / 1_000_000);
            out.accept(String.format("gossip %d  accepted %d  rejected %d%s  head %s %7s", s, accepted,
                    decided.size() - accepted, passed > 0 ? "  passed " + passed : "", metric.label(), metric.format(acc)));
            rows.add(row);
        }
        return rows;
    }

    /**
     * A provider's lines are the session's warnings, but for its DP-SGD reports: the end table
     * shows each provider's spending per round from the ledger (PrivacySpending).
     */
    private static Consumer<String> providerLog(final List<String> warnings) {
        return line -> {
            if (!line.startsWith(ProviderWorkflow.DP_SGD_LINE)) {
                warnings.add(line);
            }
        };
    }

    /** Fetching the parents' weights and uploading the new ones. */
    private static long ipfsMillis(final ProviderWorkflow.Outcome o) {
        return o.fetchMillis() + o.uploadMillis();
    }

    /** Ledger reads before training (with the few milliseconds of aggregation) and the update's submission. */
    private static long ledgerMillis(final ProviderWorkflow.Outcome o) {
        return Math.max(0, o.prepareMillis() - o.fetchMillis()) + o.ledgerMillis();
    }

    private List<Double> baseline(final ArchitecturePlan plan, final ModelSpec spec, final SessionData data, final Evaluator tester,
            final TestMetric metric) {
        // Same model, optimiser and total epochs as the federated phase, on the union of the partitions.
        final LocalTrainer trainer = new LocalTrainer(plan);
        float[] w = dln.core.model.ParameterInit.initialise(plan, spec.seed());
        final List<Double> acc = new ArrayList<>();
        final TrainingSpec one = spec.training().withLocalEpochs(1);
        for (int e = 0; e < Math.max(1, config.rounds() + config.gossipSteps()) * config.localEpochs(); e++) {
            final TrainingResult r = trainer.train(w, data.union(), one, config.seed() + e, new TrainingListener() { });
            w = r.params();
            acc.add(metric.measure(tester, w, data.test()));
        }
        return acc;
    }

    /**
     * A privacy budget too small for the session is refused before anything is published: each
     * provider's epsilon after all its federated rounds, and after all its gossip steps (the gossip
     * model has a budget of its own), computed as the provider will before each run.
     */
    private void checkBudget(final SessionData data, final ModelSpec spec) {
        final ModelView.Privacy budget = config.learning().privacy();
        if (budget == null) {
            return;
        }
        final dln.core.privacy.DpSgdSettings dp = new dln.core.privacy.DpSgdSettings(budget.clip(), budget.noiseMultiplier());
        for (int i = 0; i < data.partitions().size(); i++) {
            final dln.api.privacy.DpSgdRun run = dln.core.privacy.DpSgdTrainer.plannedRun(data.partitions().get(i).size(), spec.training(), dp);
            for (int phase = 0; phase < 2; phase++) {
                final int updates = phase == 0 ? config.rounds() : config.gossipSteps();
                final double eps = dln.api.privacy.RdpAccountant.DLN.epsilon(run.samplingRate(), run.noiseMultiplier(), updates * run.steps(),
                        budget.delta());
                if (eps > budget.epsilon()) {
                    throw new IllegalArgumentException(String.format(java.util.Locale.ROOT,
                            "--privacy: provider %d's %d examples would reach epsilon %.2f after %d %s, over the budget of %s;"
                                    + " raise epsilon or noise, or run fewer rounds/steps", i + 1, data.partitions().get(i).size(), eps,
                            updates, phase == 0 ? "rounds" : "gossip steps", budget.epsilon()));
                }
            }
        }
    }

    private PublicationRequest request(final String name, final ModelSpec spec, final dln.api.Mode mode, final List<String> committee,
            final SessionData data, final TestMetric metric) {
        return new PublicationRequest(name, spec, metric.committee(), mode, config.rule(), config.quorum(), config.threshold(),
                dln.api.WireName.parse(dln.api.Combine.class, config.combine()).orElseThrow(),
                committee, data.validation(), config.providers(), 3600, ParentSelector.DEFAULT_PARENTS).with(config.learning());
    }

    /** The built-in model {@code config} names, sized to {@code data}, with the session's batch size, local epochs and client recipe. */
    public static ModelSpec spec(final SessionConfig config, final SessionData data) {
        // The built-in sized to the data: its input is the dataset's feature count, its head its class count (0: a regression head).
        final ModelSpec base = BuiltinModels.byName(config.model(), data.union().numFeatures(), data.union().numClasses());
        final TrainingSpec t = base.training();
        // The recipe the model is published with: every provider trains with it, and a tabular dataset's rows go through its preprocessing.
        final SessionConfig.ClientRecipe c = config.client();
        final TrainingSpec plain = new TrainingSpec(t.optimizer(), c == null ? t.learningRate() : c.learningRate(),
                c == null ? dln.core.data.NamedDatasets.batchSize(config.dataset()) : c.batchSize(), config.localEpochs(), c == null ? t.fedProxMu() : c.fedProxMu(), t.optimizerParams(), t.schedule(), t.loss(), null, c == null ? 0 : c.minLocalSteps())
                .withPreprocessing(data.preprocessing());
        // Under a DP budget the built-in's recipe gives way to DP-SGD's (docs/privacy.md, DP-aware training).
        return base.withSeed(config.seed()).withTraining(config.learning().privacy() == null ? plain : dln.core.privacy.PrivateTraining.of(plain));
    }

    private Participant join(final String identity, final List<Participant> all) {
        final Participant p = consortium.participant(identity);
        all.add(p);
        return p;
    }

    private static String sizes(final SessionData d) {
        return d.partitions().stream().map(p -> Integer.toString(p.size())).reduce((a, b) -> a + "/" + b).orElse("");
    }

    /** Follows the ledger through the publisher; a wait that times out says what the committee last failed on. */
    private static <T> T await(final java.util.concurrent.Callable<T> wait, final CommitteePool committee) {
        try {
            return wait.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while following the ledger", e);
        } catch (ProtocolException e) {
            final String why = committee.failures().isEmpty() ? "" : "; committee error: " + committee.failures().get(0).getMessage();
            throw new IllegalStateException(e.getMessage() + why, e);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
