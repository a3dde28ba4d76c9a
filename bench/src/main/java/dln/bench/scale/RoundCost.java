package dln.bench.scale;

/**
 * What the measured rounds of one configuration cost, per round, over the rounds after the first
 * (which warms the JIT compiler up): times are medians, counts means.
 *
 * @param providers updates per round
 * @param committee committee members
 * @param millis wall time per round in this one process, every participant's work one after another
 * @param criticalMillis the round as it would take with a machine per participant: the slowest
 *        provider's step, then each committee pass's slowest member (wall time)
 * @param criticalCpuMillis the same in CPU time of each participant's thread: what the work
 *        costs, much less disturbed by other processes on a shared machine than wall time
 * @param calls ledger calls per round, every participant's
 * @param providerKeys world-state keys read per round by the providers' steps
 * @param committeeKeys world-state keys read per round by the committee's passes
 * @param scores scores actually submitted per round
 * @param transactions transactions submitted per round, every participant's (refused ones included)
 * @param waits transactions one after another on the round's critical path: the most any
 *        provider submitted in its step, plus, per committee pass, the most any member submitted
 *        (each waits for its block on a real network; different participants' overlap)
 */
record RoundCost(int providers, int committee, double millis, double criticalMillis, double criticalCpuMillis, double calls, double providerKeys,
        double committeeKeys, double scores, double transactions, double waits) {

    /** CPU time per score with a machine each. */
    double cpuMillisPerScore() {
        return criticalCpuMillis / scores;
    }

    /** Keys a provider's step reads (the round, its parents' records, its submission). */
    double keysPerStep() {
        return providerKeys / providers;
    }

    /** Keys the committee reads per score it submits. */
    double keysPerScore() {
        return committeeKeys / scores;
    }
}
