package dln.api;

/**
 * Every transaction and query of the dln chaincode: the one place their names are spelled. The
 * chaincode's annotations name these constants, and the clients address the chaincode through
 * them; a test fails when the two sets differ.
 */
public enum Tx {
    PUBLISH_MODEL(Contract.MODEL, Tx.PUBLISH_MODEL_NAME, true),
    APPROVE_MODEL(Contract.MODEL, Tx.APPROVE_MODEL_NAME, true),
    DECLINE_MODEL(Contract.MODEL, Tx.DECLINE_MODEL_NAME, true),
    CLOSE_MODEL(Contract.MODEL, Tx.CLOSE_MODEL_NAME, true),
    SUBMIT_UPDATE(Contract.UPDATE, Tx.SUBMIT_UPDATE_NAME, true),
    SUBMIT_SCORE(Contract.SCORE, Tx.SUBMIT_SCORE_NAME, true),
    SUBMIT_SCORES(Contract.SCORE, Tx.SUBMIT_SCORES_NAME, true),
    CLOSE_ROUND(Contract.ROUND, Tx.CLOSE_ROUND_NAME, true),
    START_SCORING(Contract.ROUND, Tx.START_SCORING_NAME, true),
    ABSTAIN(Contract.ROUND, Tx.ABSTAIN_NAME, true),
    RECORD_AGGREGATE(Contract.ROUND, Tx.RECORD_AGGREGATE_NAME, true),
    DISPUTE_AGGREGATE(Contract.ROUND, Tx.DISPUTE_AGGREGATE_NAME, true),
    ADVERTISE_MASK_KEY(Contract.SECAGG, Tx.ADVERTISE_MASK_KEY_NAME, true),
    SHARE_SECRETS(Contract.SECAGG, Tx.SHARE_SECRETS_NAME, true),
    SUBMIT_MASKED(Contract.SECAGG, Tx.SUBMIT_MASKED_NAME, true),
    REVEAL_SHARES(Contract.SECAGG, Tx.REVEAL_SHARES_NAME, true),
    ADVANCE_SECURE_ROUND(Contract.SECAGG, Tx.ADVANCE_SECURE_ROUND_NAME, true),
    RECORD_SECURE_AGGREGATE(Contract.SECAGG, Tx.RECORD_SECURE_AGGREGATE_NAME, true),
    GET_MODEL(Contract.QUERY, Tx.GET_MODEL_NAME, false),
    LIST_MODELS(Contract.QUERY, Tx.LIST_MODELS_NAME, false),
    GET_UPDATE(Contract.QUERY, Tx.GET_UPDATE_NAME, false),
    LIST_UPDATES(Contract.QUERY, Tx.LIST_UPDATES_NAME, false),
    GET_SCORES(Contract.QUERY, Tx.GET_SCORES_NAME, false),
    GET_LINEAGE(Contract.QUERY, Tx.GET_LINEAGE_NAME, false),
    GET_CHILDREN(Contract.QUERY, Tx.GET_CHILDREN_NAME, false),
    GET_DAG(Contract.QUERY, Tx.GET_DAG_NAME, false),
    LIST_BEST_ACCEPTED(Contract.QUERY, Tx.LIST_BEST_ACCEPTED_NAME, false),
    LIST_RECENT_ACCEPTED(Contract.QUERY, Tx.LIST_RECENT_ACCEPTED_NAME, false),
    LIST_SUBMITTED_BY(Contract.QUERY, Tx.LIST_SUBMITTED_BY_NAME, false),
    LIST_UNSCORED_BY(Contract.QUERY, Tx.LIST_UNSCORED_BY_NAME, false),
    GET_MEMBER_WORK(Contract.QUERY, Tx.GET_MEMBER_WORK_NAME, false),
    GET_PROVIDER_WORK(Contract.QUERY, Tx.GET_PROVIDER_WORK_NAME, false),
    GET_ROUND(Contract.QUERY, Tx.GET_ROUND_NAME, false),
    GET_REPUTATION(Contract.QUERY, Tx.GET_REPUTATION_NAME, false),
    GET_SECURE_ROUND(Contract.QUERY, Tx.GET_SECURE_ROUND_NAME, false),
    PROBE_PUT(Contract.PROBE, Tx.PROBE_PUT_NAME, true),
    PROBE_GET(Contract.PROBE, Tx.PROBE_GET_NAME, false);

