package dln.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Validation messages, the canonical form of the new fields, the engine choice and 64-bit sizes. */
class ArchitecturePlanTest {

    private static String refused(List<Integer> input, LayerSpec... layers) {
        return assertThrows(IllegalArgumentException.class,
                () -> ArchitecturePlan.of(new ArchitectureSpec(input, List.of(layers)))).getMessage();
    }

    @Test
    void multiplyAddsCountEachWeightOncePerOutputPosition() {
        // MLP 784-200-200-10: 784*200 + 200*200 + 200*10.
        assertEquals(198_800, ArchitecturePlan.of(BuiltinModels.mlp().architecture()).multiplyAddsPerExample());
        // LeNet on 1x28x28: conv 5x5x1x20 at 24x24, conv 5x5x20x50 at 8x8, dense 800x500, output 500x10.
        assertEquals(500 * 576 + 25_000 * 64 + 800 * 500 + 500 * 10,
                ArchitecturePlan.of(BuiltinModels.lenet().architecture()).multiplyAddsPerExample());
    }

    @Test
    void aShapeMismatchNamesTheLayerAndBothShapes() {
        String m = refused(List.of(3, 8, 8), LayerSpec.conv2dSame(16, 3, 1, "relu"), LayerSpec.conv2dSame(32, 3, 1, "relu"),
                LayerSpec.add(0, null), LayerSpec.output(10));
        assertEquals("layer 2 (add): cannot add layer 0's output [16, 8, 8] onto [32, 8, 8] (the previous layer's output);"
                + " the shapes must be equal", m);
    }

    @Test
    void eachProblemIsNamedWithItsLayer() {
        assertTrue(refused(List.of(4), LayerSpec.add(3, null), LayerSpec.output(2))
                .startsWith("layer 0 (add): from must name an earlier layer"));
        assertTrue(refused(List.of(4), new LayerSpec("dense", 3, null, null, null, "relu", null, "same", null, null, null,
                null, null, null, null, null), LayerSpec.output(2)).startsWith("layer 0 (dense): field(s) [padding] do not apply"));
        assertTrue(refused(List.of(4), LayerSpec.dropout(1.0), LayerSpec.output(2))
                .startsWith("layer 0 (dropout): rate must be in [0, 1)"));
        assertEquals("layer 0 (reshape): cannot reshape [12] (12 values) to [2, 2, 2] (8 values)",
                refused(List.of(12), LayerSpec.reshape(List.of(2, 2, 2)), LayerSpec.output(2)));
        assertTrue(refused(List.of(4), LayerSpec.dense(3, "relu"), LayerSpec.embedding(List.of(0), List.of(3), 2), LayerSpec.output(2))
                .startsWith("layer 1 (embedding): an embedding must be the first layer"));
        assertTrue(refused(List.of(4), LayerSpec.embedding(List.of(4), List.of(3), 2), LayerSpec.output(2))
                .startsWith("layer 0 (embedding): column 4 is not a distinct input column in 0..3"));
        assertTrue(refused(List.of(4), LayerSpec.globalAvgPool(), LayerSpec.output(2))
                .startsWith("layer 0 (globalavgpool): needs an image input [c, h, w], got [4]"));
        assertTrue(refused(List.of(4), LayerSpec.output(1)).startsWith("layer 0 (output): a softmax head needs at least 2 units"));
        assertTrue(refused(List.of(4), LayerSpec.sigmoidOutput(1.5)).startsWith("layer 0 (output): threshold must be in (0, 1)"));
        assertTrue(refused(List.of(4), new LayerSpec("output", 2, null, null, null, "identity", "mcxent"))
                .startsWith("layer 0 (output): activation/loss must be softmax/mcxent, sigmoid/xent or identity/mse"));
        assertTrue(refused(List.of(1, 4, 4), new LayerSpec("conv2d", null, 2, 3, 1, "relu", null, "full", null, null, null,
                null, null, null, null, null), LayerSpec.output(2)).startsWith("layer 0 (conv2d): padding must be valid or same"));
        assertTrue(refused(List.of(4), new LayerSpec("pool", null, null, null, null, null, null), LayerSpec.output(2))
                .startsWith("layer 0 (pool): unknown layer type"));
    }

    @Test
    void specsWrittenBeforeTheNewFieldsKeepTheirCanonicalForm() {
        assertEquals("{\"input\":[1,28,28],\"layers\":[{\"activation\":\"identity\",\"filters\":20,\"kernel\":5,\"stride\":1,\"type\":\"conv2d\"},"
                + "{\"kernel\":2,\"stride\":2,\"type\":\"maxpool\"},"
                + "{\"activation\":\"identity\",\"filters\":50,\"kernel\":5,\"stride\":1,\"type\":\"conv2d\"},"
                + "{\"kernel\":2,\"stride\":2,\"type\":\"maxpool\"},"
                + "{\"activation\":\"relu\",\"type\":\"dense\",\"units\":500},"
                + "{\"activation\":\"softmax\",\"loss\":\"mcxent\",\"type\":\"output\",\"units\":10}]}",
                SpecJson.canonical(BuiltinModels.lenet().architecture()));
        assertEquals(ModelSpecTest.PINNED_MLP_HASH, ArchitecturePlan.of(BuiltinModels.mlp().architecture()).hash());
    }

