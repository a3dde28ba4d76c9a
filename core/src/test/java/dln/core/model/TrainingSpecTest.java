package dln.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.TrainingRecipe;
import dln.core.data.Preprocessing;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The client's form of the training recipe: the same recipe and hash both ways, old spec files still read. */
class TrainingSpecTest {

    private static final Preprocessing PRE = new Preprocessing("y", List.of("no", "yes"),
            List.of(new Preprocessing.NumericColumn("age", 40.0, 8.16496580927726)),
            List.of(new Preprocessing.CategoricalColumn("color", List.of("blue", "red"))));

    @Test
    void aRecipeReadBackIsTheSameRecipeWithTheSameHash() {
        final TrainingSpec t = new TrainingSpec("nesterovs", 0.05, 16, 2, 0.01, Map.of("momentum", 0.8),
                TrainingRecipe.Schedule.of("cosine", Map.of("floor", 0.1)), "mcxent", PRE);
        final TrainingRecipe r = t.recipe();
        assertEquals(t, TrainingSpec.of(r));
        // Through the ledger's JSON, as a provider reads it.
        final TrainingRecipe back = TrainingRecipe.fromLedger(com.google.gson.JsonParser.parseString(r.toLedger().toString()).getAsJsonObject());
        assertEquals(r.hash(), back.hash());
        assertEquals(t, TrainingSpec.of(back));
    }

    @Test
    void aSpecFileWithoutTheRecipesNewFieldsTakesItsDefaults() {
        final ModelSpec old = SpecJson.parse("""
                {"name": "mlp", "architecture": {"input": [4], "layers": [{"type": "output", "units": 2, "activation": "softmax", "loss": "mcxent"}]},
                 "training": {"optimizer": "adam", "learningRate": 0.001, "batchSize": 32, "localEpochs": 1, "fedProxMu": 0.0}, "seed": 42}""");
        assertEquals(TrainingRecipe.DEFAULT, old.training().recipe());
        final ModelSpec again = SpecJson.parse(SpecJson.toJson(old.withTraining(old.training().withPreprocessing(PRE).withLocalEpochs(3))));
        assertEquals(3, again.training().localEpochs());
        assertEquals(PRE, again.training().preprocessing());
    }

    @Test
    void settingsOutOfTheRecipesBoundsAreRefused() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new TrainingSpec("adam", 1e-3, 0, 1, 0));
        assertTrue(e.getMessage().contains("recipe.batchSize"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new TrainingSpec("rmsprop", 1e-3, 32, 1, 0));
    }
}
