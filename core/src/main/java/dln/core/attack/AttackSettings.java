package dln.core.attack;

import java.time.Duration;

/**
 * The knobs of the informed attacks; {@link #DEFAULT} follows the papers.
 *
 * @param inflation how many times its samples an inflating provider claims
 * @param plausibleRate examples per second an inflated claim stays under, stretching its claimed
 *        time if needed: training measured here runs below 50k ex/s, the committee's default
 *        limit is 200k, so an inflated claim looks like a fast machine, not a lie
 * @param epsilon inner-product manipulation's scale
 * @param perturbation min-max and min-sum's direction
 * @param sybilPayload what the Sybil leader does to its own update before the copies are made:
 *        one of the attacks that act alone ({@link Attack#NONE} for its honest update)
 * @param sybilBoost how much the leader scales its (payload's) update; each copy adds its weight
 *        to an average, so a mild boost survives the committee's distance bound
 * @param sybilJitter the copies' noise, relative to the update's root mean square: enough to make
 *        the weights (hence their CIDs, which the ledger keeps unique) differ, far too little to matter
 * @param patience how long a member of a federated round waits for its team's estimates
 * @param ledgerPage how many recent accepted updates a ledger reader takes in gossip
 */
public record AttackSettings(double inflation, double plausibleRate, double epsilon, MinMax.Perturbation perturbation, Attack sybilPayload,
        double sybilBoost, double sybilJitter, Duration patience, int ledgerPage) {

    /** Ten-fold inflation, the papers' epsilon 0.1 and -std perturbation, a boost of 3, two minutes' patience. */
    public static final AttackSettings DEFAULT = new AttackSettings(10, 50_000, InnerProductManipulation.DEFAULT_EPSILON,
            MinMax.Perturbation.INVERSE_STD, Attack.NONE, 3, 1e-3, Duration.ofMinutes(2), 10);

    public AttackSettings {
        if (!(inflation >= 1) || !(plausibleRate > 0) || !(epsilon > 0) || !(sybilBoost > 0) || !(sybilJitter > 0) || ledgerPage < 1) {
            throw new IllegalArgumentException("attack settings out of range: " + inflation + ", " + plausibleRate + ", " + epsilon + ", "
                    + sybilBoost + ", " + sybilJitter + ", " + ledgerPage);
        }
        if (sybilPayload.crafted() || sybilPayload == Attack.SYBIL || sybilPayload == Attack.INFLATE) {
            throw new IllegalArgumentException("a Sybil payload is one of the attacks that act alone, not " + sybilPayload.wire());
        }
        if (patience == null || patience.isNegative()) {
            throw new IllegalArgumentException("patience must be zero or positive");
        }
    }

    /** These settings with another patience (tests: a short one). */
    public AttackSettings withPatience(final Duration p) {
        return new AttackSettings(inflation, plausibleRate, epsilon, perturbation, sybilPayload, sybilBoost, sybilJitter, p, ledgerPage);
    }

    /** These settings with another inflation factor. */
    public AttackSettings withInflation(final double factor) {
        return new AttackSettings(factor, plausibleRate, epsilon, perturbation, sybilPayload, sybilBoost, sybilJitter, patience, ledgerPage);
    }

    /** These settings with another Sybil leader's update: a payload attack and a boost. */
    public AttackSettings withSybil(final Attack payload, final double boost) {
        return new AttackSettings(inflation, plausibleRate, epsilon, perturbation, payload, boost, sybilJitter, patience, ledgerPage);
    }
}
