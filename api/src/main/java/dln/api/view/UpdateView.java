package dln.api.view;

import dln.api.UpdateStatus;
import java.util.List;

/**
 * An update as the chaincode returns it. {@code round} is 0 in gossip mode; {@code contribution}
 * is the median of the members' measured loss decreases (nats), null when not measured;
 * {@code privacy} is null on models that do not require differential privacy; {@code recipeHash} is
 * the hash of the training recipe the provider declares it trained with (the model's: the chaincode
 * refuses any other), null on the round aggregate of a securely aggregated model; {@code transfers}
 * is null when the provider declared no IPFS times.
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
        Transfers transfers) {

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

    /** The parent id that stands for the model's initial weights. */
    public static final String INITIAL = "initial";

    public boolean accepted() {
        return status == UpdateStatus.ACCEPTED;
    }

    public boolean pending() {
        return status == UpdateStatus.PENDING;
    }
}
