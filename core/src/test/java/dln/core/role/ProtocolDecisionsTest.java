package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.core.aggregation.AggregationInput;
import dln.core.aggregation.AggregationRules;
import dln.core.aggregation.ModelUpdate;
import dln.core.aggregation.NormClippedFedAvg;
import dln.core.attack.Adversary;
import dln.core.data.Dataset;
import dln.core.data.TestData;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.protocol.Aggregates;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.ModelContext;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.protocol.StartWeights;
import dln.core.training.TrainingListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The federated start's decisions through the in-process ledger: record, verify, dispute, and the rule's inputs. */
class ProtocolDecisionsTest {

    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final List<String> PROVIDERS = List.of("org1/User3", "org2/User3", "org3/User3");
    private static final ModelSpec MLP = BuiltinModels.mlp();

    private static Dataset train;
    private static Dataset validation;

    @BeforeAll
    static void data() throws IOException {
        final dln.core.data.DataSplit split = TestData.roleSplitOrSkip(13);
        train = split.train();
        validation = split.validation();
    }

    private final Consortium net = new Consortium();

    @Test
    void theFirstProviderRecordsTheAggregateAndTheNextVerifiesIt() throws Exception {
        final String model = federatedRoundOne("fedavg");
        final ProviderWorkflow.Outcome first = provider(0).federatedStep(model).orElseThrow();
        final ProviderWorkflow.Outcome second = provider(1).federatedStep(model).orElseThrow();
        assertEquals(StartWeights.Check.RECORDED, first.start().check());
        assertEquals(StartWeights.Check.VERIFIED, second.start().check());
        assertEquals(first.start().cid(), net.participant("org1/User1").ledger().getRound(model, 1).aggregate().cid());
    }

    @Test
    void aNewcomerInRoundTwoLeavesTheRecordToRoundOnesParticipantsAndTrainsFromItsOwn() throws Exception {
        final String model = federatedRoundOne("fedavg");
        final ProviderWorkflow newcomer = new ProviderWorkflow(net.participant("org1/User4"), slice(3), MLP.training(), Adversary.honest(), 5,
                new TrainingListener() { }, l -> { });
        final ProviderWorkflow.Outcome o = newcomer.federatedStep(model).orElseThrow();
        assertEquals(StartWeights.Check.LOCAL, o.start().check());
        assertEquals(null, net.participant("org1/User1").ledger().getRound(model, 1).aggregate(), "nothing recorded by an outsider of round 1");
        assertEquals(2, o.update().round());
    }

    @Test
    void aForgedAggregateIsDisputedAndTheProviderTrainsFromItsOwn() throws Exception {
        final String model = federatedRoundOne("fedavg");
        final Participant forger = net.participant(PROVIDERS.get(2));
        final ModelView m = forger.ledger().getModel(model);
        final String forged = forger.store().putWeights(m.architectureHash(), new float[ModelContext.of(m).plan().parameterArrayLength()]);
        forger.ledger().recordAggregate(model, 1, forged);

        final List<String> warnings = new ArrayList<>();
        final ProviderWorkflow.Outcome o = new ProviderWorkflow(net.participant(PROVIDERS.get(0)), slice(0), MLP.training(), Adversary.honest(), 3,
                new TrainingListener() { }, warnings::add).federatedStep(model).orElseThrow();
        assertEquals(StartWeights.Check.DISPUTED, o.start().check());
        assertNotEquals(forged, o.start().cid());
        assertTrue(warnings.stream().anyMatch(w -> w.startsWith("AGGREGATE MISMATCH")), warnings.toString());
        // It trained from the true aggregate of round 1, not from the forged zeros.
        final float[] truth = new Aggregates(net.participant("org1/User1"), w -> { })
                .aggregate(ModelContext.of(m), net.participant("org1/User1").ledger().getRound(model, 1).accepted());
        assertArrayEquals(truth, o.start().weights());
    }