    @Test
    void newFieldsAreCanonicalAndParsedBack() {
        String json = "{\"name\":\"t\",\"architecture\":{\"input\":[6],\"layers\":["
                + "{\"type\":\"embedding\",\"columns\":[5],\"cardinalities\":[4],\"units\":2},"
                + "{\"type\":\"dense\",\"units\":8,\"activation\":\"relu\"},"
                + "{\"type\":\"batchnorm\",\"momentum\":0.99,\"epsilon\":0.001},"
                + "{\"type\":\"dropout\",\"rate\":0.25},"
                + "{\"type\":\"dense\",\"units\":8,\"activation\":\"identity\"},"
                + "{\"type\":\"add\",\"from\":1,\"activation\":\"relu\"},"
                + "{\"type\":\"reshape\",\"shape\":[2,2,2]},"
                + "{\"type\":\"conv2d\",\"filters\":2,\"kernel\":3,\"stride\":1,\"activation\":\"relu\",\"padding\":\"same\"},"
                + "{\"type\":\"globalmaxpool\"},"
                + "{\"type\":\"output\",\"units\":1,\"activation\":\"sigmoid\",\"loss\":\"xent\",\"threshold\":0.7}]},"
                + "\"training\":{\"optimizer\":\"adam\",\"learningRate\":0.001,\"batchSize\":8,\"localEpochs\":1,\"fedProxMu\":0},\"seed\":1}";
        ModelSpec spec = SpecJson.parse(json);
        assertEquals("{\"input\":[6],\"layers\":["
                + "{\"cardinalities\":[4],\"columns\":[5],\"type\":\"embedding\",\"units\":2},"
                + "{\"activation\":\"relu\",\"type\":\"dense\",\"units\":8},"
                + "{\"epsilon\":0.001,\"momentum\":0.99,\"type\":\"batchnorm\"},"
                + "{\"rate\":0.25,\"type\":\"dropout\"},"
                + "{\"activation\":\"identity\",\"type\":\"dense\",\"units\":8},"
                + "{\"activation\":\"relu\",\"from\":1,\"type\":\"add\"},"
                + "{\"shape\":[2,2,2],\"type\":\"reshape\"},"
                + "{\"activation\":\"relu\",\"filters\":2,\"kernel\":3,\"padding\":\"same\",\"stride\":1,\"type\":\"conv2d\"},"
                + "{\"type\":\"globalmaxpool\"},"
                + "{\"activation\":\"sigmoid\",\"loss\":\"xent\",\"threshold\":0.7,\"type\":\"output\",\"units\":1}]}",
                SpecJson.canonical(spec.architecture()));
        IllegalArgumentException typo = assertThrows(IllegalArgumentException.class,
                () -> SpecJson.parse(json.replace("\"padding\"", "\"pading\"")));
        assertEquals("layer 7 (conv2d): unknown field 'pading'", typo.getMessage());
        ModelSpec back = SpecJson.parse(SpecJson.toJson(spec));
        assertEquals(spec, back);
        assertEquals(SpecJson.architectureHash(spec.architecture()), SpecJson.architectureHash(back.architecture()));
        ArchitecturePlan plan = ArchitecturePlan.of(spec.architecture());
        assertEquals(List.of(5 + 2), plan.layers().get(0).outShape());
        assertEquals(0.7, plan.head().threshold());
        String eps = SpecJson.canonical(new ArchitectureSpec(List.of(2), List.of(new LayerSpec("batchnorm", null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, 1e-5), LayerSpec.output(2))));
        assertTrue(eps.contains("{\"epsilon\":0.00001,\"type\":\"batchnorm\"}"), eps);
    }

    @Test
    void aHundredMillionParameterPlanAndOneBeyondAnArrayComputeWithoutOverflow() {
        ArchitecturePlan big = ArchitecturePlan.of(new ArchitectureSpec(List.of(10_000),
                List.of(LayerSpec.dense(10_000, "relu"), LayerSpec.output(10))));
        assertEquals(10_000L * 10_000 + 10_000 + 10_000 * 10 + 10, big.parameterCount());
        assertEquals(100_110_010, big.parameterArrayLength());
        assertEquals(100_010_000L, big.params().get(2).offset());
        ArchitecturePlan huge = ArchitecturePlan.of(new ArchitectureSpec(List.of(1, 1000, 1000),
                List.of(LayerSpec.dense(3000, "relu"), LayerSpec.output(10))));
        long expected = 1_000_000L * 3000 + 3000 + 3000 * 10 + 10;
        assertEquals(expected, huge.parameterCount());
        assertEquals(3_000_003_000L, huge.params().get(2).offset());
        assertEquals(1_000_000L, huge.params().get(0).fanIn());
        IllegalStateException e = assertThrows(IllegalStateException.class, huge::parameterArrayLength);
        assertTrue(e.getMessage().contains("reaches index " + expected + ", beyond the 2^31-1 values a Java array holds"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> huge.params().get(2).arrayOffset());
    }

    @Test
    void theEngineIsDirectWhereItRunsThePlanAndSameDiffElsewhere() {
        float[] lenet = ParameterInit.initialise(ArchitecturePlan.of(BuiltinModels.lenet().architecture()), 1);
        assertInstanceOf(DirectNetwork.class, Network.of(ArchitecturePlan.of(BuiltinModels.lenet().architecture()), lenet));
        ArchitecturePlan sigmoid = ArchitecturePlan.of(new ArchitectureSpec(List.of(3), List.of(LayerSpec.sigmoidOutput(0.5))));
        assertInstanceOf(SameDiffEngine.class, Network.of(sigmoid, ParameterInit.initialise(sigmoid, 1)));
        ArchitecturePlan bn = ArchitecturePlan.of(new ArchitectureSpec(List.of(3), List.of(LayerSpec.batchNorm("relu"), LayerSpec.output(2))));
        assertInstanceOf(SameDiffEngine.class, Network.of(bn, ParameterInit.initialise(bn, 1)));
        assertThrows(IllegalArgumentException.class, () -> DirectNetwork.of(bn, ParameterInit.initialise(bn, 1)));
    }
}
