package dln.chaincode.update;

import dln.api.UpdateStatus;
import dln.chaincode.identity.Identity;
import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A provider's trained weights and where they came from. {@code parents} is sorted and holds
 * update ids or "initial" (the model's initial weights); {@code round} is 0 in gossip mode;
 * {@code score} and {@code decidedAt} stay null until the quorum decides; {@code contribution}
 * (the median of the members' paired loss decreases, in nats) is set then when the members measured it.
 * {@code privacy} is the DP-SGD mechanism and the provider's epsilon so far, on models that require DP.
 * {@code recipeHash} is the training recipe the provider trained with (always the model's: SubmitUpdate
 * refuses another); null on a secure round's aggregate and on updates stored before the recipe existed.
 * {@code transfers} is the provider's declared IPFS time, null when it declared none. {@code track} is
 * the provider's record on the model when it submitted (its own key, read by the submission), which
 * trust weighting scales the update's weight by; null on a secure round's aggregate and on updates
 * stored before it existed.
 */
@DataType
public record Update(
        @Property String id,
        @Property String modelId,
        Identity submitter,
        @Property String weightsCid,
        List<String> parents,
        @Property int round,
        @Property long samples,
        @Property long trainingMillis,
        UpdateStatus status,
        Double score,
        @Property String submittedAt,
        @Property String decidedAt,
        Double contribution,
        PrivacyRecord privacy,
        @Property String recipeHash,
        TransferTimes transfers,
        dln.chaincode.reputation.Track track) {

    public Update {
        parents = List.copyOf(parents);
    }

    public Update decided(final UpdateStatus outcome, final Double combined, final String at) {
        return decided(outcome, combined, null, at);
    }

    /** @param contributionMedian the median of the members' contributions (loss decrease, nats), or null */
    public Update decided(final UpdateStatus outcome, final Double combined, final Double contributionMedian, final String at) {
        return new Update(id, modelId, submitter, weightsCid, parents, round, samples, trainingMillis, outcome, combined, submittedAt, at,
                contributionMedian, privacy, recipeHash, transfers, track);
    }
}
