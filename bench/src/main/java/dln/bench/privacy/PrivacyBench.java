package dln.bench.privacy;

import dln.api.privacy.DpSgdRun;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.bench.Table;
import dln.bench.consortium.InProcessConsortium;
import dln.core.attack.Attack;
import dln.core.data.Dataset;
import dln.core.evaluation.Evaluator;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ModelSpec;
import dln.core.privacy.DpSgdSettings;
import dln.core.privacy.DpSgdTrainer;
import dln.core.privacy.LossThresholdAttack;
import dln.core.privacy.NoiseCalibration;
import dln.core.protocol.Aggregates;
import dln.core.protocol.LearningPolicy;
import dln.core.protocol.ModelContext;
import dln.core.protocol.Participant;
import dln.core.training.TrainingListener;
import dln.session.demo.LearningSession;
import dln.session.demo.PrivacySpending;
import dln.session.demo.SessionConfig;
import dln.session.demo.SessionData;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The measured leak (issue 18): federated sessions on the in-process ledger (the real contracts,
 * the committee deciding) without DP and with DP-SGD at each target epsilon, then the
 * loss-threshold membership-inference attack of Yeom et al. 2018 on the final model and on every
 * single accepted update. Members are each provider's training records; non-members are as many
 * records of the same IID partition that no provider trained on.
 */
@Command(name = "privacy", mixinStandardHelpOptions = true,
        description = {"Membership-inference attack AUC beside test accuracy, without DP and with DP-SGD at each epsilon,",
                "on an MNIST slice on the in-process ledger (no network). One row per setting; about 10 minutes on 2 cores with the defaults.",
                "Each provider trains on --examples records; as many held-out records of its IID partition are the non-members.",
                "The noise multiplier of each row is the smallest that keeps the row's epsilon over all --rounds (per provider, at --delta)."},
        footer = {"", "Examples:", "  ./dln bench privacy", "  ./dln bench privacy --examples 250 --rounds 6 --epochs 3     # small providers: more memorised, dearer privacy",
                "  ./dln bench privacy --epsilons 2 --providers 3 --acceptance threshold",
                "  ./dln bench privacy --cost --providers 1 --examples 1200       # what per-example gradients cost"})
public final class PrivacyBench implements Callable<Integer> {

    @Option(names = "--providers", defaultValue = "4", description = "data providers (default ${DEFAULT-VALUE})")
    int providers;
    @Option(names = "--examples", defaultValue = "800", description = "training records per provider; as many of its partition are held out as non-members (default ${DEFAULT-VALUE})")
    int examples;
    @Option(names = "--rounds", defaultValue = "5", description = "federated rounds (default ${DEFAULT-VALUE})")
    int rounds;
    @Option(names = "--epochs", defaultValue = "2", description = "local epochs per round: more memorise more (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--epsilons", defaultValue = "1,3,8", split = ",", description = "DP budgets, one row each after the row without DP (default ${DEFAULT-VALUE})")
    List<Double> epsilons;
    @Option(names = "--delta", defaultValue = "1e-5", description = "delta of every budget (default ${DEFAULT-VALUE})")
    double delta;
    @Option(names = "--clip", defaultValue = "1.0", description = "DP-SGD per-example clipping norm (default ${DEFAULT-VALUE})")
    double clip;
    @Option(names = "--acceptance", defaultValue = "contribution:3", description = "the committee's policy: threshold or contribution[:<k>] (default ${DEFAULT-VALUE})")
    String acceptance;
    @Option(names = "--cost", description = "instead of the sessions: time one local epoch of DP-SGD against plain training (MLP and LeNet, "
            + "the models' recipe and DP-SGD's) on one provider's --examples records")
    boolean cost;
    @Option(names = "--seed", defaultValue = "7", description = "seed of the split, the partitions, the initial weights and training (default ${DEFAULT-VALUE})")
    long seed;

    /** One row of the table. */
    record Row(String setting, double sigma, double epsilonSpent, int accepted, int updates, double accuracy, LossThresholdAttack.Outcome model,
               double updateAuc, double updateAucMax, double seconds) {}

