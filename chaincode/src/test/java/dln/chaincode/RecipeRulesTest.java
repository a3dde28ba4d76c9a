package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.api.Rule;
import dln.api.TrainingRecipe;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.chaincode.testing.Flow;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Result;
import dln.chaincode.testing.Specs;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The training recipe on the ledger: bounds at publication, the default for a spec without one, and updates that must name it. */
class RecipeRulesTest extends LedgerTest {
    private static final String PUBLISH = "model:PublishModel";
    private static final String SUBMIT = "update:SubmitUpdate";
    private static final List<String> INITIAL = List.of("initial");

    /** SGD with a step schedule, batch 8, two epochs, FedProx, and the preprocessing of a small table. */
    private static JsonObject recipe() {
        return JsonParser.parseString("""
                {"optimiser": {"name": "nesterovs", "params": {"momentum": 0.8}},
                 "learningRate": 0.05,
                 "schedule": {"name": "step", "params": {"every": 10, "factor": 0.5}},
                 "batchSize": 8, "localEpochs": 2, "loss": "mcxent", "fedProxMu": 0.01,
                 "preprocessing": {"target": "y", "classes": ["no", "yes"],
                                   "numeric": [{"name": "age", "mean": 40.0, "scale": 8.16496580927726}],
                                   "categorical": [{"name": "color", "categories": ["blue", "red"]}]}}""").getAsJsonObject();
    }

    private static JsonObject withRecipe(final JsonObject spec, final JsonObject recipe) {
        spec.add("recipe", recipe);
        return spec;
    }

    private static JsonObject recipe(final Consumer<JsonObject> change) {
        final JsonObject r = recipe();
        change.accept(r);
        return r;
    }

    private ModelView model(final String id) {
        return new Gson().fromJson(chain.ok("outsider", "query:GetModel", id).object(), ModelView.class);
    }

    private static String update(final String model, final String cid, final String recipeHash) {
        final JsonObject o = JsonParser.parseString(Flow.updateJson(model, cid, INITIAL, 0)).getAsJsonObject();
        o.addProperty("recipeHash", recipeHash);
        return o.toString();
    }

    @Test
    void theRecipeIsRecordedWrittenOutAndHashedAsTheClientsHashIt() {
        final String id = flow.open(withRecipe(Specs.gossip(2), recipe()));
        final ModelView m = model(id);
        final TrainingRecipe r = m.trainingRecipe();
        assertEquals("nesterovs", r.optimiser().name());
        assertEquals(0.8, r.optimiser().param("momentum"));
        assertEquals("step", r.schedule().name());
        assertEquals(8, r.batchSize());
        assertEquals(2, r.localEpochs());
        assertEquals(0.01, r.fedProxMu());
        assertEquals(0, r.minLocalSteps());
        assertEquals(8.16496580927726, r.preprocessing().getAsJsonArray("numeric").get(0).getAsJsonObject().get("scale").getAsDouble());
        // The client's hash of what it read is the chaincode's: the one a provider names in its update.
        assertEquals(r.hash(), m.recipeHash());
        assertNotEquals(TrainingRecipe.DEFAULT.hash(), m.recipeHash());
        // The same recipe written another way ("40" for "40.0", fields in another order) hashes alike.
        final JsonObject other = recipe(x -> x.getAsJsonObject("preprocessing").getAsJsonArray("numeric").get(0).getAsJsonObject()
                .addProperty("mean", 40));
        final String again = flow.publish(withRecipe(Specs.gossip(2), other));
        assertEquals(m.recipeHash(), model(again).recipeHash());
    }

    @Test
    void aFloorOnLocalStepsIsRecordedAndHashedAsTheClientsHashIt() {
        final ModelView m = model(flow.open(withRecipe(Specs.gossip(2), recipe(r -> r.addProperty("minLocalSteps", 30)))));
        assertEquals(30, m.trainingRecipe().minLocalSteps());
        assertEquals(m.trainingRecipe().hash(), m.recipeHash());
        assertNotEquals(model(flow.open(withRecipe(Specs.gossip(2), recipe()))).recipeHash(), m.recipeHash());
    }

    /** An image folder's preprocessing: the class folders' names and the input every image is resized to. */
    private static JsonObject images(final Consumer<JsonObject> change) {
        final JsonObject r = recipe(x -> x.add("preprocessing", JsonParser.parseString("""
                {"target": "folder", "classes": ["cat", "dog"], "numeric": [], "categorical": [],
                 "image": {"channels": 3, "height": 32, "width": 32}}""")));
        change.accept(r.getAsJsonObject("preprocessing"));
        return r;
    }

