package dln.core.privacy;

import java.util.Arrays;
import org.apache.commons.math3.stat.ranking.NaNStrategy;
import org.apache.commons.math3.stat.ranking.NaturalRanking;
import org.apache.commons.math3.stat.ranking.TiesStrategy;

/**
 * The loss-threshold membership-inference attack of Yeom et al. 2018: a record whose loss under
 * the published model is below a threshold is guessed a member of the training data. Measured
 * over every threshold at once: the attack's AUC, the probability that a random member has a
 * lower loss than a random non-member (ties count half), and its best membership advantage,
 * the largest true-positive minus false-positive rate over thresholds (Yeom et al.'s measure,
 * which epsilon-DP bounds by e^epsilon - 1).
 */
public final class LossThresholdAttack {
    private LossThresholdAttack() {
    }

    /**
     * What the attack achieves on one model.
     *
     * @param auc       0.5 is guessing; 1 separates every member from every non-member
     * @param advantage max over thresholds of TPR - FPR, in [0, 1]
     */
    public record Outcome(double auc, double advantage) {}

    /** The attack on a model whose losses on known members and non-members are given. */
    public static Outcome of(double[] memberLosses, double[] nonMemberLosses) {
        return new Outcome(auc(memberLosses, nonMemberLosses), advantage(memberLosses, nonMemberLosses));
    }

    /**
     * The exact AUC by the Mann-Whitney statistic: ranks of all losses with ties averaged, the
     * non-members' rank sum minus its minimum, over members x non-members. A non-member ranked
     * above (a higher loss than) a member is a pair the attack orders right.
     */
    public static double auc(double[] memberLosses, double[] nonMemberLosses) {
        int m = memberLosses.length;
        int n = nonMemberLosses.length;
        if (m == 0 || n == 0) {
            throw new IllegalArgumentException("the attack needs members and non-members, got " + m + " and " + n);
        }
        double[] all = new double[m + n];
        System.arraycopy(memberLosses, 0, all, 0, m);
        System.arraycopy(nonMemberLosses, 0, all, m, n);
        double[] ranks = new NaturalRanking(NaNStrategy.FAILED, TiesStrategy.AVERAGE).rank(all);
        double nonMemberRanks = 0;
        for (int i = m; i < m + n; i++) {
            nonMemberRanks += ranks[i];
        }
        return (nonMemberRanks - n * (n + 1.0) / 2) / ((double) m * n);
    }

    /**
     * The AUC's standard error when members and non-members' losses have one distribution (no
     * leak): the Mann-Whitney statistic's null deviation, sqrt((m + n + 1) / (12 m n)). Differences
     * of a few of these between two AUCs are noise.
     */
    public static double nullStandardError(int members, int nonMembers) {
        return Math.sqrt((members + nonMembers + 1.0) / (12.0 * members * nonMembers));
    }

    /** max over thresholds t of P(member loss &lt;= t) - P(non-member loss &lt;= t). */
    public static double advantage(double[] memberLosses, double[] nonMemberLosses) {
        double[] a = memberLosses.clone();
        double[] b = nonMemberLosses.clone();
        Arrays.sort(a);
        Arrays.sort(b);
        double best = 0;
        int i = 0;
        int j = 0;
        while (i < a.length || j < b.length) {
            // The next threshold: the smallest loss not yet below it, with all its ties.
            double t = j >= b.length || (i < a.length && a[i] <= b[j]) ? a[i] : b[j];
            while (i < a.length && a[i] <= t) {
                i++;
            }
            while (j < b.length && b[j] <= t) {
                j++;
            }
            best = Math.max(best, (double) i / a.length - (double) j / b.length);
        }
        return best;
    }
}
