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
 * @param testAccuracy accuracy of the round's aggregate (gossip: of the head) on the test set
 * @param trainMillis time spent training
 * @param ipfsMillis time spent uploading and fetching weights
 * @param ledgerMillis time spent in ledger transactions
 * @param waitMillis time waiting for the committee's decisions
 */
public record RoundRow(String phase, int step, int accepted, int rejected, int poisonedRejected, int poisoned, double testAccuracy,
        long trainMillis, long ipfsMillis, long ledgerMillis, long waitMillis) {

    public long totalMillis() {
        return trainMillis + ipfsMillis + ledgerMillis + waitMillis;
    }

    /** Coordination (ledger, IPFS, committee) as a share of the round. */
    public double coordinationShare() {
        return totalMillis() == 0 ? 0 : (double) (ipfsMillis + ledgerMillis + waitMillis) / totalMillis();
    }
}