    @Test
    void normClippingGetsTheRoundsStartAsItsReference() throws Exception {
        final RoundOne one = roundOne("norm-clip:0.5");
        final Participant reader = one.reader();
        final ModelContext ctx = one.ctx();
        final List<String> accepted = one.accepted();
        final float[] initial = one.initial();
        final List<ModelUpdate> updates = new ArrayList<>();
        for (String id : accepted) {
            final UpdateView u = reader.ledger().getUpdate(id);
            updates.add(new ModelUpdate(id, reader.store().getWeights(u.weightsCid(), ctx.architectureHash(), ctx.parameterCount()), u.samples()));
        }
        final float[] expected = new NormClippedFedAvg(0.5).aggregate(AggregationInput.of(updates, initial));
        assertArrayEquals(expected, new Aggregates(reader, w -> { }).aggregate(ctx, accepted));
        assertTrue(differs(expected, AggregationRules.parse("fedavg").aggregate(AggregationInput.of(updates))),
                "clipping changed the aggregate: it is not FedAvg under another name");
    }

    /** A round's start knows the start the federation stepped from: its last step is the difference. */
    @Test
    void aRoundsStartKnowsWhereTheFederationSteppedFrom() throws Exception {
        final RoundOne one = roundOne("fedavg");
        final Aggregates aggregates = new Aggregates(one.reader(), w -> { });
        assertEquals(null, aggregates.start(one.ctx(), List.of(UpdateView.INITIAL)).from(), "the initial weights: no step before them");
        final Aggregates.Start second = aggregates.start(one.ctx(), one.accepted(), 1);
        assertArrayEquals(one.initial(), second.from(), "round 2 starts one step from the initial weights");
        assertTrue(differs(one.initial(), second.weights()), "and that step moved");
    }

    /** A federated model after its first round, as a reader sees it: its context, round 1's accepted updates, the initial weights. */
    private record RoundOne(Participant reader, ModelContext ctx, List<String> accepted, float[] initial) {}

    private RoundOne roundOne(final String rule) throws Exception {
        final String model = federatedRoundOne(rule);
        final Participant reader = net.participant("org1/User1");
        final ModelView m = reader.ledger().getModel(model);
        final ModelContext ctx = ModelContext.of(m);
        return new RoundOne(reader, ctx, reader.ledger().getRound(model, 1).accepted(),
                reader.store().getWeights(m.initialWeightsCid(), ctx.architectureHash(), ctx.parameterCount()));
    }

    @Test
    void aRuleMissingItsReferenceIsANamedErrorNotAnotherRule() {
        final List<ModelUpdate> one = List.of(new ModelUpdate("u-a", new float[] {1f, 2f}, 10));
        final var rule = AggregationRules.parse("norm-clip:1");
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> AggregationInput.of(one).require(rule));
        assertTrue(e.getMessage().contains("reference"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AggregationRules.parse("krum"));
        assertThrows(IllegalArgumentException.class, () -> AggregationRules.parse("trimmed-mean:x"));
        assertThrows(IllegalArgumentException.class, () -> AggregationRules.parse("multi-krum:1"));
        assertThrows(IllegalArgumentException.class, () -> AggregationRules.parse("multi-krum:1.5:3"));
    }

    @Test
    void aPublicationTheLedgerRefusesUploadsNothing() {
        final Participant publisher = net.participant("org1/User1");
        final int before = net.store().size();
        final dln.api.LedgerException e = assertThrows(dln.api.LedgerException.class, () -> new PublisherWorkflow(publisher, net.directory())
                .publish(new PublicationRequest("too strict", MLP, "accuracy", "federated", "fedavg", 4, 0.3, "median", COMMITTEE, validation,
                        3, 3600, 2)));
        assertTrue(e.is(dln.api.Rule.POLICY_INCOHERENT), e.getMessage());
        assertEquals(before, net.store().size(), "no weights and no fragment were uploaded");
        assertTrue(publisher.ledger().listModels().isEmpty(), "and nothing was recorded");
    }

