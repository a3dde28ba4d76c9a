package dln.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BuiltinModelsTest {
    @Test
    void theMlpTakesTheDatasetsFeaturesAndClasses() {
        ArchitecturePlan bc = ArchitecturePlan.of(BuiltinModels.byName("mlp", 30, 2).architecture());
        assertEquals(30, bc.inputSize());
        assertEquals(2, bc.numClasses());
        assertEquals(30 * 200 + 200 + 200 * 200 + 200 + 200 * 2 + 2, bc.parameterCount());
        ArchitecturePlan digits = ArchitecturePlan.of(BuiltinModels.byName("mlp", 64, 10).architecture());
        assertEquals(64, digits.inputSize());
        assertEquals(10, digits.numClasses());
        assertEquals(BuiltinModels.mlp().architecture(), BuiltinModels.byName("mlp", 784, 10).architecture(), "MNIST's MLP unchanged");
    }

    @Test
    void lenetTakesOnly28By28Images() {
        assertEquals(3, ArchitecturePlan.of(BuiltinModels.byName("lenet", 784, 3).architecture()).numClasses());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BuiltinModels.byName("lenet", 64, 10));
        assertTrue(e.getMessage().contains("use the mlp"), e.getMessage());
    }
}
