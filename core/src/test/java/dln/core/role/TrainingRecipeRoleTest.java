package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.LedgerException;
import dln.api.Rule;
import dln.api.TrainingRecipe;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.core.attack.Adversary;
import dln.core.data.Dataset;
import dln.core.data.Preprocessing;
import dln.core.data.TestData;
import dln.core.model.ArchitecturePlan;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.model.ParameterInit;
import dln.core.model.TrainingSpec;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.ModelContext;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.LearningPolicy;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.training.LocalTrainer;
import dln.core.training.TrainingListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The training recipe through the in-process ledger: a provider started with settings of its own
 * trains with the model's recipe, and its update names the recipe's hash; an update naming another
 * hash is refused; a recipe that does not fit the architecture is refused before publishing.
 */
class TrainingRecipeRoleTest {

    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final String PROVIDER = "org1/User3";
    private static final long PROVIDER_SEED = 11;
    /** The publisher's recipe: SGD with momentum, a step schedule, batch 16, two epochs, FedProx. */
    private static final TrainingSpec RECIPE = new TrainingSpec("nesterovs", 0.05, 16, 2, 0.01, Map.of("momentum", 0.8),
            TrainingRecipe.Schedule.of("step", Map.of("every", 20.0, "factor", 0.5)), "mcxent", null);
    /** What the provider was started with: the built-in's Adam 1e-3, batch 32, one epoch. */
    private static final TrainingSpec OWN = BuiltinModels.mlp().training();

    private static Dataset train;
    private static Dataset validation;

    @BeforeAll
    static void data() throws IOException {
        final dln.core.data.DataSplit split = TestData.roleSplitOrSkip(13);
        train = split.train().subset(java.util.stream.IntStream.range(0, 300).toArray());
        validation = split.validation();
    }

    private final Consortium net = new Consortium();

    @Test
    void aProviderStartedWithItsOwnSettingsTrainsWithTheLedgersRecipeAndNamesItsHash() throws Exception {
        final ModelSpec spec = BuiltinModels.mlp().withTraining(RECIPE);
        final String model = openFederated(spec);
        final ModelView m = net.participant(PROVIDER).ledger().getModel(model);
        // The ledger holds the publisher's recipe, and the clients hash it as the chaincode did.
        assertEquals(RECIPE.recipe(), m.trainingRecipe());
        assertEquals(RECIPE.recipe().hash(), m.recipeHash());

        final List<String> lines = new ArrayList<>();
        final ProviderWorkflow provider = new ProviderWorkflow(net.participant(PROVIDER), train, OWN, Adversary.honest(), PROVIDER_SEED,
                new TrainingListener() { }, lines::add);
        final ProviderWorkflow.Outcome o = provider.federatedStep(model).orElseThrow();

        assertEquals(m.recipeHash(), o.update().recipeHash());
        assertEquals(m.recipeHash(), net.participant("org1/User1").ledger().getUpdate(o.update().id()).recipeHash());
        assertEquals(2, o.training().epochs(), "two local epochs, the recipe's, not the provider's one");
        assertTrue(lines.stream().anyMatch(l -> l.contains("trains with its recipe on the ledger")), lines.toString());

        // The submitted weights are the recipe's training from the round's start, not the provider's own settings'.
        final ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
        final float[] start = ParameterInit.initialise(plan, spec.seed());
        final long stepSeed = PROVIDER_SEED * 1_000_003L + 1;
        final float[] submitted = net.participant(PROVIDER).store().getWeights(o.update().weightsCid(), plan.hash(), plan.parameterCount());
        final float[] withRecipe = new LocalTrainer(plan).train(start, train, RECIPE, stepSeed, new TrainingListener() { }).params();
        final float[] withOwn = new LocalTrainer(plan).train(start, train, OWN, stepSeed, new TrainingListener() { }).params();
        assertArrayEquals(withRecipe, submitted, 1e-6f);
        assertTrue(maxDifference(withOwn, submitted) > 1e-3, "the provider's own settings would have trained other weights");
    }