    @Test
    void anImageFoldersClassesAndSizeAreRecordedAndBounded() {
        final ModelView m = model(flow.publish(withRecipe(Specs.gossip(2), images(p -> { }))));
        final JsonObject image = m.trainingRecipe().preprocessing().getAsJsonObject("image");
        assertEquals(32, image.get("height").getAsInt());
        assertEquals(3, image.get("channels").getAsInt());
        assertEquals(m.trainingRecipe().hash(), m.recipeHash());
        final List<Consumer<JsonObject>> broken = List.of(
                p -> p.getAsJsonObject("image").addProperty("channels", 2),
                p -> p.getAsJsonObject("image").addProperty("height", 0),
                p -> p.getAsJsonObject("image").addProperty("width", 4097),
                p -> p.add("numeric", JsonParser.parseString("[{\"name\": \"age\", \"mean\": 1, \"scale\": 1}]")));
        for (final Consumer<JsonObject> change : broken) {
            final Result r = rejects(Rule.RECIPE_INVALID, "publisher", PUBLISH, withRecipe(Specs.gossip(2), images(change)).toString());
            assertTrue(r.message().contains("recipe.preprocessing.image"), r.message());
        }
        rejects(Rule.UNKNOWN_FIELD, "publisher", PUBLISH,
                withRecipe(Specs.gossip(2), images(p -> p.getAsJsonObject("image").addProperty("depth", 1))).toString());
    }

    @Test
    void aSpecWithoutARecipeTrainsWithTheDefaultOneAndPartialRecipesTakeItsDefaults() {
        final ModelView none = model(flow.publish(Specs.federated(2)));
        assertEquals(TrainingRecipe.DEFAULT.hash(), none.recipeHash());
        assertEquals(TrainingRecipe.DEFAULT, none.trainingRecipe());
        final JsonObject partial = new JsonObject();
        partial.addProperty("learningRate", 0.01);
        final ModelView m = model(flow.publish(withRecipe(Specs.federated(2), partial)));
        assertEquals(0.01, m.trainingRecipe().learningRate());
        assertEquals(32, m.trainingRecipe().batchSize());
        assertEquals(0.999, m.trainingRecipe().optimiser().param("beta2"));
        // Written out: the record does not depend on defaults that may change.
        assertEquals(0.9, m.recipe().getAsJsonObject("optimiser").getAsJsonObject("params").get("beta1").getAsDouble());
        assertEquals("constant", m.recipe().getAsJsonObject("schedule").get("name").getAsString());
    }

    /** A regression's preprocessing: no classes and the target's training statistics, recorded as sent. */
    @Test
    void aRegressionPreprocessingHasNoClassesAndTheTargetsStatistics() {
        final Consumer<JsonObject> regression = r -> {
            r.addProperty("loss", "mse");
            r.getAsJsonObject("preprocessing").add("classes", new JsonArray());
            r.getAsJsonObject("preprocessing").add("regressionTarget",
                    JsonParser.parseString("{\"name\": \"y\", \"mean\": 152.1, \"scale\": 77.0}"));
        };
        final ModelView m = model(flow.open(withRecipe(Specs.gossip(2), recipe(regression))));
        assertEquals(77.0, m.trainingRecipe().preprocessing().getAsJsonObject("regressionTarget").get("scale").getAsDouble());
        assertEquals(0, m.trainingRecipe().preprocessing().getAsJsonArray("classes").size());
        assertEquals(m.trainingRecipe().hash(), m.recipeHash());
        final List<Consumer<JsonObject>> broken = List.of(
                regression.andThen(r -> r.getAsJsonObject("preprocessing").getAsJsonArray("classes").add("a")),
                regression.andThen(r -> r.getAsJsonObject("preprocessing").getAsJsonObject("regressionTarget").addProperty("scale", 0)),
                regression.andThen(r -> r.getAsJsonObject("preprocessing").getAsJsonObject("regressionTarget").addProperty("name", "z")));
        for (final Consumer<JsonObject> change : broken) {
            final Result r = rejects(Rule.RECIPE_INVALID, "publisher", PUBLISH, withRecipe(Specs.gossip(2), recipe(change)).toString());
            assertTrue(r.message().contains("spec.recipe.preprocessing"), r.message());
        }
        // No classes without a regression target is a classification of no class, refused by the array's bounds.
        final Result none = rejects(Rule.INVALID_FIELD, "publisher", PUBLISH,
                withRecipe(Specs.gossip(2), recipe(r -> r.getAsJsonObject("preprocessing").add("classes", new JsonArray()))).toString());
        assertTrue(none.message().contains("classes must hold 2..256"), none.message());
    }

