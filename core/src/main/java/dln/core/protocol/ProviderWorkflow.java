package dln.core.protocol;

import dln.core.attack.Attack;
import dln.core.data.Dataset;
import dln.core.ledger.LedgerException;
import dln.core.ledger.view.LedgerIdentity;
import dln.core.ledger.view.ModelView;
import dln.core.ledger.view.RoundView;
import dln.core.ledger.view.UpdateView;
import dln.core.model.TrainingSpec;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import dln.core.training.TrainingResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A data provider's step: read the ledger, start from the verified aggregate of the parents,
 * train on private data, upload, submit. Idempotent: before training it asks the ledger whether
 * this identity already contributed, so a provider restarted after a crash never submits twice.
 */
public final class ProviderWorkflow {

    private final Participant me;
    private final Dataset data;
    private final TrainingSpec training;
    private final Attack attack;
    private final long seed;
    private final TrainingListener progress;
    private final Consumer<String> log;
    private final Aggregates aggregates;
    private final Map<String, LocalTrainer> trainers = new HashMap<>();

    public ProviderWorkflow(final Participant me, final Dataset data, final TrainingSpec training, final Attack attack, final long seed,
            final TrainingListener progress, final Consumer<String> log) {
        this.me = me;
        this.data = attack.poisonData(data);
        this.training = training;
        this.attack = attack;
        this.seed = seed;
        this.progress = progress;
        this.log = log;
        this.aggregates = new Aggregates(me, log);
    }

    /** What one step did. */
    public record Outcome(UpdateView update, StartWeights start, TrainingResult training, long uploadMillis, long ledgerMillis) {}

    /**
     * Federated: contributes once to the model's current round. Empty when this identity already
     * contributed to it (nothing is done) or the model is not open.
     */
    public Optional<Outcome> federatedStep(final String modelId) {
        final ModelView model = me.ledger().getModel(modelId);
        if (!"open".equals(model.status())) {
            return Optional.empty();
        }
        final ModelContext ctx = ModelContext.of(model);
        final RoundView round = me.ledger().getRound(modelId, model.currentRound());
        if (!round.open() || alreadyContributed(modelId, round.number())) {
            return Optional.empty();
        }
        final StartWeights start = aggregates.forRound(ctx, round);
        return Optional.of(trainAndSubmit(ctx, start, round.number(), seed * 1_000_003L + round.number()));
    }

    /** Gossip: one more update on parents chosen by score-weighted sampling. */
    public Outcome gossipStep(final String modelId, final ParentSelector selector) {
        final ModelView model = me.ledger().getModel(modelId);
        if (!"open".equals(model.status())) {
            throw new ProtocolException("MODEL_NOT_OPEN", "model " + modelId + " is " + model.status() + ", not open");
        }
        final ModelContext ctx = ModelContext.of(model);
        final List<UpdateView> accepted = me.ledger().listUpdates(modelId, 0, "accepted");
        // The step number comes from the ledger, so a restarted provider continues where it was.
        final long step = mine(me.ledger().listUpdates(modelId, 0, null)).size();
        final List<String> parents = selector.choose(accepted, model.gossip().maxParents(), seed * 1_000_003L + step);
        final float[] w = aggregates.aggregate(ctx, parents);
        final StartWeights start = new StartWeights(w, parents, null, StartWeights.Check.LOCAL);
        return trainAndSubmit(ctx, start, 0, seed * 1_000_003L + step);
    }

    private Outcome trainAndSubmit(final ModelContext ctx, final StartWeights start, final int round, final long stepSeed) {
        final TrainingResult result;
        if (attack.trains()) {
            result = trainer(ctx).train(start.weights(), data, training, stepSeed, progress);
        } else {
            result = new TrainingResult(start.weights().clone(), 0, 0, Double.NaN, 0);
        }
        final float[] submitted = attack.poisonWeights(start.weights(), result.params(), stepSeed);
        final long t0 = System.nanoTime();
        final String cid;
        try {
            cid = me.store().putWeights(ctx.architectureHash(), submitted);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        final long t1 = System.nanoTime();
        final long claimedMillis = Math.max(1, result.millis());
        final UpdateView update;
        try {
            update = me.ledger().submitUpdate(ctx.id(), cid, start.parents(), round, data.size(), claimedMillis);
        } catch (LedgerException e) {
            if ("DUPLICATE_UPDATE_IN_ROUND".equals(e.code())) {
                log.accept("already contributed to round " + round + "; nothing submitted");
            }
            throw e;
        }
        final long t2 = System.nanoTime();
        return new Outcome(update, start, result, (t1 - t0) / 1_000_000, (t2 - t1) / 1_000_000);
    }

    private boolean alreadyContributed(final String modelId, final int round) {
        return !mine(me.ledger().listUpdates(modelId, round, null)).isEmpty();
    }

    private List<UpdateView> mine(final List<UpdateView> updates) {
        final LedgerIdentity self = me.identity();
        return updates.stream().filter(u -> self.equals(u.submitter())).toList();
    }

    private LocalTrainer trainer(final ModelContext ctx) {
        return trainers.computeIfAbsent(ctx.architectureHash(), h -> new LocalTrainer(ctx.plan()));
    }
}