    @Override
    public Integer call() throws Exception {
        final SessionConfig base = config();
        final LearningPolicy policy = base.learning();
        final Slice slice = slice(base);
        if (cost) {
            System.out.print(DpSgdCost.table(slice.data().partitions().get(0)));
            return 0;
        }
        final ModelSpec spec = LearningSession.spec(base, slice.data());
        final List<Row> rows = new ArrayList<>();
        System.out.printf("MNIST slice: %d providers x %d training records (+ %d held out each), %d rounds of %d local epochs, %s; test %d%n",
                providers, examples, examples, rounds, epochs, policy.describe(), slice.data().test().size());
        System.out.println("starting the in-process ledger (the real chaincode contracts, no network)");
        rows.add(run("no DP", base, slice, spec, Double.NaN));
        // Under a budget the session publishes DP-SGD's recipe (PrivateTraining): sigma is calibrated to the run it plans.
        final ModelSpec privateSpec = LearningSession.spec(base.with(policy.withPrivacy(new ModelView.Privacy(1, delta, clip, 1))), slice.data());
        System.out.printf("recipe without DP: %s; with DP: %s%n", spec.training().describe(), privateSpec.training().describe());
        for (double eps : epsilons) {
            final DpSgdRun one = DpSgdTrainer.plannedRun(examples, privateSpec.training(), new DpSgdSettings(clip, 1));
            final double sigma = NoiseCalibration.sigmaFor(one.samplingRate(), rounds * one.steps(), delta, eps);
            final ModelView.Privacy budget = new ModelView.Privacy(eps, delta, clip, sigma);
            rows.add(run("DP eps " + (eps == Math.rint(eps) ? Long.toString((long) eps) : Double.toString(eps)), base.with(policy.withPrivacy(budget)), slice, spec, sigma));
        }
        System.out.print(table(rows, LossThresholdAttack.nullStandardError(providers * examples, providers * examples),
                LossThresholdAttack.nullStandardError(examples, examples)));
        return 0;
    }

    /** The sessions' configuration; IllegalArgumentException names a bad option before anything runs. */
    SessionConfig config() {
        if (providers < 1 || providers > 12) {
            throw new IllegalArgumentException("--providers must be 1..12");
        }
        if (examples < 10) {
            throw new IllegalArgumentException("--examples must be at least 10");
        }
        if (rounds < 1 || epochs < 1) {
            throw new IllegalArgumentException("--rounds and --epochs must be at least 1");
        }
        for (double eps : epsilons) {
            // The budget's ranges are the policy's: one place checks them.
            LearningPolicy.THRESHOLD.withPrivacy(new ModelView.Privacy(eps, delta, clip, 1));
        }
        return new SessionConfig("mlp", providers, 0, Attack.NONE, "iid", rounds, 0, epochs, 0.1, 2, "median", "fedavg", seed,
                LearningPolicy.parse(acceptance, "claimed"), dln.core.data.NamedDatasets.MNIST);
    }

    /** The providers' training records, and as many held-out records of each one's partition. */
    record Slice(SessionData data, List<Dataset> heldOut) {
        Dataset members() {
            return concat(data.partitions());
        }

        Dataset nonMembers() {
            return concat(heldOut);
        }
    }

    private Slice slice(final SessionConfig c) throws java.io.IOException {
        final SessionData full = SessionData.load(c);
        final List<Dataset> train = new ArrayList<>();
        final List<Dataset> held = new ArrayList<>();
        for (Dataset p : full.partitions()) {
            if (p.size() < 2 * examples) {
                throw new IllegalArgumentException("--examples " + examples + " needs " + 2 * examples + " records per provider; each partition has "
                        + p.size() + ": lower --examples or --providers");
            }
            train.add(p.subset(range(0, examples)));
            held.add(p.subset(range(examples, 2 * examples)));
        }
        return new Slice(new SessionData(train, concat(train), full.validation(), full.test()), held);
    }