    @Test
    void boundsAreRefusedByNameBeforeAnythingIsWritten() {
        final List<Consumer<JsonObject>> broken = List.of(
                r -> r.addProperty("learningRate", 0),
                r -> r.addProperty("learningRate", 11),
                r -> r.addProperty("batchSize", 0),
                r -> r.addProperty("batchSize", 70_000),
                r -> r.addProperty("localEpochs", 0),
                r -> r.addProperty("localEpochs", 1001),
                r -> r.addProperty("fedProxMu", -0.1),
                r -> r.addProperty("minLocalSteps", -1),
                r -> r.addProperty("minLocalSteps", 1_000_001),
                r -> r.addProperty("loss", "hinge"),
                r -> r.getAsJsonObject("optimiser").addProperty("name", "rmsprop"),
                r -> r.getAsJsonObject("optimiser").getAsJsonObject("params").addProperty("momentum", 1),
                r -> r.getAsJsonObject("optimiser").getAsJsonObject("params").addProperty("beta1", 0.9),
                r -> r.getAsJsonObject("schedule").getAsJsonObject("params").addProperty("factor", 1.5),
                r -> r.getAsJsonObject("schedule").getAsJsonObject("params").addProperty("every", 2.5),
                r -> r.getAsJsonObject("schedule").getAsJsonObject("params").remove("every"),
                r -> r.getAsJsonObject("schedule").addProperty("name", "linear"),
                r -> r.getAsJsonObject("preprocessing").getAsJsonArray("numeric").get(0).getAsJsonObject().addProperty("scale", 0),
                r -> r.getAsJsonObject("preprocessing").getAsJsonArray("classes").add("no"),
                r -> r.getAsJsonObject("preprocessing").getAsJsonArray("categorical").get(0).getAsJsonObject().addProperty("name", "age"),
                r -> {
                    r.getAsJsonObject("preprocessing").add("numeric", new JsonArray());
                    r.getAsJsonObject("preprocessing").add("categorical", new JsonArray());
                });
        for (final Consumer<JsonObject> change : broken) {
            final Result r = rejects(Rule.RECIPE_INVALID, "publisher", PUBLISH, withRecipe(Specs.gossip(2), recipe(change)).toString());
            assertTrue(r.message().contains("spec.recipe."), r.message());
        }
        // The shape is checked like every other field: an unknown or mistyped field is refused as such.
        rejects(Rule.UNKNOWN_FIELD, "publisher", PUBLISH, withRecipe(Specs.gossip(2), recipe(r -> r.addProperty("epochs", 2))).toString());
        rejects(Rule.INVALID_FIELD, "publisher", PUBLISH, withRecipe(Specs.gossip(2), recipe(r -> r.addProperty("batchSize", "8"))).toString());
        rejects(Rule.MISSING_FIELD, "publisher", PUBLISH,
                withRecipe(Specs.gossip(2), recipe(r -> r.getAsJsonObject("preprocessing").remove("target"))).toString());
    }

    @Test
    void anUpdateMustNameTheModelsRecipe() {
        final String id = flow.open(withRecipe(Specs.gossip(2), recipe()));
        final String hash = model(id).recipeHash();
        // Trained on the default recipe instead (the provider's own options): refused by name, nothing written.
        final Result other = rejects(Rule.RECIPE_MISMATCH, "provider1", SUBMIT, update(id, Specs.cid("w1"), TrainingRecipe.DEFAULT.hash()));
        assertTrue(other.message().contains(hash), other.message());
        // A tampered hash is the same refusal; a hash that is not one is malformed.
        final String tampered = (hash.charAt(0) == 'a' ? "b" : "a") + hash.substring(1);
        rejects(Rule.RECIPE_MISMATCH, "provider1", SUBMIT, update(id, Specs.cid("w1"), tampered));
        rejects(Rule.INVALID_HASH, "provider1", SUBMIT, update(id, Specs.cid("w1"), "not-a-hash"));
        final JsonObject without = JsonParser.parseString(update(id, Specs.cid("w1"), hash)).getAsJsonObject();
        without.remove("recipeHash");
        rejects(Rule.MISSING_FIELD, "provider1", SUBMIT, without.toString());
        // The model's recipe: recorded with the update.
        final UpdateView u = new Gson().fromJson(chain.ok("provider1", SUBMIT, update(id, Specs.cid("w1"), hash)).object(), UpdateView.class);
        assertEquals(hash, u.recipeHash());
    }
}
