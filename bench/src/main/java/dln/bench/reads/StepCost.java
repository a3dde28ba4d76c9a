package dln.bench.reads;

/**
 * What one step cost over its repetitions.
 *
 * @param calls ledger calls per step (mean)
 * @param keys world-state keys read per step, point or range (mean)
 * @param millis wall time per step (median)
 */
record StepCost(double calls, double keys, double millis) {

    /** Within {@code factor} of {@code base} in calls and keys (time is reported, not judged). */
    boolean flatAgainst(final StepCost base, final double factor) {
        return calls <= base.calls * factor && keys <= base.keys * factor;
    }
}
