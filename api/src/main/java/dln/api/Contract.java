package dln.api;

/** The chaincode's contracts, one per concern; a transaction is addressed as "contract:Name". */
public enum Contract implements WireName {
    MODEL, UPDATE, SCORE, ROUND, SECAGG, QUERY, PROBE;

    // Compile-time constants, so the chaincode's @Contract(name = ...) can name them.
    public static final String MODEL_NAME = "model";
    public static final String UPDATE_NAME = "update";
    public static final String SCORE_NAME = "score";
    public static final String ROUND_NAME = "round";
    public static final String SECAGG_NAME = "secagg";
    public static final String QUERY_NAME = "query";
    public static final String PROBE_NAME = "probe";

    /** The wire form, so the constant prints as the ledger and the command line spell it. */
    @Override
    public String toString() {
        return wire();
    }
}
