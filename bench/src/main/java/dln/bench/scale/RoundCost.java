package dln.bench.scale;

/**
 * What the measured rounds of one configuration cost, per round, over the rounds after the first
 * (which warms the JIT compiler up): times are medians, counts means.
 *
 * @param providers updates per round
 * @param committee committee members
 * @param millis wall time per round in this one process, every participant's work one after another
 * @param criticalMillis the round as it would take with a machine per participant: the slowest
 *        provider's step, then each committee pass's slowest member
 * @param calls ledger calls per round, every participant's
 * @param providerKeys world-state keys read per round by the providers' steps
 * @param committeeKeys world-state keys read per round by the committee's passes
 * @param scores scores actually submitted per round
 */
record RoundCost(int providers, int committee, double millis, double criticalMillis, double calls, double providerKeys, double committeeKeys,
        double scores) {

    /** Wall time per score submitted: what a round's work is made of. */
    double millisPerScore() {
        return millis / scores;
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
