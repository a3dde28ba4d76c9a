package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.DlnLedger;
import dln.api.LedgerException;
import dln.api.LedgerTransport;
import dln.api.Rule;
import dln.api.Tx;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.core.attack.Adversary;
import dln.core.attack.Attack;
import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.LearningPolicy;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.protocol.StartWeights;
import dln.core.storage.WeightStore;
import dln.core.training.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * One federated round under the contribution policy, with the protocol's streamed path forced (the
 * stores' whole-set threshold at 0: every set of updates is fetched to weight files and aggregated
 * chunk by chunk, as for a model of 100M parameters) beside the whole-vector path on the same
 * ledger: the committee's scores and contributions, and the providers' aggregate, are the same bits.
 */
class StreamedRoundTest {

    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final List<String> PROVIDERS = List.of("org1/User3", "org2/User3", "org3/User3", "org1/User4");
    private static final ModelSpec MLP = BuiltinModels.mlp();

    private final Consortium net = new Consortium();

    @Test
    void theStreamedPathScoresAndAggregatesARoundWithTheBitsOfTheWholeVectorPath() {
        final ArchitecturePlan plan = ArchitecturePlan.of(MLP.architecture());
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("streamed", MLP, "accuracy",
                "federated", "norm-clip:5", 2, 0.5, "median", COMMITTEE, bands(plan, 300, 1), PROVIDERS.size(), 3600, 2)
                .with(LearningPolicy.parse("contribution:2", "median_capped")));
        final List<CommitteeWorkflow> streamed = new ArrayList<>();
        final List<CommitteeWorkflow> whole = new ArrayList<>();
        final Map<String, String> streamedScores = new TreeMap<>();
        final Map<String, String> wholeScores = new TreeMap<>();
        final List<dln.api.CountingTransport> sent = new ArrayList<>();
        for (String member : COMMITTEE) {
            streamed.add(member(member, new WeightStore(net.store(), 0, 0), t -> {
                final dln.api.CountingTransport c = new dln.api.CountingTransport(t);
                sent.add(c);
                return new Scores(c, streamedScores, false);
            }));
            // The same member computing on whole vectors: what it would submit is kept, not submitted.
            whole.add(member(member, new WeightStore(net.store(), 0, WeightStore.DEFAULT_WHOLE_SET_VALUES), t -> new Scores(t, wholeScores, true)));
        }
        streamed.forEach(c -> c.reviewModel(publisher.ledger().getModel(m.id())));
        for (int i = 0; i < PROVIDERS.size(); i++) {
            provider(i, plan, 0).federatedStep(m.id()).orElseThrow();
        }
        for (int pass = 0; pass < 5 && !publisher.ledger().getRound(m.id(), 1).closed(); pass++) {
            for (int k = 0; k < COMMITTEE.size(); k++) {
                whole.get(k).scorePending(m.id());
                streamed.get(k).scorePending(m.id());
            }
        }
        final RoundView round = publisher.ledger().getRound(m.id(), 1);
        assertTrue(round.closed(), "round 1 closed on the streamed members' scores");
        // A quorum of two decides each update: the third member may find nothing left to score.
        assertTrue(streamedScores.size() >= 2 * PROVIDERS.size(), "the members scored every update: " + streamedScores.keySet());
        assertTrue(streamedScores.values().stream().allMatch(s -> s.contains("\"contribution\"")), "with its contribution measured");
        assertEquals(wholeScores, streamedScores, "each member's scores and contributions are the same bits on both paths");
        // Contribution acceptance: each member's scores of the round in one transaction, one block to wait for.
        assertEquals(0, sent.stream().mapToLong(c -> c.calls(Tx.SUBMIT_SCORE)).sum(), "no score alone");
        final long batches = sent.stream().mapToLong(c -> c.calls(Tx.SUBMIT_SCORES)).sum();
        assertTrue(batches >= 2 && batches <= COMMITTEE.size(), "one SubmitScores per scoring member, got " + batches);
        final String flipped = publisher.ledger().listUpdates(m.id(), 1, null).stream()
                .filter(u -> u.submitter().equals(net.participant(PROVIDERS.get(3)).identity())).findFirst().orElseThrow().id();
        assertFalse(round.accepted().contains(flipped), "the sign-flipped update is rejected: " + round.accepted());
        assertEquals(PROVIDERS.size() - 1, round.accepted().size(), "the honest ones are accepted");

