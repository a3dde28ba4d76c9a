package dln.publisher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.cli.ExitCodes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The publisher's import commands offline: a model dln maps is described, one it cannot is refused in one line with exit code 1. */
class ImportCommandsTest {

    /** core's fixtures (scripts/fixtures/make-import-fixtures.py); surefire runs in this module's folder. */
    private static String fixture(final String name) {
        return Path.of("..", "core", "src", "test", "resources", "modelimport", name).toString();
    }

    private record Run(int code, String out, String err) { }

    private static Run run(final String... args) {
        final PrintStream out = System.out;
        final PrintStream err = System.err;
        final ByteArrayOutputStream o = new ByteArrayOutputStream();
        final ByteArrayOutputStream e = new ByteArrayOutputStream();
        try {
            System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
            final int code = ExitCodes.run(new Main(), args);
            return new Run(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
        } finally {
            System.setOut(out);
            System.setErr(err);
        }
    }

    @Test
    void importCheckPrintsTheMappedLayersAndTheParameterCount() {
        final Run r = run("import-check", fixture("keras-cnn.h5"));
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().startsWith("keras-cnn.h5 (Keras HDF5): input [2, 6, 6], 3 classes"), r.out());
        assertTrue(r.out().contains("conv2d 3 3x3 stride 1 relu"), r.out());
        // conv 3*3*2*3 + 3, dense 12*5 + 5, output 5*3 + 3
        assertTrue(r.out().contains("parameters: 140 "), r.out());
    }

    @Test
    void importCheckDescribesItemOnesLayersAndHeads() {
        final Run resnet = run("import-check", fixture("keras-resnet.h5"));
        assertEquals(0, resnet.code(), resnet.err());
        assertTrue(resnet.out().startsWith("keras-resnet.h5 (Keras HDF5): input [2, 6, 6], 3 classes"), resnet.out());
        for (final String line : new String[]{"conv2d 4 3x3 stride 1 same identity", "batchnorm momentum 0.99 epsilon 0.001 relu",
                "add layer 1 relu", "conv2d 5 2x2 stride 2 same relu", "avgpool 2x2 stride 1 same", "globalavgpool", "dropout 0.25"}) {
            assertTrue(resnet.out().contains(line), line + " in " + resnet.out());
        }
        final Run binary = run("import-check", fixture("onnx-binary.onnx"));
        assertEquals(0, binary.code(), binary.err());
        assertTrue(binary.out().startsWith("onnx-binary.onnx (ONNX): input [5], binary (sigmoid, threshold 0.5)"), binary.out());
        assertTrue(binary.out().contains("output 1 sigmoid xent threshold 0.5"), binary.out());
        final Run regression = run("import-check", fixture("keras-regression.h5"));
        assertEquals(0, regression.code(), regression.err());
        assertTrue(regression.out().startsWith("keras-regression.h5 (Keras HDF5): input [16], regression, 2 outputs"), regression.out());
        assertTrue(regression.out().contains("reshape [1, 4, 4]"), regression.out());
        assertTrue(regression.out().contains("output 2 identity mse"), regression.out());
    }

    @Test
    void anUnsupportedLayerIsOneLineAndExitCodeOne() {
        final Run check = run("import-check", fixture("keras-lstm.h5"));
        assertEquals(ExitCodes.USER_ERROR, check.code());
        assertEquals("", check.out());
        assertTrue(check.err().startsWith("error: keras-lstm.h5: layer 1 'lstm' (LSTM) is not supported by dln (it maps "), check.err());
        assertEquals(1, check.err().lines().count(), check.err());
        // publish --import refuses it the same way, before any data loads or any peer is called.
        final Run publish = run("publish", "--import", fixture("keras-lstm.h5"));
        assertEquals(ExitCodes.USER_ERROR, publish.code());
        assertEquals(check.err(), publish.err());
    }

    @Test
    void aFileThatIsNotHdf5IsOneLine(@org.junit.jupiter.api.io.TempDir final Path dir) throws Exception {
        // Refused before the HDF5 library opens it: the library would print its error stack on the native stderr.
        final Path fake = java.nio.file.Files.writeString(dir.resolve("model.h5"), "not an HDF5 file");
        final Run r = run("import-check", fake.toString());
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertEquals(1, r.err().lines().count(), r.err());
        assertTrue(r.err().startsWith("error: model.h5: not an HDF5 file"), r.err());
    }

    @Test
    void publishTakesAModelOrAnImportNotBoth() {
        final Run r = run("publish", "--model", "mlp", "--import", fixture("onnx-mlp.onnx"));
        assertEquals(ExitCodes.USER_ERROR, r.code());
        assertEquals("error: give --model or --import, not both" + System.lineSeparator(), r.err());
    }
}