    private Row run(final String setting, final SessionConfig c, final Slice slice, final ModelSpec spec, final double sigma) throws Exception {
        System.out.printf("%n%s%s%n", setting, Double.isNaN(sigma) ? "" : Table.f(" (noise multiplier %.3f)", sigma));
        final long t0 = System.nanoTime();
        try (InProcessConsortium net = new InProcessConsortium()) {
            final LearningSession.Result r = new LearningSession(c, net, line -> System.out.println("  " + line), who -> TrainingListener.NONE)
                    .withoutBaseline().on(slice.data()).run();
            final double seconds = (System.nanoTime() - t0) / 1e9;
            final Participant publisher = net.participant(net.publisher());
            final ModelView model = publisher.ledger().getModel(r.federatedModel());
            final ModelContext ctx = ModelContext.of(model);
            final float[] last = new Aggregates(publisher, w -> { }).aggregate(ctx,
                    publisher.ledger().getRound(model.id(), model.currentRound()).parents());
            final Evaluator eval = new Evaluator(ArchitecturePlan.of(spec.architecture()));
            final double accuracy = eval.evaluate(last, slice.data().test()).accuracy();
            final LossThresholdAttack.Outcome onModel = LossThresholdAttack.of(eval.losses(last, slice.members()),
                    eval.losses(last, slice.nonMembers()));
            // Each accepted update against its own provider's records.
            final Map<LedgerIdentity, Integer> index = new HashMap<>();
            final List<String> ids = net.providers(providers);
            for (int i = 0; i < ids.size(); i++) {
                index.put(net.participant(ids.get(i)).identity(), i);
            }
            double sum = 0;
            double max = Double.NaN;
            int accepted = 0;
            for (UpdateView u : r.federatedUpdates()) {
                if (!u.accepted()) {
                    continue;
                }
                final int p = index.get(u.submitter());
                final float[] w = publisher.store().getWeights(u.weightsCid(), ctx.architectureHash(), ctx.parameterCount());
                final double auc = LossThresholdAttack.auc(eval.losses(w, slice.data().partitions().get(p)), eval.losses(w, slice.heldOut().get(p)));
                sum += auc;
                max = Double.isNaN(max) ? auc : Math.max(max, auc);
                accepted++;
            }
            final double spent = PrivacySpending.of(c.learning().privacy(), r).map(PrivacySpending::maxEpsilon).orElse(Double.NaN);
            final Row row = new Row(setting, sigma, spent, accepted, r.federatedUpdates().size(), accuracy, onModel,
                    accepted == 0 ? Double.NaN : sum / accepted, max, seconds);
            System.out.printf("  test accuracy %.2f%%, attack AUC on the final model %.3f, on single updates %.3f (mean)%n", 100 * accuracy,
                    onModel.auc(), row.updateAuc());
            return row;
        }
    }

    /** The table; {@code seModel} and {@code seUpdate}: the AUC's standard error when nothing leaks, for reading its differences. */
    static String table(final List<Row> rows, final double seModel, final double seUpdate) {
        final Table t = new Table("membership inference (Yeom et al. loss threshold) against DP-SGD", "setting", "sigma", "eps spent",
                "accepted", "test acc", "AUC model", "adv model", "AUC update", "AUC upd max", "time");
        for (Row r : rows) {
            t.row(r.setting(), Double.isNaN(r.sigma()) ? "-" : Table.f("%.3f", r.sigma()),
                    Double.isNaN(r.epsilonSpent()) ? "-" : Table.f("%.2f", r.epsilonSpent()), r.accepted() + "/" + r.updates(),
                    Table.f("%.2f%%", 100 * r.accuracy()), Table.f("%.3f", r.model().auc()), Table.f("%.3f", r.model().advantage()),
                    num(r.updateAuc()), num(r.updateAucMax()), Table.f("%.0fs", r.seconds()));
        }
        return t.render()
                + "sigma: the noise multiplier that keeps the row's epsilon over all rounds; eps spent: the largest epsilon a provider reached,\n"
                + "as the ledger recorded it; AUC model: the attack on the final model, members = all providers' training records;\n"
                + "adv model: its best TPR - FPR; AUC update: the attack on each accepted update against its provider's records (mean, max).\n"
                + Table.f("AUC 0.5 is guessing; its standard error when nothing leaks: %.3f (model), %.3f (one update).%n", seModel, seUpdate);
    }

    private static String num(final double v) {
        return Double.isNaN(v) ? "-" : Table.f("%.3f", v);
    }

    private static int[] range(final int from, final int to) {
        final int[] idx = new int[to - from];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = from + i;
        }
        return idx;
    }

    static Dataset concat(final List<Dataset> parts) {
        final Dataset first = parts.get(0);
        final int n = parts.stream().mapToInt(Dataset::size).sum();
        final float[] x = new float[n * first.numFeatures()];
        final int[] y = new int[n];
        int at = 0;
        for (Dataset d : parts) {
            System.arraycopy(d.features(), 0, x, at * first.numFeatures(), d.size() * first.numFeatures());
            System.arraycopy(d.labels(), 0, y, at, d.size());
            at += d.size();
        }
        return new Dataset(x, y, first.numFeatures(), first.numClasses());
    }
}
