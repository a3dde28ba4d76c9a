package dln.bench.learning;

import java.util.List;

/**
 * What a plan entry ended with, as issue 13's targets judge it: one finished row, or the means of
 * one configuration over several seeds.
 *
 * @param entry the configuration (for means, with the default seed)
 * @param ledger fabric or in-process
 * @param seeds the seeds behind the figures, in plan order
 * @param accuracy final test accuracy (a mean over the seeds)
 * @param gapPoints centralised minus final accuracy, in points
 * @param honest share of honest updates accepted; NaN without any
 * @param neutralised share of poisoned updates neutralised; NaN without attackers
 */
record Outcome(PlanEntry entry, String ledger, List<Long> seeds, double accuracy, double gapPoints, double honest, double neutralised) {

    Outcome {
        seeds = List.copyOf(seeds);
    }

    static Outcome of(final EntryResult r) {
        return new Outcome(r.entry(), r.ledger(), List.of(r.entry().seed()), r.finalAccuracy(), r.gapPoints(), r.honestAccepted(),
                r.poisonedNeutralised());
    }
}
