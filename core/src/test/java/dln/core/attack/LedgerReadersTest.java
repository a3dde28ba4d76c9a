package dln.core.attack;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.ModelStatus;
import dln.api.UpdateStatus;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.core.data.Dataset;
import dln.core.data.TestData;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.ModelContext;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.role.CommitteeService;
import dln.core.role.Consortium;
import dln.core.training.TrainingListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Ledger readers on the in-process ledger (the real contracts): an attacker alone crafts its
 * round-2 update from the updates the committee accepted in round 1, read from the ledger and the
 * content store, not from accomplices.
 */
class LedgerReadersTest {

    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final List<String> PROVIDERS = List.of("org1/User3", "org2/User3", "org3/User3", "org1/User4");
    private static final ModelSpec MLP = BuiltinModels.mlp();

    private static Dataset train;
    private static Dataset validation;

    @BeforeAll
    static void data() throws IOException {
        final TestData.RoleData data = TestData.roleDataOrSkip(11, 2_400, 600);
        train = data.train();
        validation = data.validation();
    }

    private final Consortium net = new Consortium();

    @Test
    void aLoneLedgerReaderCraftsAlieFromThePreviousRoundsAcceptedUpdates() throws Exception {
        final String model = publishAndOpen();
        // Alone among five providers: z = Phi^-1(3/5) > 0, and no accomplice to pool with.
        final AttackTeam team = AttackTeam.of(Attack.LEDGER_ALIE, 1, 5, 9, AttackSettings.DEFAULT.withPatience(Duration.ofMillis(100)));
        final Recording attacker = new Recording(team.member(0));
        final List<ProviderWorkflow> providers = new ArrayList<>();
        for (int i = 0; i < PROVIDERS.size(); i++) {
            providers.add(workflow(i, i == 3 ? attacker : Adversary.honest()));
        }
        for (ProviderWorkflow p : providers) {
            assertTrue(p.federatedStep(model).isPresent());
        }
        // Round 1 has no earlier round to read: alone, the attacker sends its own update.
        assertArrayEquals(attacker.step.trained(), attacker.sent, 1e-6f);
        awaitRoundClosed(model, 1);

        final ProviderWorkflow.Outcome second = providers.get(3).federatedStep(model).orElseThrow();
        final Participant reader = net.participant("org1/User1");
        final ModelContext ctx = ModelContext.of(reader.ledger().getModel(model));
        final float[] initial = reader.store().getWeights(ctx.model().initialWeightsCid(), ctx.architectureHash(), ctx.parameterCount());
        final LedgerIdentity self = net.participant(PROVIDERS.get(3)).identity();
        final List<float[]> benign = new ArrayList<>();
        for (UpdateView u : reader.ledger().listUpdates(model, 1, UpdateStatus.ACCEPTED).stream()
                .sorted(Comparator.comparing(UpdateView::id)).toList()) {
            if (!u.submitter().equals(self)) {
                benign.add(Steps.minus(reader.store().getWeights(u.weightsCid(), ctx.architectureHash(), ctx.parameterCount()), initial));
            }
        }
        assertEquals(3, benign.size(), "the three honest round-1 updates were accepted");
        final float[] expected = LittleIsEnough.craft(benign, team.z());
        assertTrue(team.z() > 0.2);
        assertArrayEquals(expected, Steps.minus(attacker.sent, attacker.step.start()), 1e-5f);
        // Not its own update: the crafted one differs from what it trained.
        assertFalse(Steps.distance(attacker.sent, attacker.step.trained()) < 1e-6);
        assertEquals(attacker.sent.length, reader.store().getWeights(second.update().weightsCid(), ctx.architectureHash(),
                ctx.parameterCount()).length);
        assertArrayEquals(attacker.sent, reader.store().getWeights(second.update().weightsCid(), ctx.architectureHash(),
                ctx.parameterCount()), 0f, "what the ledger records is the crafted update");
    }

