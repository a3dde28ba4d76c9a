package dln.chaincode.model;

import dln.api.Metric;
import dln.api.Mode;
import dln.api.ModelStatus;
import dln.api.TrainingRecipe;
import com.google.gson.JsonObject;
import dln.chaincode.identity.Identity;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A published model and its rules. {@code rounds} is set only in federated mode, {@code gossip}
 * only in gossip mode; {@code currentRound} is 0 until a federated model opens. {@code privacy}
 * is null unless the model requires differentially private updates; {@code secureAggregation} is
 * null unless its rounds aggregate masked updates (docs/privacy.md). {@code recipe} is the training
 * recipe in the ledger's form ({@link TrainingRecipe#toLedger()}), {@code recipeHash} its SHA-256,
 * which every update must name.
 */
@DataType
public record Model(
        @Property String id,
        @Property String name,
        Identity publisher,
        JsonObject architecture,
        @Property String architectureHash,
        @Property String initialWeightsCid,
        Metric metric,
        Mode mode,
        Aggregation aggregation,
        Acceptance acceptance,
        Weighting weighting,
        Optimiser optimiser,
        @Property int approvalQuorum,
        List<Member> committee,
        RoundSettings rounds,
        GossipSettings gossip,
        ModelStatus status,
        List<Vote> votes,
        @Property int currentRound,
        @Property String createdAt,
        @Property String openedAt,
        @Property String closedAt,
        PrivacyPolicy privacy,
        SecureAggregationPolicy secureAggregation,
        JsonObject recipe,
        @Property String recipeHash) {

    public Model {
        committee = List.copyOf(committee);
        votes = List.copyOf(votes);
        weighting = weighting == null ? Weighting.CLAIMED : weighting;
        optimiser = optimiser == null ? Optimiser.NONE : optimiser;
        if (recipe == null) {
            // Stored before the recipe was on the ledger: it trains with the default recipe (docs/models-and-data.md).
            recipe = TrainingRecipe.DEFAULT.toLedger();
            recipeHash = TrainingRecipe.DEFAULT.hash();
        }
    }

    /** True when every update must come from DP-SGD within the policy's budget. */
    public boolean requiresPrivacy() {
        return privacy != null;
    }

    /** True when rounds aggregate masked updates and the committee scores only their aggregate. */
    public boolean securelyAggregated() {
        return secureAggregation != null;
    }

    /** Decided updates that close a round: a securely aggregated round has one, its aggregate. */
    public int updatesToCloseRound() {
        return securelyAggregated() ? 1 : rounds.minUpdates();
    }

    public Optional<Member> member(final Identity who) {
        return committee.stream().filter(m -> m.identity().equals(who)).findFirst();
    }

    public boolean hasVoted(final Identity who) {
        return votes.stream().anyMatch(v -> v.member().equals(who));
    }

    public long approvals() {
        return votes.stream().filter(Vote::approve).count();
    }

    public long declines() {
        return votes.stream().filter(v -> !v.approve()).count();
    }

    public Model withVote(final Vote vote) {
        final List<Vote> all = new ArrayList<>(votes);
        all.add(vote);
        return new Model(id, name, publisher, architecture, architectureHash, initialWeightsCid, metric, mode, aggregation,
                acceptance, weighting, optimiser, approvalQuorum, committee, rounds, gossip, status, all, currentRound, createdAt, openedAt, closedAt, privacy, secureAggregation, recipe, recipeHash);
    }

    public Model opened(final String at) {
        return new Model(id, name, publisher, architecture, architectureHash, initialWeightsCid, metric, mode, aggregation,
                acceptance, weighting, optimiser, approvalQuorum, committee, rounds, gossip, ModelStatus.OPEN, votes,
                mode == Mode.FEDERATED ? 1 : 0, createdAt, at, closedAt, privacy, secureAggregation, recipe, recipeHash);
    }

    public Model finished(final ModelStatus finalStatus, final String at) {
        return new Model(id, name, publisher, architecture, architectureHash, initialWeightsCid, metric, mode, aggregation,
                acceptance, weighting, optimiser, approvalQuorum, committee, rounds, gossip, finalStatus, votes, currentRound, createdAt, openedAt, at, privacy, secureAggregation, recipe, recipeHash);
    }

    public Model inRound(final int round) {
        return new Model(id, name, publisher, architecture, architectureHash, initialWeightsCid, metric, mode, aggregation,
                acceptance, weighting, optimiser, approvalQuorum, committee, rounds, gossip, status, votes, round, createdAt, openedAt, closedAt, privacy, secureAggregation, recipe, recipeHash);
    }

    /** JsonObject is mutable; hand out copies so a record stays a value. */
    @Override
    public JsonObject architecture() {
        return architecture == null ? null : architecture.deepCopy();
    }

    /** JsonObject is mutable; hand out copies so a record stays a value. */
    @Override
    public JsonObject recipe() {
        return recipe.deepCopy();
    }
}
