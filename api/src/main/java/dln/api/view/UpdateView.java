package dln.api.view;

import dln.api.UpdateStatus;
import java.util.List;

/**
 * An update as the chaincode returns it. {@code round} is 0 in gossip mode; {@code contribution}
 * is the median of the members' measured loss decreases (nats), null when not measured;
 * {@code privacy} is null on models that do not require differential privacy; {@code recipeHash} is
 * the hash of the training recipe the provider declares it trained with (the model's: the chaincode
 * refuses any other), null on the round aggregate of a securely aggregated model; {@code transfers}
 * is null when the provider declared no IPFS times. {@code track} is the submitter's record on the
 * model when it submitted (the chaincode copies it in the submission), null on updates stored before
 * it existed and on a secure round's aggregate: a newcomer's.
 */
public record UpdateView(
        String id,
        String modelId,
        LedgerIdentity submitter,
        String weightsCid,
        List<String> parents,
        int round,
        long samples,
        long trainingMillis,
        UpdateStatus status,
        Double score,
        String submittedAt,
        String decidedAt,
        Double contribution,
        Privacy privacy,
        String recipeHash,
        Transfers transfers,
        Track track) {

    /** An update without a track record (the shape before the track was copied into updates). */
    public UpdateView(String id, String modelId, LedgerIdentity submitter, String weightsCid, List<String> parents, int round, long samples,
            long trainingMillis, UpdateStatus status, Double score, String submittedAt, String decidedAt, Double contribution, Privacy privacy,
            String recipeHash, Transfers transfers) {
        this(id, modelId, submitter, weightsCid, parents, round, samples, trainingMillis, status, score, submittedAt, decidedAt, contribution,
                privacy, recipeHash, transfers, null);
    }

    /** An update without declared IPFS times. */
    public UpdateView(String id, String modelId, LedgerIdentity submitter, String weightsCid, List<String> parents, int round, long samples,
            long trainingMillis, UpdateStatus status, Double score, String submittedAt, String decidedAt, Double contribution, Privacy privacy,
            String recipeHash) {
        this(id, modelId, submitter, weightsCid, parents, round, samples, trainingMillis, status, score, submittedAt, decidedAt, contribution,
                privacy, recipeHash, null);
    }

    /** An update without a recipe hash (the shape before the recipe was on the ledger). */
    public UpdateView(String id, String modelId, LedgerIdentity submitter, String weightsCid, List<String> parents, int round, long samples,
            long trainingMillis, UpdateStatus status, Double score, String submittedAt, String decidedAt, Double contribution, Privacy privacy) {
        this(id, modelId, submitter, weightsCid, parents, round, samples, trainingMillis, status, score, submittedAt, decidedAt, contribution,
                privacy, null, null);
    }

    /** An update without a privacy record (the shape before privacy existed). */
    public UpdateView(String id, String modelId, LedgerIdentity submitter, String weightsCid, List<String> parents, int round, long samples,
            long trainingMillis, UpdateStatus status, Double score, String submittedAt, String decidedAt, Double contribution) {
        this(id, modelId, submitter, weightsCid, parents, round, samples, trainingMillis, status, score, submittedAt, decidedAt, contribution, null, null, null);
    }

    /**
     * Where the provider says its step spent time on IPFS: fetching the start weights and
     * uploading the trained ones. A claim shown on the console's timing page, never used to decide.
     */
    public record Transfers(long fetchMillis, long uploadMillis) {
        /** Both together. */
        public long totalMillis() {
            return fetchMillis + uploadMillis;
        }
    }

    /**
     * The DP-SGD run behind an update and its provider's epsilon on the model with it included, as
     * the chaincode recomputed it (dln.api.privacy.RdpAccountant#DLN at the model's delta).
     */
    public record Privacy(double noiseMultiplier, double clip, double samplingRate, long steps, double epsilon) {
        /** The run, for accounting. */
        public dln.api.privacy.DpSgdRun run() {
            return new dln.api.privacy.DpSgdRun(samplingRate, noiseMultiplier, clip, steps);
        }
    }

    /**
     * How many of a provider's earlier updates on one model the committee accepted and rejected,
     * as the ledger counted them when this update was submitted.
     */
    public record Track(long accepted, long rejected) {
        /** A provider with no decided update yet. */
        public static final Track NEWCOMER = new Track(0, 0);

        /**
         * The share of its updates accepted, with one of each counted beforehand (Laplace's rule, the
         * mean of a Beta(1, 1) prior updated by the record): 1/2 for a newcomer, so a fresh identity
         * weighs no more than one accepted and rejected equally often.
         */
        public double share() {
            return (accepted + 1.0) / (accepted + rejected + 2.0);
        }
    }

    /** The submitter's track record, a newcomer's when none was copied. */
    public Track trackOrNewcomer() {
        return track == null ? Track.NEWCOMER : track;
    }

    /** The parent id that stands for the model's initial weights. */
    public static final String INITIAL = "initial";

    public boolean accepted() {
        return status == UpdateStatus.ACCEPTED;
    }

    public boolean pending() {
        return status == UpdateStatus.PENDING;
    }
}
