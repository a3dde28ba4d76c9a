package dln.chaincode.testing;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import java.util.List;

/** The common steps of a learning session, each asserting success. */
public final class Flow {

    private final Chain chain;

    public Flow(final Chain chain) {
        this.chain = chain;
    }

    public String publish(final JsonObject spec) {
        return chain.ok("publisher", "model:PublishModel", spec.toString()).object().get("id").getAsString();
    }

    /** Publishes and has member1 and member2 approve (the default approval quorum of a 3-member committee). */
    public String open(final JsonObject spec) {
        final String id = publish(spec);
        chain.ok("member1", "model:ApproveModel", id);
        chain.ok("member2", "model:ApproveModel", id);
        return id;
    }

    public static String updateJson(final String modelId, final String cid, final List<String> parents, final int round) {
        final JsonObject o = new JsonObject();
        o.addProperty("modelId", modelId);
        o.addProperty("weightsCid", cid);
        final JsonArray p = new JsonArray();
        parents.forEach(p::add);
        o.add("parents", p);
        if (round > 0) {
            o.addProperty("round", round);
        }
        o.addProperty("samples", 1000);
        o.addProperty("trainingMillis", 1234);
        // The specs of these tests carry no recipe: their models train with the default one.
        o.addProperty("recipeHash", dln.api.TrainingRecipe.DEFAULT.hash());
        return o.toString();
    }

    public Result submit(final String who, final String modelId, final String cid, final List<String> parents, final int round) {
        return chain.call(who, "update:SubmitUpdate", updateJson(modelId, cid, parents, round));
    }

    public String submitOk(final String who, final String modelId, final String cid, final List<String> parents, final int round) {
        final Result r = submit(who, modelId, cid, parents, round);
        if (!r.ok()) {
            throw new AssertionError("SubmitUpdate failed: " + r.message());
        }
        return r.object().get("id").getAsString();
    }

    public static String scoreJson(final String updateId, final double value) {
        final JsonObject o = new JsonObject();
        o.addProperty("updateId", updateId);
        o.addProperty("value", value);
        o.addProperty("samples", 500);
        return o.toString();
    }

    public Result score(final String who, final String updateId, final double value) {
        return chain.call(who, "score:SubmitScore", scoreJson(updateId, value));
    }

    public Result scoreOk(final String who, final String updateId, final double value) {
        final Result r = score(who, updateId, value);
        if (!r.ok()) {
            throw new AssertionError("SubmitScore failed: " + r.message());
        }
        return r;
    }

    /** Two members score: with quorum 2 this decides the update. */
    public Result decide(final String updateId, final double value) {
        scoreOk("member1", updateId, value);
        return scoreOk("member2", updateId, value);
    }
}
