package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.view.ModelView;
import dln.core.attack.Adversary;
import dln.core.data.Dataset;
import dln.core.data.TestData;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.LearningPolicy;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.protocol.SharedMachine;
import dln.core.training.NativeThreads;
import dln.core.training.TrainingListener;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A shared machine's training turn runs on the team it names, and hands the thread back as it was. */
class SharedMachineTest {

    private static final List<String> COMMITTEE = List.of("org1/User2", "org2/User2", "org3/User2");
    private static final ModelSpec MLP = BuiltinModels.mlp();

    private static Dataset train;
    private static Dataset validation;

    @BeforeAll
    static void data() throws IOException {
        final TestData.RoleData data = TestData.roleDataOrSkip(11);
        train = data.train();
        validation = data.validation();
    }

    private final Consortium net = new Consortium();

    @Test
    void aTrainingRunsOnTheMachinesTeamAndTheThreadKeepsItsOwn() {
        final ModelView m = new PublisherWorkflow(net.participant("org1/User1"), net.directory()).publish(new PublicationRequest("team", MLP,
                "accuracy", "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, 1, 3600, 2)
                .with(LearningPolicy.parse("contribution", "claimed")));
        COMMITTEE.forEach(name -> new CommitteeWorkflow(net.participant(name), net.identity(name).key(), SanityLimits.DEFAULT, line -> { })
                .reviewModel(m));
        final List<Integer> teams = new ArrayList<>();
        final TrainingListener team = new TrainingListener() {
            @Override
            public void epochStarted(final int epoch, final int epochs, final int batches) {
                teams.add(NativeThreads.ofThisThread());
            }
        };
        final int own = NativeThreads.onTeam(3, () -> {
            final ProviderWorkflow p = new ProviderWorkflow(net.participant("org1/User3"), train, MLP.training(), Adversary.honest(), 7, team,
                    line -> { }, SharedMachine.shared(1));
            assertTrue(p.federatedStep(m.id()).isPresent());
            return NativeThreads.ofThisThread();
        });
        assertEquals(List.of(1), teams, "the training ran on the machine's one thread");
        assertEquals(3, own, "the provider's thread kept its own team");
    }

    @Test
    void aSharedMachineLeavesOneCoreToTheRest() {
        assertEquals(1, SharedMachine.sharing(2).trainingThreads());
        assertEquals(1, SharedMachine.sharing(1).trainingThreads());
        assertEquals(7, SharedMachine.sharing(8).trainingThreads());
        assertEquals(0, SharedMachine.own().trainingThreads(), "a machine of its own: the thread's own team");
        assertThrows(IllegalArgumentException.class, () -> SharedMachine.shared(-1));
    }
}
