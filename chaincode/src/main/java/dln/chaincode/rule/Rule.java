package dln.chaincode.rule;

import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ChaincodeException;

/**
 * Every rule the ledger enforces. The constant's name is the error code clients match on: it is
 * the ChaincodeException payload and the first word of the message.
 */
public enum Rule {
    // malformed input
    INVALID_JSON, UNKNOWN_FIELD, MISSING_FIELD, INVALID_FIELD, TOO_LARGE, INVALID_CID, INVALID_HASH,
    INVALID_CERTIFICATE, INVALID_ID, INVALID_BOOKMARK,
    // not found
    MODEL_NOT_FOUND, UPDATE_NOT_FOUND, ROUND_NOT_FOUND,
    // publishing and model lifecycle
    PUBLISHER_IN_COMMITTEE, DUPLICATE_COMMITTEE_MEMBER, POLICY_INCOHERENT, ARCHITECTURE_HASH_MISMATCH,
    NOT_COMMITTEE_MEMBER, ALREADY_VOTED, MODEL_NOT_PROPOSED, MODEL_NOT_OPEN, MODEL_ALREADY_FINAL, NOT_PUBLISHER,
    // updates
    NOT_FEDERATED, WRONG_ROUND, ROUND_CLOSED, ROUND_DEADLINE_PASSED, DUPLICATE_UPDATE_IN_ROUND,
    PARENT_NOT_FOUND, PARENT_OF_OTHER_MODEL, PARENT_NOT_ACCEPTED, DUPLICATE_PARENT, TOO_MANY_PARENTS,
    PARENTS_NOT_ROUND_SET, WEIGHTS_ALREADY_RECORDED, QUORUM_UNREACHABLE,
    // scores
    PUBLISHER_CANNOT_SCORE, SELF_SCORING, DUPLICATE_SCORE, UPDATE_NOT_PENDING, SCORE_OUT_OF_RANGE,
    // rounds and aggregates
    ROUND_DEADLINE_NOT_REACHED, ROUND_NOT_CLOSED, NO_ACCEPTED_UPDATES, AGGREGATE_ALREADY_RECORDED,
    AGGREGATE_NOT_RECORDED, DISPUTE_MATCHES_AGGREGATE, SELF_DISPUTE, DUPLICATE_DISPUTE;

    /** The exception to throw: message "CODE: what to fix", payload "CODE". */
    public ChaincodeException fail(final String whatToFix) {
        return new ChaincodeException(name() + ": " + whatToFix, name().getBytes(StandardCharsets.UTF_8));
    }
}
