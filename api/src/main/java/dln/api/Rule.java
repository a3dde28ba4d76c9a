package dln.api;

/**
 * Every rule the ledger enforces. The constant's name is the error code clients match on: the
 * chaincode puts it in the error payload and as the first word of the message.
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
    // the training recipe (docs/models-and-data.md): a recipe out of bounds, an update trained on another recipe than the model's
    RECIPE_INVALID, RECIPE_MISMATCH,
    // updates
    NOT_FEDERATED, WRONG_ROUND, ROUND_CLOSED, ROUND_DEADLINE_PASSED, DUPLICATE_UPDATE_IN_ROUND,
    PARENT_NOT_FOUND, PARENT_OF_OTHER_MODEL, PARENT_NOT_ACCEPTED, DUPLICATE_PARENT, TOO_MANY_PARENTS,
    PARENTS_NOT_ROUND_SET, WEIGHTS_ALREADY_RECORDED, QUORUM_UNREACHABLE, SUBMISSIONS_CLOSED,
    // differential privacy: an update of a DP model without its mechanism, one weaker than the policy, a wrong epsilon, a spent budget
    PRIVACY_RECORD_REQUIRED, PRIVACY_BELOW_POLICY, PRIVACY_SPEND_MISMATCH, PRIVACY_BUDGET_EXCEEDED,
    // secure aggregation (docs/privacy.md): a policy it cannot serve, a plain update to a secure model, a step out of turn,
    // a caller outside the round's set, a step done twice, shares not one per provider, fewer than the threshold,
    // a share that does not open or does not match its sender's commitment (naming whoever is at fault)
    SECURE_AGGREGATION_INCOMPATIBLE, SECURE_AGGREGATION_REQUIRED, NOT_SECURE_AGGREGATION, SECAGG_WRONG_PHASE, SECAGG_NOT_IN_SET,
    SECAGG_ALREADY_DONE, SECAGG_SHARE_COUNT, SECAGG_BELOW_THRESHOLD, SECAGG_SHARE_INVALID, COMMITTEE_CANNOT_SUBMIT,
    // scores
    PUBLISHER_CANNOT_SCORE, SELF_SCORING, DUPLICATE_SCORE, UPDATE_NOT_PENDING, SCORE_OUT_OF_RANGE,
    UNAVAILABLE_SCORE_HAS_VALUE, CONTRIBUTION_REQUIRED, SCORING_NOT_STARTED,
    EMPTY_SCORE_BATCH, DUPLICATE_IN_BATCH, SCORE_BATCH_TOO_LARGE, SCORE_BATCH_SPANS_ROUNDS,
    // rounds and aggregates
    ROUND_DEADLINE_NOT_REACHED, ROUND_NOT_CLOSED, ROUND_NOT_OPEN, TOO_FEW_SUBMISSIONS, NO_ACCEPTED_UPDATES, AGGREGATE_ALREADY_RECORDED,
    AGGREGATE_NOT_RECORDED, AGGREGATION_UNDEFINED, DISPUTE_MATCHES_AGGREGATE, STATE_CID_NOT_EXPECTED, STATE_CID_REQUIRED, SELF_DISPUTE, DUPLICATE_DISPUTE,
    // the call itself, checked before anything is read
    UNKNOWN_TRANSACTION, WRONG_ARGUMENT_COUNT, ARGUMENT_NOT_UTF8, QUERY_CANNOT_WRITE, PROBE_DISABLED,
    // who may call
    NOT_ROUND_PARTICIPANT, PUBLISHER_CANNOT_SUBMIT, NOT_CLIENT_CERTIFICATE,
    // the test network's probe contract
    PROBE_KEY_INVALID, PROBE_VALUE_INVALID, PROBE_KEY_NOT_FOUND

}
