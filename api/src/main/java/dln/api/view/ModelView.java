package dln.api.view;

import com.google.gson.JsonObject;
import dln.api.Combine;
import dln.api.Metric;
import dln.api.Mode;
import dln.api.UnavailablePolicy;
import dln.api.ModelStatus;
import java.util.List;

/** A model as the chaincode returns it (docs/ledger.md, Model). */
public record ModelView(
        String id,
        String name,
        LedgerIdentity publisher,
        JsonObject architecture,
        String architectureHash,
        String initialWeightsCid,
        Metric metric,
        Mode mode,
        Aggregation aggregation,
        Acceptance acceptance,
        Weighting weighting,
        Optimiser optimiser,
        int approvalQuorum,
        List<Member> committee,
        RoundSettings rounds,
        GossipSettings gossip,
        ModelStatus status,
        List<Vote> votes,
        int currentRound,
        String createdAt,
        String openedAt,
        String closedAt,
        Privacy privacy,
        SecureAggregation secureAggregation,
        JsonObject recipe,
        String recipeHash) {

    /** A model without a training recipe of its own (the shape before the recipe was on the ledger). */
    public ModelView(String id, String name, LedgerIdentity publisher, JsonObject architecture, String architectureHash, String initialWeightsCid,
            Metric metric, Mode mode, Aggregation aggregation, Acceptance acceptance, Weighting weighting, Optimiser optimiser, int approvalQuorum,
            List<Member> committee, RoundSettings rounds, GossipSettings gossip, ModelStatus status, List<Vote> votes, int currentRound,
            String createdAt, String openedAt, String closedAt, Privacy privacy, SecureAggregation secureAggregation) {
        this(id, name, publisher, architecture, architectureHash, initialWeightsCid, metric, mode, aggregation, acceptance, weighting, optimiser,
                approvalQuorum, committee, rounds, gossip, status, votes, currentRound, createdAt, openedAt, closedAt, privacy, secureAggregation,
                null, null);
    }

    /** A model without a privacy policy (the shape before privacy existed). */
    public ModelView(String id, String name, LedgerIdentity publisher, JsonObject architecture, String architectureHash, String initialWeightsCid,
            Metric metric, Mode mode, Aggregation aggregation, Acceptance acceptance, Weighting weighting, Optimiser optimiser, int approvalQuorum,
            List<Member> committee, RoundSettings rounds, GossipSettings gossip, ModelStatus status, List<Vote> votes, int currentRound,
            String createdAt, String openedAt, String closedAt) {
        this(id, name, publisher, architecture, architectureHash, initialWeightsCid, metric, mode, aggregation, acceptance, weighting, optimiser,
                approvalQuorum, committee, rounds, gossip, status, votes, currentRound, createdAt, openedAt, closedAt, null, null, null, null);
    }

    /** A model without secure aggregation (the shape before it existed). */
    public ModelView(String id, String name, LedgerIdentity publisher, JsonObject architecture, String architectureHash, String initialWeightsCid,
            Metric metric, Mode mode, Aggregation aggregation, Acceptance acceptance, Weighting weighting, Optimiser optimiser, int approvalQuorum,
            List<Member> committee, RoundSettings rounds, GossipSettings gossip, ModelStatus status, List<Vote> votes, int currentRound,
            String createdAt, String openedAt, String closedAt, Privacy privacy) {
        this(id, name, publisher, architecture, architectureHash, initialWeightsCid, metric, mode, aggregation, acceptance, weighting, optimiser,
                approvalQuorum, committee, rounds, gossip, status, votes, currentRound, createdAt, openedAt, closedAt, privacy, null, null, null);
    }

    /**
     * The model's secure aggregation (docs/privacy.md): providers send masked updates, and a
     * round's aggregate, the mean of the survivors, is recovered once {@code threshold} of them
     * revealed their shares; the committee scores that aggregate. Null: updates are scored one by one.
     */
    public record SecureAggregation(int threshold) {}

    /** True when rounds aggregate masked updates and the committee scores only their aggregate. */
    public boolean securelyAggregated() {
        return secureAggregation != null;
    }

    /**
     * The model's differential-privacy requirement (docs/privacy.md): updates from DP-SGD with at
     * least {@code noiseMultiplier} and exactly {@code clip}, each provider's epsilon at
     * {@code delta} at most {@code epsilon}. Null when the model does not require DP.
     */
    public record Privacy(double epsilon, double delta, double clip, double noiseMultiplier) {}

    /** True when updates must be differentially private. */
    public boolean requiresPrivacy() {
        return privacy != null;
    }

    /** The rule every participant applies locally, with its numeric parameters. */
    public record Aggregation(String rule, JsonObject params) {}

    /** How scores decide an update; {@code unavailable} is null on models published before it existed (abstain). */
    public record Acceptance(int quorum, double threshold, Combine combine, UnavailablePolicy unavailable, dln.api.AcceptancePolicy policy,
                             double tolerance) {
        /** True under the contribution policy (null on models published before it: threshold). */
        public boolean byContribution() {
            return policy == dln.api.AcceptancePolicy.CONTRIBUTION;
        }
    }

    /**
     * Where aggregation weights come from; null on models published before it (claimed).
     * {@code trust} is the power to which each update's weight is scaled by its submitter's
     * accepted share ({@link UpdateView.Track#share()}); 0 (and models published before it) leaves
     * the track out.
     */
    public record Weighting(dln.api.WeightingPolicy policy, long cap, boolean perOrganisation, double trust) {
        /** Plain FedAvg's: the claims as they are. */
        public static final Weighting CLAIMED = new Weighting(dln.api.WeightingPolicy.CLAIMED, 0, false);

        /** The largest trust power a spec may name: at 8 an identity accepted half as often as another keeps 1/256 of its weight. */
        public static final double MAX_TRUST = 8;

        /** A weighting without trust. */
        public Weighting(final dln.api.WeightingPolicy policy, final long cap, final boolean perOrganisation) {
            this(policy, cap, perOrganisation, 0);
        }

        /** This weighting with its trust left out: the claims bounded and shared as before. */
        public Weighting withoutTrust() {
            return trust == 0 ? this : new Weighting(policy, cap, perOrganisation);
        }
    }

    /** A committee member and the fragment encrypted to its key. */
    public record Member(LedgerIdentity identity, String publicKeyPem, String certificateSha256, Fragment fragment) {}

    /** Where a member's encrypted validation fragment is, and what its plaintext hashes to. */
    public record Fragment(String cid, String sha256, long samples) {}

    /** A member's verdict on the proposed model. */
    public record Vote(LedgerIdentity member, boolean approve, String reason, String at) {}

    /** Federated mode settings. */
    public record RoundSettings(int minUpdates, long deadlineSeconds) {}

    /** Gossip mode settings. */
    public record GossipSettings(int maxParents) {}

    /** The server optimiser applied to each round's aggregate; null on models published before it (none). */
    public record Optimiser(String name, JsonObject params) {}

    /** The same model under another weighting (what a committee member judges updates with). */
    public ModelView withWeighting(final Weighting other) {
        return new ModelView(id, name, publisher, architecture, architectureHash, initialWeightsCid, metric, mode, aggregation, acceptance, other,
                optimiser, approvalQuorum, committee, rounds, gossip, status, votes, currentRound, createdAt, openedAt, closedAt, privacy,
                secureAggregation, recipe, recipeHash);
    }

    /** The weighting policy; plain claims for models published before it existed. */
    public Weighting weightingOrClaimed() {
        return weighting == null || weighting.policy() == null ? Weighting.CLAIMED : weighting;
    }

    /**
     * The training recipe every provider applies (docs/models-and-data.md, "The training recipe"):
     * the ledger's, or {@link dln.api.TrainingRecipe#DEFAULT} for a view built without one.
     *
     * @throws IllegalArgumentException when the recorded recipe is out of the bounds this client knows
     */
    public dln.api.TrainingRecipe trainingRecipe() {
        return recipe == null ? dln.api.TrainingRecipe.DEFAULT : dln.api.TrainingRecipe.fromLedger(recipe);
    }

    /** JsonObject is mutable; hand out copies so a record stays a value. */
    @Override
    public JsonObject recipe() {
        return recipe == null ? null : recipe.deepCopy();
    }

    /** True for federated (synchronous rounds) models. */
    public boolean federated() {
        return mode == Mode.FEDERATED;
    }

    /** True when higher scores are better (accuracy), false for loss. */
    public boolean higherIsBetter() {
        return metric.higherIsBetter();
    }

    /** True in {@code status}. */
    public boolean is(final ModelStatus s) {
        return status == s;
    }

    /** Whether {@code who} has approved or declined already. */
    public boolean hasVoted(final LedgerIdentity who) {
        return votes != null && votes.stream().anyMatch(v -> v.member().equals(who));
    }

    /** The committee entry of {@code who}, if it is a member. */
    public java.util.Optional<Member> member(final LedgerIdentity who) {
        return committee.stream().filter(m -> m.identity().equals(who)).findFirst();
    }
}