    @Test
    void aModelItsValidationDataCannotFeedIsDeclinedWithTheReason() {
        final Participant publisher = net.participant("org1/User1");
        final int n = 30;
        final Dataset fourFeatures = new Dataset(new float[n * 4], new int[n], 4, 10);
        final String model = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("wrong data", MLP, "accuracy",
                "gossip", "fedavg", 2, 0.3, "median", COMMITTEE, fourFeatures, 3, 3600, 2)).id();
        COMMITTEE.stream().map(this::committee).forEach(CommitteeService::pass);
        final ModelView m = publisher.ledger().getModel(model);
        assertEquals(dln.api.ModelStatus.DECLINED, m.status());
        assertTrue(m.votes().stream().allMatch(v -> !v.approve() && v.reason().contains("takes 784 inputs")), m.votes().toString());
    }

    @Test
    void aModelWhoseValidationDataHoldsANonFiniteValueIsDeclinedWithTheReason() {
        final Participant publisher = net.participant("org1/User1");
        final int n = 30;
        final float[] x = new float[n * 784];
        java.util.Arrays.fill(x, 0.5f);
        for (int i = 0; i < n; i++) {
            x[i * 784 + 3] = Float.NaN; // every member's fragment gets some
        }
        final int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = i % 10;
        }
        final String model = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("nan data", MLP, "accuracy",
                "gossip", "fedavg", 2, 0.3, "median", COMMITTEE, new Dataset(x, y, 784, 10), 3, 3600, 2)).id();
        COMMITTEE.stream().map(this::committee).forEach(CommitteeService::pass);
        final ModelView m = publisher.ledger().getModel(model);
        assertEquals(dln.api.ModelStatus.DECLINED, m.status());
        // The fragment's decoder refuses it (docs/formats.md); the reason reaches the ledger.
        assertTrue(m.votes().stream().allMatch(v -> !v.approve() && v.reason().contains("non-finite feature value")), m.votes().toString());
    }

    // ---- a federated model whose round 1 has closed with three accepted updates ----------------

    private String federatedRoundOne(final String rule) throws Exception {
        final Participant publisher = net.participant("org1/User1");
        final String model = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("decisions", MLP, "accuracy",
                "federated", rule, 2, 0.3, "median", COMMITTEE, validation, PROVIDERS.size(), 3600, 2)).id();
        final List<CommitteeService> members = COMMITTEE.stream().map(this::committee).toList();
        members.forEach(CommitteeService::pass);
        for (int i = 0; i < PROVIDERS.size(); i++) {
            provider(i).federatedStep(model).orElseThrow();
        }
        for (int pass = 0; pass < 5 && publisher.ledger().getRound(model, 1).open(); pass++) {
            members.forEach(CommitteeService::pass);
        }
        assertEquals(PROVIDERS.size(), publisher.ledger().getRound(model, 1).accepted().size(), "round 1 accepted every update");
        return model;
    }

    private CommitteeService committee(final String member) {
        return new CommitteeService(new CommitteeWorkflow(net.participant(member), net.identity(member).key(), SanityLimits.DEFAULT, l -> { }),
                net.participant(member).ledger().events(), CommitteeService.Scope.everyModelNamingMe());
    }

    private ProviderWorkflow provider(final int i) {
        return new ProviderWorkflow(net.participant(PROVIDERS.get(i)), slice(i), MLP.training(), Adversary.honest(), 7 + i, new TrainingListener() { },
                l -> { });
    }

    /** Provider {@code i}'s 800 digits. */
    private static Dataset slice(final int i) {
        return TestData.range(train, 800 * i, 800 * (i + 1));
    }

    private static boolean differs(final float[] a, final float[] b) {
        for (int i = 0; i < a.length; i++) {
            if (Float.floatToIntBits(a[i]) != Float.floatToIntBits(b[i])) {
                return true;
            }
        }
        return false;
    }
}
