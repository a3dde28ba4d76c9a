package dln.chaincode.model;

import dln.api.WeightingPolicy;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * Where an update's aggregation weight comes from (a provider's sample count is only its own
 * claim): {@code policy}, the fixed {@code cap} of the capped policy (0 otherwise), and whether the
 * updates of one organisation share one organisation's weight, so that Sybil identities of one
 * member gain nothing. {@code trust} is the power of the submitter's accepted share (its track, copied
 * into the update) each weight is scaled by; 0 leaves tracks out, as on models stored before it.
 * Every participant applies it locally, like the rule; the ledger records it.
 */
@DataType
public record Weighting(WeightingPolicy policy, @Property long cap, @Property boolean perOrganisation, @Property double trust) {

    /** Models stored before weighting existed: the claims, as plain FedAvg. */
    public static final Weighting CLAIMED = new Weighting(WeightingPolicy.CLAIMED, 0, false, 0);
}
