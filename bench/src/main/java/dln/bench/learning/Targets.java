package dln.bench.learning;

import dln.core.attack.Attack;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Issue 13's targets. Attack-free: at least 95 % of honest updates accepted, and within 2 points
 * of centralised (0.5 with a server optimiser on IID data; 4 providers on Dirichlet 0.5 for 10 MLP
 * rounds: 95 % test accuracy); gossip: within 1 point of its federated twin. Under attack: at least
 * 95 % of poisoned updates rejected and within 1 point of the attack-free twin (0.5 against sample
 * inflation and Sybils, which aim at the weights, not at the committee). The same rules judge one
 * row and the means of a configuration over seeds ({@link SeedMeans}).
 */
final class Targets {

    /**
     * Accuracies are multiples of one test example (1/2000); a difference exactly at a bound, 0.9425 -
     * 0.9375 for "within 0.5 points", computes a hair above it in double (0.005000000000000004),
     * which turned rows at the bound MISSED before 2026-12-05 (4 rows of the fourth matrix run).
     */
    static final double HAIR = 1e-9;

    private Targets() {
    }

    /** The row's target: "ok", "MISSED", or "n/a" for gossip without its federated twin. */
    static String verdict(final Outcome r, final List<Outcome> all) {
        final PlanEntry e = r.entry();
        final boolean honest = Double.isNaN(r.honest()) || r.honest() >= 0.95;
        if (e.alone()) {
            // A reference for the attacked rows: its data is not the consortium's whole, so only honest acceptance is judged.
            return honest ? "ok" : "MISSED";
        }
        if (e.attack() == Attack.NONE || e.malicious() == 0) {
            if ("gossip".equals(e.mode())) {
                // Within 1 point means not more than 1 point under: gossip above its twin is no miss
                // (as attacked rows above theirs are not).
                return twin(r, all, "federated", Attack.NONE).map(f -> honest && f.accuracy() - r.accuracy() <= 0.01 + HAIR ? "ok" : "MISSED")
                        .orElse("n/a");
            }
            final boolean optimised = e.learning().optimiser().name() != dln.api.OptimiserName.NONE;
            final boolean accuracy = "mlp".equals(e.model()) && "mnist".equals(e.dataset()) && e.providers() == 4 && "dirichlet:0.5".equals(e.partition()) && e.steps() == 10
                    ? r.accuracy() >= 0.95
                    : r.gapPoints() <= (optimised && "iid".equals(e.partition()) ? 0.5 : 2.0) + 100 * HAIR;
            return honest && accuracy ? "ok" : "MISSED";
        }
        return attackVerdict(r, twin(r, all, e.mode(), Attack.NONE));
    }

    /**
     * The attack target against the twin a defence can at best keep: the honest providers alone,
     * except under sample inflation, whose update is honest training (its data does reach the
     * others, only its weight lies), judged against the all-honest twin as in {@link #verdict}.
     */
    static String defence(final Outcome r, final List<Outcome> all) {
        return attackVerdict(r, r.entry().attack() == Attack.INFLATE ? twin(r, all, r.entry().mode(), Attack.NONE) : aloneTwin(r, all));
    }

    private static String attackVerdict(final Outcome r, final Optional<Outcome> twin) {
        final PlanEntry e = r.entry();
        final boolean honest = Double.isNaN(r.honest()) || r.honest() >= 0.95;
        final boolean weightAttack = e.attack() == Attack.INFLATE || e.attack() == Attack.SYBIL;
        // Issue 13: rejected, or given weight that changes the aggregate by less than the honest spread.
        final boolean rates = (weightAttack || r.neutralised() >= 0.95) && honest;
        final double bound = weightAttack ? 0.005 : 0.01;
        final boolean accuracy = twin.map(f -> f.accuracy() - r.accuracy() <= bound + HAIR).orElse(true);
        return rates && accuracy ? "ok" : "MISSED";
    }

    /** An attacked row's honest providers alone, on the same seeds, when the plan ran it. */
    static Optional<Outcome> aloneTwin(final Outcome r, final List<Outcome> all) {
        if (r.entry().attack() == Attack.NONE || r.entry().malicious() == 0) {
            return Optional.empty();
        }
        final PlanEntry alone = r.entry().honestAlone();
        return all.stream().filter(o -> o.ledger().equals(r.ledger()) && o.seeds().equals(r.seeds()) && o.entry().equals(alone)).findFirst();
    }

    private static Optional<Outcome> twin(final Outcome r, final List<Outcome> all, final String mode, final Attack attack) {
        final PlanEntry e = r.entry();
        // The same seeds too: a plan that repeats its rows over seeds compares each row with its own twin.
        return all.stream().filter(o -> !o.entry().alone() && o.ledger().equals(r.ledger()) && o.seeds().equals(r.seeds())
                && o.entry().steps() == e.steps() && o.entry().epochs() == e.epochs()
                && o.entry().mode().equals(mode) && o.entry().attack() == attack && o.entry().providers() == e.providers()
                && o.entry().partition().equals(e.partition()) && o.entry().model().equals(e.model()) && o.entry().dataset().equals(e.dataset())
                && o.entry().rule().equals(e.rule())
                && o.entry().learning().equals(e.learning()) && Objects.equals(o.entry().client(), e.client())).findFirst();
    }
}
