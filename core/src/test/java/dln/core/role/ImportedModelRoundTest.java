package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.core.attack.Adversary;
import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ModelSpec;
import dln.core.model.TrainingSpec;
import dln.core.modelimport.Fixtures;
import dln.core.modelimport.ImportedModel;
import dln.core.modelimport.ModelImport;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.protocol.StartWeights;
import dln.core.training.TrainingListener;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Imported Keras and ONNX models (with batch norm, a skip connection, the binary head), published with the file's weights, through one federated round on the in-process consortium. */
class ImportedModelRoundTest {

    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final List<String> PROVIDERS = List.of("org1/User3", "org2/User3", "org3/User3");
    private static final TrainingSpec TRAINING = new TrainingSpec("adam", 1e-2, 16, 1, 0);

    private final Consortium net = new Consortium();

    @ParameterizedTest
    @ValueSource(strings = {"keras-cnn.h5", "onnx-mlp.onnx", "keras-resnet.h5", "onnx-binary.onnx"})
    void anImportedModelStartsFromTheFilesWeightsAndClosesAFederatedRound(final String file) throws Exception {
        final ImportedModel imported = ModelImport.read(Fixtures.file(file));
        final ArchitecturePlan plan = imported.plan();
        final ModelSpec spec = imported.modelSpec("imported " + file, TRAINING, 7);
        final Dataset validation = Fixtures.synthetic(plan.inputSize(), plan.numClasses(), 60, 1);
        final Participant publisher = net.participant("org1/User1");
        // Accuracy at least 0: the round is about the imported weights travelling, not about the committee's bar.
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest(spec.name(), spec, "accuracy",
                "federated", "fedavg", 2, 0.0, "median", COMMITTEE, validation, PROVIDERS.size(), 3600, 2), imported.weights());
        assertArrayEquals(imported.weights(), publisher.store().getWeights(m.initialWeightsCid(), plan.hash(), plan.parameterCount()),
                "the ledger's initial weights are the file's");

        final List<CommitteeService> members = COMMITTEE.stream().map(this::committee).toList();
        members.forEach(CommitteeService::pass);
        for (int i = 0; i < PROVIDERS.size(); i++) {
            final ProviderWorkflow.Outcome o = provider(i, plan).federatedStep(m.id()).orElseThrow();
            assertEquals(StartWeights.Check.INITIAL, o.start().check(), "round 1 trains from the initial weights");
            assertArrayEquals(imported.weights(), o.start().weights(), "which are the file's");
        }
        for (int pass = 0; pass < 5 && publisher.ledger().getRound(m.id(), 1).open(); pass++) {
            members.forEach(CommitteeService::pass);
        }
        final RoundView round = publisher.ledger().getRound(m.id(), 1);
        assertFalse(round.open(), "round 1 closed");
        assertEquals(PROVIDERS.size(), round.accepted().size(), "with every update accepted");
        // Round 2's start is the aggregate of round 1's updates, trained from the imported weights.
        final ProviderWorkflow.Outcome next = provider(0, plan).federatedStep(m.id()).orElseThrow();
        assertEquals(2, next.update().round());
        assertNotEquals(List.of("initial"), next.start().parents());
        assertFalse(java.util.Arrays.equals(imported.weights(), next.start().weights()), "the aggregate moved from the file's weights");
    }

    private CommitteeService committee(final String member) {
        return new CommitteeService(new CommitteeWorkflow(net.participant(member), net.identity(member).key(), SanityLimits.DEFAULT, l -> { }),
                net.participant(member).ledger().events(), CommitteeService.Scope.everyModelNamingMe());
    }

    private ProviderWorkflow provider(final int i, final ArchitecturePlan plan) {
        return new ProviderWorkflow(net.participant(PROVIDERS.get(i)), Fixtures.synthetic(plan.inputSize(), plan.numClasses(), 64, 10 + i),
                TRAINING, Adversary.honest(), 7 + i, new TrainingListener() { }, l -> { });
    }
}
