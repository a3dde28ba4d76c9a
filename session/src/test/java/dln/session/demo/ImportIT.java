package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.DlnLedger;
import dln.api.ModelStatus;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.core.ledger.ConnectionProfile;
import dln.core.model.ArchitecturePlan;
import dln.core.modelimport.ImportedModel;
import dln.core.modelimport.ModelImport;
import dln.core.storage.WeightStore;
import dln.ipfs.KuboClient;
import java.io.File;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Imported models on the real network through the clients: a Keras and an ONNX MNIST-shaped MLP
 * (core's fixtures, scripts/fixtures/make-import-fixtures.py) published with publish --import, one
 * federated round closed by two providers and two serving members; an unsupported layer is one
 * line, exit code 1, and writes nothing.
 */
class ImportIT {

    private final Path root = SessionIT.ItPaths.root();
    private final Path profilePath = SessionIT.ItPaths.profile();
    private final ConnectionProfile profile = ConnectionProfile.load(profilePath);
    private final Cli cli = new Cli(root, profilePath);

    private Path fixture(final String name) {
        return root.resolve("core/src/test/resources/modelimport").resolve(name);
    }

    @ParameterizedTest
    @ValueSource(strings = {"keras-mnist.h5", "onnx-mnist.onnx"})
    void anImportedModelIsPublishedWithItsWeightsAndClosesAFederatedRound(final String file) throws Exception {
        final ImportedModel imported = ModelImport.read(fixture(file));
        final Cli.Result published = cli.run("publisher", "publish", "--identity", "org1/User1", "--import", fixture(file).toString(),
                "--name", "imported " + file, "--min-updates", "2", "--quorum", "2", "--threshold", "0.0",
                "--committee", "org1/User2,org2/User2,org3/User2");
        assertEquals(0, published.exit(), published.err());
        final String model = published.out().trim();
        final Process serve1 = cli.builder("committee", "serve", "--identity", "org1/User2").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(File.createTempFile("import-serve1", ".log"))).start();
        final Process serve2 = cli.builder("committee", "serve", "--identity", "org2/User2").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(File.createTempFile("import-serve2", ".log"))).start();
        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, "org1/User1")) {
            final ModelView m = ledger.getModel(model);
            final ArchitecturePlan plan = imported.plan();
            assertEquals(plan.hash(), m.architectureHash(), "the ledger holds the file's architecture");
            final WeightStore ipfs = new WeightStore(new dln.core.storage.KuboStore(KuboClient.builder(profile.ipfs().api()).build()));
            assertArrayEquals(imported.weights(), ipfs.getWeights(m.initialWeightsCid(), plan.hash(), plan.parameterCount()),
                    "and starts from the file's weights");
            Cli.waitFor(() -> ledger.getModel(model).status() == ModelStatus.OPEN, "the committee to open " + model);
            for (final String[] p : new String[][]{{"org1/User6", "mnist:train:iid:1/2"}, {"org2/User6", "mnist:train:iid:2/2"}}) {
                final Cli.Result r = cli.run("provider", "run", model, "--identity", p[0], "--data", p[1], "--steps", "1");
                assertEquals(0, r.exit(), r.err());
            }
            Cli.waitFor(() -> !ledger.getRound(model, 1).open(), "round 1 to close");
            final RoundView round = ledger.getRound(model, 1);
            assertEquals(2, round.accepted().size(), "both updates accepted: " + round);
        } finally {
            serve1.destroyForcibly();
            serve2.destroyForcibly();
        }
    }

    @Test
    void anUnsupportedLayerIsOneLineExitOneAndWritesNothing() throws Exception {
        final long height = cli.height();
        final Cli.Result r = cli.run("publisher", "publish", "--identity", "org1/User1", "--import", fixture("keras-lstm.h5").toString(),
                "--committee", "org1/User2,org2/User2,org3/User2");
        assertEquals(1, r.exit(), r.err());
        assertEquals(1, r.errLines().size(), r.err());
        assertTrue(r.errLines().get(0).startsWith("error: keras-lstm.h5: layer 1 'lstm' (LSTM) is not supported by dln"), r.err());
        assertEquals(height, cli.height(), "nothing was written");
    }
}
