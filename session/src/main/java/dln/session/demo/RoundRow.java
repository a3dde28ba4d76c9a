package dln.session.demo;

/**
 * One line of the session table: a federated round or a gossip step.
 *
 * @param phase "federated" or "gossip"
 * @param step the round number, or the gossip step
 * @param accepted updates accepted
 * @param rejected updates rejected
 * @param poisonedRejected of the malicious providers' updates, how many were rejected
 * @param poisoned malicious updates submitted
 * @param testAccuracy the test metric of the round's aggregate (gossip: of the head) on the test set: accuracy, or for a
 *        regression its RMSE in the target's unit ({@link LearningSession.Result#metric} says which)
 * @param trainMillis time spent training
 * @param ipfsMillis time spent fetching the parents' weights and uploading new ones
 * @param ledgerMillis time spent reading the ledger (and aggregating, a few ms) and submitting updates
 * @param waitMillis time waiting for the committee's decisions after the last update committed
 * @param roundMillis the round's wall time, from the providers' start to the last decision; the
 *        providers' IPFS and ledger work mostly overlaps the others' training, so only part of it
 *        adds to the round
 */
public record RoundRow(String phase, int step, int accepted, int rejected, int poisonedRejected, int poisoned, double testAccuracy,
        long trainMillis, long ipfsMillis, long ledgerMillis, long waitMillis, long roundMillis) {

    /** Everything in the round that is not training: {@code roundMillis - trainMillis}. */
    public long coordinationMillis() {
        return Math.max(0, roundMillis - trainMillis);
    }

    /**
     * What is left of the round besides training and waiting for the committee: the providers'
     * IPFS transfers, ledger calls and reads that did not overlap another provider's training, and
     * the latency between them (the events that wake them, their turn on the cores).
     */
    public long otherMillis() {
        return Math.max(0, roundMillis - trainMillis - waitMillis);
    }

    /** The round's time over its training time: 1.0 would be a round that is all training. */
    public double trainingRatio() {
        return trainMillis == 0 ? Double.POSITIVE_INFINITY : (double) roundMillis / trainMillis;
    }

    /** Coordination (ledger, IPFS, committee) as a share of the round. */
    public double coordinationShare() {
        return roundMillis == 0 ? 0 : (double) coordinationMillis() / roundMillis;
    }
}