    // Compile-time constants, so the chaincode's @Transaction(name = ...) can name them.
    public static final String PUBLISH_MODEL_NAME = "PublishModel";
    public static final String APPROVE_MODEL_NAME = "ApproveModel";
    public static final String DECLINE_MODEL_NAME = "DeclineModel";
    public static final String CLOSE_MODEL_NAME = "CloseModel";
    public static final String SUBMIT_UPDATE_NAME = "SubmitUpdate";
    public static final String SUBMIT_SCORE_NAME = "SubmitScore";
    public static final String SUBMIT_SCORES_NAME = "SubmitScores";
    public static final String CLOSE_ROUND_NAME = "CloseRound";
    public static final String START_SCORING_NAME = "StartScoring";
    public static final String ABSTAIN_NAME = "Abstain";
    public static final String RECORD_AGGREGATE_NAME = "RecordAggregate";
    public static final String DISPUTE_AGGREGATE_NAME = "DisputeAggregate";
    public static final String ADVERTISE_MASK_KEY_NAME = "AdvertiseMaskKey";
    public static final String SHARE_SECRETS_NAME = "ShareSecrets";
    public static final String SUBMIT_MASKED_NAME = "SubmitMasked";
    public static final String REVEAL_SHARES_NAME = "RevealShares";
    public static final String GET_MEMBER_WORK_NAME = "GetMemberWork";
    public static final String GET_PROVIDER_WORK_NAME = "GetProviderWork";
    public static final String ADVANCE_SECURE_ROUND_NAME = "AdvanceSecureRound";
    public static final String RECORD_SECURE_AGGREGATE_NAME = "RecordSecureAggregate";
    public static final String GET_MODEL_NAME = "GetModel";
    public static final String LIST_MODELS_NAME = "ListModels";
    public static final String GET_UPDATE_NAME = "GetUpdate";
    public static final String LIST_UPDATES_NAME = "ListUpdates";
    public static final String GET_SCORES_NAME = "GetScores";
    public static final String GET_LINEAGE_NAME = "GetLineage";
    public static final String GET_CHILDREN_NAME = "GetChildren";
    public static final String GET_DAG_NAME = "GetDag";
    public static final String LIST_BEST_ACCEPTED_NAME = "ListBestAccepted";
    public static final String LIST_RECENT_ACCEPTED_NAME = "ListRecentAccepted";
    public static final String LIST_SUBMITTED_BY_NAME = "ListSubmittedBy";
    public static final String LIST_UNSCORED_BY_NAME = "ListUnscoredBy";
    public static final String GET_ROUND_NAME = "GetRound";
    public static final String GET_REPUTATION_NAME = "GetReputation";
    public static final String GET_SECURE_ROUND_NAME = "GetSecureRound";
    public static final String PROBE_PUT_NAME = "Put";
    public static final String PROBE_GET_NAME = "Get";

    private final Contract contract;
    private final String txName;
    private final boolean submit;

    Tx(final Contract contract, final String txName, final boolean submit) {
        this.contract = contract;
        this.txName = txName;
        this.submit = submit;
    }

    /** The contract that serves it. */
    public Contract contract() {
        return contract;
    }

    /** The transaction's name within its contract, e.g. "SubmitUpdate". */
    public String txName() {
        return txName;
    }

    /** True for transactions that write (ordered and committed), false for queries. */
    public boolean submit() {
        return submit;
    }

    /** "contract:Name", the form the chaincode routes and errors name. */
    public String qualified() {
        return contract.wire() + ":" + txName;
    }
}