    @Test
    void trainingThatLeavesTheModelWhereItWasIsToldToTheProviderAndNamedInTheRefusal() throws Exception {
        // Plain SGD at a step of 1e-9 moves the model by about 1e-9 of its norm, as a provider whose
        // few examples the model already fits does (its gradient is zero in float32).
        final TrainingSpec still = new TrainingSpec("sgd", 1e-9, 32, 1, 0);
        final String model = openFederated(BuiltinModels.mlp().withTraining(still));
        final List<String> lines = new ArrayList<>();
        final ProviderWorkflow.Outcome o = new ProviderWorkflow(net.participant(PROVIDER), train, still, Adversary.honest(), PROVIDER_SEED,
                new TrainingListener() { }, lines::add).federatedStep(model).orElseThrow();
        final String least = String.format(java.util.Locale.ROOT, "%.0e", SanityLimits.DEFAULT.minRelativeDistance());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("round 1: training moved the model ") && l.contains("under the " + least + " members require")
                && l.contains("already fits this provider's data")), lines.toString());

        final String member = COMMITTEE.get(0);
        final List<dln.core.protocol.UpdateReview> reviews = new CommitteeWorkflow(net.participant(member), net.identity(member).key(),
                SanityLimits.DEFAULT, l -> { }).scorePending(model);
        final dln.core.protocol.UpdateReview review = reviews.stream().filter(r -> r.updateId().equals(o.update().id())).findFirst().orElseThrow();
        assertTrue(!review.sane() && review.reason().contains("(the least is " + least + "): it did not train, or the model already fits its data"),
                review.reason());
    }

    @Test
    void aProviderWhoseTrainingLeavesTheModelWhereItWasAbstainsAndTheRoundCountsItsTurn() throws Exception {
        // As above, but the model decides by contribution: its rounds count turns, so the provider abstains rather than
        // send its parents back to be refused as "did not train" (and flagged as a free rider's would be).
        final TrainingSpec still = new TrainingSpec("sgd", 1e-9, 32, 1, 0);
        final String model = openFederated(BuiltinModels.mlp().withTraining(still), LearningPolicy.parse("contribution:3", "median_capped"));
        final Participant provider = net.participant(PROVIDER);
        final List<String> lines = new ArrayList<>();
        final ProviderWorkflow workflow = new ProviderWorkflow(provider, train, still, Adversary.honest(), PROVIDER_SEED, new TrainingListener() { },
                lines::add);
        final ProviderWorkflow.Outcome o = workflow.federatedStep(model).orElseThrow();
        assertTrue(o.abstained() && o.update() == null && o.abstention().contains("already fits this provider's data"), String.valueOf(o));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("round 1: training moved the model ") && l.endsWith("so it abstains from the round")),
                lines.toString());
        assertTrue(provider.ledger().listUpdates(model, 1, null).isEmpty(), "nothing was submitted");
        final List<dln.api.DlnLedger.Abstention> abstentions = provider.ledger().getRoundRecord(model, 1).abstentions();
        assertEquals(1, abstentions.size());
        assertEquals(provider.identity().x509Id(), abstentions.get(0).by().x509Id());
        assertEquals(o.abstention(), abstentions.get(0).reason());
        assertTrue(provider.ledger().providerWork(model, provider.identity()).joined(), "the abstention is its turn in the round");
        assertTrue(workflow.federatedStep(model).isEmpty(), "a second step of the same round does nothing");

        // Another provider's update takes the round's second turn; a member's pass fixes the set of that one update.
        final Participant other = net.participant("org2/User3");
        final ModelView m = other.ledger().getModel(model);
        final float[] weights = ParameterInit.initialise(ArchitecturePlan.of(BuiltinModels.mlp().architecture()), 5);
        final UpdateView submitted = other.ledger().submitUpdate(model, other.store().putWeights(m.architectureHash(), weights),
                List.of(UpdateView.INITIAL), 1, 100, 1000, m.recipeHash());
        assertTrue(other.ledger().getRound(model, 1).open());
        final String member = COMMITTEE.get(0);
        new CommitteeWorkflow(net.participant(member), net.identity(member).key(), SanityLimits.DEFAULT, l -> { }).scorePending(model);
        assertEquals(List.of(submitted.id()), other.ledger().getRound(model, 1).scoring());
    }

    @Test
    void aGossipProviderWhoseTrainingLeavesTheModelWhereItWasPassesTheStep() throws Exception {
        // Gossip has no round whose turn must be taken: the provider submits nothing and says so.
        final String model = openGossip(BuiltinModels.mlp().withTraining(new TrainingSpec("sgd", 1e-9, 32, 1, 0)));
        final Participant provider = net.participant(PROVIDER);
        final List<String> lines = new ArrayList<>();
        final ProviderWorkflow.Outcome o = gossipStep(provider, model, lines);
        assertTrue(o.passed() && o.update() == null && o.abstention().contains("already fits this provider's data"), String.valueOf(o));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("gossip: training moved the model ") && l.endsWith("so it passes this step: nothing is submitted")),
                lines.toString());
        assertTrue(provider.ledger().listUpdates(model, 0, null).isEmpty(), "nothing was submitted");

        // Where training moves the model, the same provider submits its gossip update, and says nothing of standing still.
        final String moving = openGossip(BuiltinModels.mlp().withTraining(RECIPE));
        final List<String> moved = new ArrayList<>();
        final ProviderWorkflow.Outcome trained = gossipStep(provider, moving, moved);
        assertTrue(!trained.passed() && trained.update() != null, String.valueOf(trained));
        assertEquals(List.of(trained.update().id()), provider.ledger().listUpdates(moving, 0, null).stream().map(UpdateView::id).toList());
        assertTrue(moved.stream().noneMatch(l -> l.contains("training moved the model")), moved.toString());
    }

    private ProviderWorkflow.Outcome gossipStep(final Participant provider, final String model, final List<String> lines) {
        return new ProviderWorkflow(provider, train, OWN, Adversary.honest(), PROVIDER_SEED, new TrainingListener() { }, lines::add)
                .gossipStep(model, dln.core.protocol.ParentSelector.recent(true));
    }

    private String openGossip(final ModelSpec spec) {
        return open(new PublisherWorkflow(net.participant("org1/User1"), net.directory()).publish(new PublicationRequest("recipe", spec,
                "accuracy", "gossip", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 1, 3600, 2)
                .with(LearningPolicy.parse("contribution:3", "median_capped"))).id());
    }

    @Test
    void anUpdateThatMovedEnoughIsNotToldItStoodStill() throws Exception {
        final String model = openFederated(BuiltinModels.mlp().withTraining(RECIPE));
        final List<String> lines = new ArrayList<>();
        new ProviderWorkflow(net.participant(PROVIDER), train, RECIPE, Adversary.honest(), PROVIDER_SEED, new TrainingListener() { }, lines::add)
                .federatedStep(model).orElseThrow();
        assertTrue(lines.stream().noneMatch(l -> l.contains("training moved the model")), lines.toString());
    }

    @Test
    void anUpdateNamingAnotherRecipeIsRefusedByName() throws Exception {
        final String model = openFederated(BuiltinModels.mlp().withTraining(RECIPE));
        final Participant provider = net.participant(PROVIDER);
        final ModelView m = provider.ledger().getModel(model);
        final String cid = provider.store().putWeights(m.architectureHash(), new float[ArchitecturePlan.of(BuiltinModels.mlp().architecture())
                .parameterArrayLength()]);
        final String tampered = (m.recipeHash().charAt(0) == '0' ? "1" : "0") + m.recipeHash().substring(1);
        for (final String hash : List.of(tampered, OWN.recipe().hash())) {
            final LedgerException e = assertThrows(LedgerException.class,
                    () -> provider.ledger().submitUpdate(model, cid, List.of(UpdateView.INITIAL), 1, 100, 1000, hash));
            assertTrue(e.is(Rule.RECIPE_MISMATCH), e.code() + ": " + e.getMessage());
        }
        assertTrue(provider.ledger().listUpdates(model, 1, null).isEmpty(), "nothing was recorded");
    }

    @Test
    void aRecipeThatDoesNotFitTheArchitectureIsRefusedBeforePublishing() throws Exception {
        final Preprocessing threeFeatures = new Preprocessing("y", List.of("a", "b"), List.of(new Preprocessing.NumericColumn("x", 0, 1),
                new Preprocessing.NumericColumn("z", 0, 1), new Preprocessing.NumericColumn("w", 0, 1)), List.of());
        final ModelSpec wrong = BuiltinModels.mlp().withTraining(RECIPE.withPreprocessing(threeFeatures));
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> publish(wrong));
        assertTrue(e.getMessage().contains("the recipe's preprocessing has 3 features"), e.getMessage());
        final ModelSpec mse = BuiltinModels.mlp().withTraining(new TrainingSpec("adam", 1e-3, 32, 1, 0, null, null, "mse", null));
        final IllegalArgumentException loss = assertThrows(IllegalArgumentException.class, () -> publish(mse));
        assertTrue(loss.getMessage().contains("loss is mse but the output layer's is mcxent"), loss.getMessage());
        assertTrue(net.participant("org1/User1").ledger().listModels().isEmpty(), "nothing was published");
    }

    @Test
    void theBuiltInSettingsAreTheDefaultRecipe() throws Exception {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = publish(BuiltinModels.mlp());
        assertEquals(TrainingRecipe.DEFAULT.hash(), m.recipeHash(), "the built-in MLP's settings are the default recipe");
        assertEquals(OWN, ModelContext.of(publisher.ledger().getModel(m.id())).training());
    }

    private ModelView publish(final ModelSpec spec) {
        return new PublisherWorkflow(net.participant("org1/User1"), net.directory()).publish(new PublicationRequest("recipe", spec, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 1, 3600, 2));
    }

    private String openFederated(final ModelSpec spec) {
        return open(publish(spec).id());
    }

    /** A model of {@code policy} whose rounds take two updates (or turns). */
    private String openFederated(final ModelSpec spec, final LearningPolicy policy) {
        return open(new PublisherWorkflow(net.participant("org1/User1"), net.directory()).publish(new PublicationRequest("recipe", spec,
                "accuracy", "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 2, 3600, 2).with(policy)).id());
    }

    private String open(final String model) {
        for (final String member : COMMITTEE) {
            new CommitteeWorkflow(net.participant(member), net.identity(member).key(), SanityLimits.DEFAULT, l -> { })
                    .reviewModel(net.participant(member).ledger().getModel(model));
        }
        assertEquals(dln.api.ModelStatus.OPEN, net.participant("org1/User1").ledger().getModel(model).status());
        return model;
    }

    private static double maxDifference(final float[] a, final float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        assertNotEquals(0, a.length);
        return max;
    }
}