        // Round 2: a provider on the streamed path records round 1's aggregate, one on whole vectors verifies it bit for bit.
        final ProviderWorkflow.Outcome first = provider(0, plan, 0).federatedStep(m.id()).orElseThrow();
        final ProviderWorkflow.Outcome second = provider(1, plan, WeightStore.DEFAULT_WHOLE_SET_VALUES).federatedStep(m.id()).orElseThrow();
        assertEquals(StartWeights.Check.RECORDED, first.start().check());
        assertEquals(StartWeights.Check.VERIFIED, second.start().check(), "the whole-vector aggregate has the streamed one's CID");
        assertEquals(round.accepted(), first.update().parents());
    }

    @Test
    void theSizeLimitIsEachMembersOwn() {
        final ArchitecturePlan plan = ArchitecturePlan.of(MLP.architecture());
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("limits", MLP, "accuracy",
                "federated", "fedavg", 2, 0.5, "median", COMMITTEE, bands(plan, 90, 1), PROVIDERS.size(), 3600, 2));
        final SanityLimits small = SanityLimits.DEFAULT.withMaxParameters(plan.parameterCount() - 1);
        final List<String> declined = new ArrayList<>();
        final CommitteeWorkflow cautious = new CommitteeWorkflow(net.participant(COMMITTEE.get(0)), net.identity(COMMITTEE.get(0)).key(),
                small, declined::add);
        assertEquals(java.util.Optional.of(false), cautious.reviewModel(publisher.ledger().getModel(m.id())));
        assertEquals(List.of("declined model " + m.id() + ": architecture has " + plan.parameterCount()
                + " parameters; this member's limit is " + (plan.parameterCount() - 1)), declined);
        final CommitteeWorkflow ample = new CommitteeWorkflow(net.participant(COMMITTEE.get(1)), net.identity(COMMITTEE.get(1)).key(),
                SanityLimits.DEFAULT.withMaxParameters(plan.parameterCount()), l -> { });
        assertEquals(java.util.Optional.of(true), ample.reviewModel(publisher.ledger().getModel(m.id())));
    }

    private CommitteeWorkflow member(final String name, final WeightStore store, final UnaryOperator<LedgerTransport> wrap) {
        final Participant p = net.participant(name, wrap, net.store());
        return new CommitteeWorkflow(new Participant(name, p.ledger(), store), net.identity(name).key(), SanityLimits.DEFAULT, l -> { });
    }

    private ProviderWorkflow provider(final int i, final ArchitecturePlan plan, final long wholeSetValues) {
        final Participant p = net.participant(PROVIDERS.get(i));
        final Attack attack = i == PROVIDERS.size() - 1 ? Attack.SIGN_FLIP : Attack.NONE;
        return new ProviderWorkflow(new Participant(p.label(), p.ledger(), new WeightStore(net.store(), 0, wholeSetValues)),
                bands(plan, 400, 10 + i), MLP.training(), Adversary.alone(attack, PROVIDERS.size(), 7 + i), 7 + i,
                new TrainingListener() { }, l -> { });
    }

    /** Each class lights up its own band of inputs: learnable in one epoch, so a step can help or hurt. */
    private static Dataset bands(final ArchitecturePlan plan, final int n, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final int d = plan.inputSize();
        final float[] x = new float[n * d];
        final int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(plan.numClasses());
            for (int j = 0; j < d; j++) {
                x[i * d + j] = (j % plan.numClasses() == y[i] ? 1f : 0f) * (float) r.nextDouble();
            }
        }
        return new Dataset(x, y, d, plan.numClasses());
    }

    /** Keeps each score a member sends (SubmitScore or SubmitScores) by member and update; {@code dryRun}: answers as if another instance had scored first. */
    private static final class Scores extends dln.api.ForwardingTransport {
        private final Map<String, String> kept;
        private final boolean dryRun;

        Scores(final LedgerTransport inner, final Map<String, String> kept, final boolean dryRun) {
            super(inner);
            this.kept = kept;
            this.dryRun = dryRun;
        }

        @Override
        public byte[] submit(final Tx t, final String... args) {
            if (t == Tx.SUBMIT_SCORE || t == Tx.SUBMIT_SCORES) {
                final com.google.gson.JsonObject arg = com.google.gson.JsonParser.parseString(args[0]).getAsJsonObject();
                final java.util.List<com.google.gson.JsonElement> scores = new java.util.ArrayList<>();
                if (t == Tx.SUBMIT_SCORES) {
                    arg.getAsJsonArray("scores").forEach(scores::add);
                } else {
                    scores.add(arg);
                }
                for (final com.google.gson.JsonElement s : scores) {
                    kept.put(identity().x509Id() + "|" + s.getAsJsonObject().get("updateId").getAsString(), s.toString());
                }
                if (dryRun) {
                    throw new LedgerException(Rule.DUPLICATE_SCORE, "kept, not submitted");
                }
            }
            return super.submit(t, args);
        }
    }
}
