package dln.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TrainingRecipeTest {

    @Test
    void theDefaultIsTheBuiltInsSettingsWrittenOut() {
        final TrainingRecipe d = TrainingRecipe.DEFAULT;
        assertEquals("adam", d.optimiser().name());
        assertEquals(Map.of("beta1", 0.9, "beta2", 0.999, "epsilon", 1e-8), d.optimiser().params());
        assertEquals(1e-3, d.learningRate());
        assertEquals(32, d.batchSize());
        assertEquals(1, d.localEpochs());
        assertEquals("constant", d.schedule().name());
        // The ledger form reads back to the same recipe and the same hash.
        assertEquals(d, TrainingRecipe.fromLedger(d.toLedger()));
        assertEquals(d.hash(), TrainingRecipe.fromLedger(d.toLedger()).hash());
        assertTrue(d.canonical().startsWith("{\"batchSize\":32,\"fedProxMu\":0.0,\"learningRate\":0.001,"), d.canonical());
    }

    @Test
    void schedulesFollowTheirFormulas() {
        final TrainingRecipe base = TrainingRecipe.DEFAULT;
        final TrainingRecipe step = new TrainingRecipe(base.optimiser(), 0.1, TrainingRecipe.Schedule.of("step", Map.of("every", 10.0, "factor", 0.5)),
                8, 1, "mcxent", 0, null);
        assertEquals(0.1, step.learningRateAt(0, 100), 1e-15);
        assertEquals(0.1, step.learningRateAt(9, 100), 1e-15);
        assertEquals(0.05, step.learningRateAt(10, 100), 1e-15);
        assertEquals(0.025, step.learningRateAt(25, 100), 1e-15);
        final TrainingRecipe cosine = new TrainingRecipe(base.optimiser(), 0.1, TrainingRecipe.Schedule.of("cosine", Map.of("floor", 0.1)),
                8, 1, "mcxent", 0, null);
        assertEquals(0.1, cosine.learningRateAt(0, 100), 1e-15);
        // Half way: floor + (1 - floor) / 2 of the rate.
        assertEquals(0.1 * 0.55, cosine.learningRateAt(50, 100), 1e-12);
        assertEquals(0.1 * 0.1, cosine.learningRateAt(100, 100), 1e-12);
        assertEquals(0.0, TrainingRecipe.Schedule.of("cosine", Map.of()).params().get("floor"));
        assertEquals(1e-3, base.learningRateAt(99, 100));
    }

    @Test
    void boundsNameTheField() {
        final TrainingRecipe.Optimiser adam = TrainingRecipe.DEFAULT.optimiser();
        final IllegalArgumentException lr = assertThrows(IllegalArgumentException.class,
                () -> new TrainingRecipe(adam, 0, null, 32, 1, null, 0, null));
        assertTrue(lr.getMessage().startsWith("recipe.learningRate"), lr.getMessage());
        assertThrows(IllegalArgumentException.class, () -> TrainingRecipe.Optimiser.of("adam", Map.of("momentum", 0.9)));
        assertThrows(IllegalArgumentException.class, () -> TrainingRecipe.Schedule.of("step", Map.of("every", 3.0)));
        // Another value is another hash.
        assertNotEquals(TrainingRecipe.DEFAULT.hash(), new TrainingRecipe(adam, 1e-3, null, 16, 1, null, 0, null).hash());
    }

    @Test
    void aFloorOnStepsLengthensOnlyShortRunsAndHashesOnlyWhenSet() {
        final TrainingRecipe d = TrainingRecipe.DEFAULT;
        final TrainingRecipe floored = d.with(com.google.gson.JsonParser.parseString("{\"minLocalSteps\": 30}").getAsJsonObject());
        assertEquals(30, floored.minLocalSteps());
        // 40 examples at batch 32 are 2 steps an epoch: the floor makes 30; 4,607 examples make 144 whatever the floor.
        assertEquals(2, d.steps(40));
        assertEquals(30, floored.steps(40));
        assertEquals(144, floored.steps(4_607));
        assertEquals(288, floored.withPreprocessing(null).with(com.google.gson.JsonParser.parseString("{\"localEpochs\": 2}")
                .getAsJsonObject()).steps(4_607));
        // Off, the field is not written: a recipe published before it existed keeps its hash.
        assertTrue(!d.canonical().contains("minLocalSteps"), d.canonical());
        assertTrue(floored.canonical().contains("\"minLocalSteps\":30"), floored.canonical());
        assertNotEquals(d.hash(), floored.hash());
        assertEquals(floored, TrainingRecipe.fromLedger(floored.toLedger()));
        final IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> d.with(com.google.gson.JsonParser.parseString("{\"minLocalSteps\": -1}").getAsJsonObject()));
        assertTrue(bad.getMessage().startsWith("recipe.minLocalSteps"), bad.getMessage());
    }

    @Test
    void aBoundBrokenThroughChangesIsTheSameUserErrorNamingTheField() {
        final com.google.gson.JsonObject changes = new com.google.gson.JsonObject();
        changes.addProperty("batchSize", 0);
        // Read through Gson, whose record adapter wraps the constructor's refusal in a RuntimeException.
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TrainingRecipe.DEFAULT.with(changes));
        assertTrue(e.getMessage().startsWith("recipe.batchSize must be 1 to 65536"), e.getMessage());
    }
}
