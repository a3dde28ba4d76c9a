package dln.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelSpecTest {
    @Test
    void builtinsHaveTheExpectedParameterCounts() {
        assertEquals(199_210, ArchitecturePlan.of(BuiltinModels.mlp().architecture()).parameterCount());
        assertEquals(431_080, ArchitecturePlan.of(BuiltinModels.lenet().architecture()).parameterCount());
    }

    @Test
    void canonicalJsonAndHashArePinned() {
        ArchitectureSpec mlp = BuiltinModels.mlp().architecture();
        assertEquals("{\"input\":[784],\"layers\":[{\"activation\":\"relu\",\"type\":\"dense\",\"units\":200},"
                + "{\"activation\":\"relu\",\"type\":\"dense\",\"units\":200},"
                + "{\"activation\":\"softmax\",\"loss\":\"mcxent\",\"type\":\"output\",\"units\":10}]}", SpecJson.canonical(mlp));
        assertEquals(PINNED_MLP_HASH, SpecJson.architectureHash(mlp));
        assertNotEquals(SpecJson.architectureHash(mlp), SpecJson.architectureHash(BuiltinModels.lenet().architecture()));
    }

    static final String PINNED_MLP_HASH = "53975d05e034ee89632a9ebb4c8161c6d1a7fb861dfed1dd4e88daa585d03435";

    @Test
    void jsonRoundTripKeepsTheHash() {
        ModelSpec lenet = BuiltinModels.lenet();
        ModelSpec back = SpecJson.parse(SpecJson.toJson(lenet));
        assertEquals(lenet, back);
        assertEquals(SpecJson.architectureHash(lenet.architecture()), SpecJson.architectureHash(back.architecture()));
    }

    @Test
    void sameSpecAndSeedGiveBitIdenticalInitialParameters() {
        ArchitecturePlan plan = ArchitecturePlan.of(BuiltinModels.lenet().architecture());
        float[] a = ParameterInit.initialise(plan, 42);
        float[] b = ParameterInit.initialise(ArchitecturePlan.of(SpecJson.parse(SpecJson.toJson(BuiltinModels.lenet())).architecture()), 42);
        assertArrayEquals(a, b);
        assertFalse(Arrays.equals(a, ParameterInit.initialise(plan, 43)));
        float[] viaGraph = SameDiffNetwork.build(plan, a).getParameters();
        assertArrayEquals(a, viaGraph, "the graph holds exactly the flat vector");
    }

    @Test
    void invalidArchitecturesAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> ArchitecturePlan.of(new ArchitectureSpec(List.of(784),
                List.of(LayerSpec.conv2d(4, 3, 1, "relu"), LayerSpec.output(10)))));
        assertThrows(IllegalArgumentException.class, () -> ArchitecturePlan.of(new ArchitectureSpec(List.of(784),
                List.of(LayerSpec.dense(10, "relu")))));
        assertThrows(IllegalArgumentException.class, () -> ArchitecturePlan.of(new ArchitectureSpec(List.of(1, 4, 4),
                List.of(LayerSpec.conv2d(4, 5, 1, "relu"), LayerSpec.output(10)))));
        assertThrows(IllegalArgumentException.class, () -> SpecJson.parse("{\"name\":"));
        assertThrows(IllegalArgumentException.class, () -> SpecJson.parse("{\"name\":\"x\"}"));
        String badOptimizer = SpecJson.toJson(BuiltinModels.mlp()).replace("adam", "adamw");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SpecJson.parse(badOptimizer));
        assertTrue(e.getMessage().contains("adamw"), e.getMessage());
        String badLayer = SpecJson.toJson(BuiltinModels.mlp()).replace("\"dense\"", "\"lstm\"");
        assertThrows(IllegalArgumentException.class, () -> SpecJson.parse(badLayer));
        assertThrows(IllegalArgumentException.class, () -> ArchitecturePlan.of(new ArchitectureSpec(List.of(784),
                List.of(LayerSpec.dense(10, "gelu"), LayerSpec.output(10)))));
    }

    @Test
    void predictionsAreProbabilities() {
        ArchitecturePlan plan = ArchitecturePlan.of(BuiltinModels.lenet().architecture());
        SameDiffNetwork net = SameDiffNetwork.build(plan, ParameterInit.initialise(plan, 1));
        float[] p = net.predict(org.nd4j.linalg.factory.Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 784))
                .dup('c').data().asFloat();
        assertEquals(30, p.length);
        for (int i = 0; i < 3; i++) {
            double s = 0;
            for (int c = 0; c < 10; c++) {
                s += p[i * 10 + c];
            }
            assertEquals(1.0, s, 1e-5);
        }
    }
}