    /**
     * A lone ledger-reading noise attacker: plain noise in round 1 (no course yet); in round 2 the
     * noise plus enough of the federation's last step (round 2's start less the initial weights,
     * read from the ledger) that its step's cosine with that course is about 0.05.
     */
    @Test
    void aNoiseAttackerSteersAlongTheFederationsLastStepReadFromTheLedger() throws Exception {
        final String model = publishAndOpen();
        final Recording attacker = new Recording(AttackTeam.of(Attack.LEDGER_NOISE, 1, 4, 9).member(0));
        final List<ProviderWorkflow> providers = new ArrayList<>();
        for (int i = 0; i < PROVIDERS.size(); i++) {
            providers.add(workflow(i, i == 3 ? attacker : Adversary.honest()));
        }
        for (ProviderWorkflow p : providers) {
            assertTrue(p.federatedStep(model).isPresent());
        }
        assertArrayEquals(Attack.NOISE.poisonWeights(attacker.step.start(), attacker.step.trained(), attacker.step.seed()), attacker.sent, 0f,
                "round 1: no course to read, plain noise");
        final float[] initial = attacker.step.start();
        awaitRoundClosed(model, 1);
        providers.get(3).federatedStep(model).orElseThrow();
        final float[] course = Steps.minus(attacker.step.start(), initial);
        final float[] sent = Steps.minus(attacker.sent, attacker.step.start());
        final float[] noise = Steps.minus(Attack.NOISE.poisonWeights(attacker.step.start(), attacker.step.trained(), attacker.step.seed()),
                attacker.step.start());
        assertEquals(CourseNoise.COSINE, cosine(sent, course), 0.01, "steered along the federation's last step");
        assertEquals(0.0, cosine(noise, course), 0.01, "plain noise is orthogonal to it");
    }

    private static double cosine(final float[] a, final float[] b) {
        double ab = 0, aa = 0, bb = 0;
        for (int i = 0; i < a.length; i++) {
            ab += (double) a[i] * b[i];
            aa += (double) a[i] * a[i];
            bb += (double) b[i] * b[i];
        }
        return ab / Math.sqrt(aa * bb);
    }

    /** Remembers the step an adversary saw and what it sent. */
    private static final class Recording implements Adversary {
        private final Adversary inner;
        private volatile Step step;
        private volatile float[] sent;

        Recording(final Adversary inner) {
            this.inner = inner;
        }

        @Override
        public Attack attack() {
            return inner.attack();
        }

        @Override
        public float[] weights(final Step s) {
            step = s;
            sent = inner.weights(s);
            return sent;
        }
    }

    private ProviderWorkflow workflow(final int i, final Adversary adversary) {
        final int n = train.size() / PROVIDERS.size();
        return new ProviderWorkflow(net.participant(PROVIDERS.get(i)), TestData.range(train, i * n, (i + 1) * n), MLP.training(), adversary, 7 + i,
                new TrainingListener() { }, line -> { });
    }

    private String publishAndOpen() throws Exception {
        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("ledger readers", MLP, "accuracy",
                "federated", "fedavg", 2, 0.5, "median", COMMITTEE, validation, PROVIDERS.size(), 3600, 2));
        for (String member : COMMITTEE) {
            committee(member).pass();
        }
        assertEquals(ModelStatus.OPEN, publisher.ledger().getModel(m.id()).status());
        return m.id();
    }

    private void awaitRoundClosed(final String model, final int r) {
        final List<CommitteeService> members = COMMITTEE.stream().map(this::committee).toList();
        for (int i = 0; i < 10 && net.participant("org1/User1").ledger().getRound(model, r).open(); i++) {
            members.forEach(CommitteeService::pass);
        }
        assertFalse(net.participant("org1/User1").ledger().getRound(model, r).open(), "round " + r + " closed");
    }

    private CommitteeService committee(final String member) {
        final Participant p = net.participant(member);
        return new CommitteeService(new CommitteeWorkflow(p, net.identity(member).key(), SanityLimits.DEFAULT, line -> { }),
                net.participant("org1/User1").ledger().events(), CommitteeService.Scope.everyModelNamingMe());
    }

}
