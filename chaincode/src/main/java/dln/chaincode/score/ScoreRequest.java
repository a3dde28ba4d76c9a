package dln.chaincode.score;

import dln.api.ContributionRule;
import dln.api.Rule;
import dln.chaincode.json.Fields;
import dln.chaincode.json.StrictJson;
import dln.chaincode.keys.Ids;
import dln.chaincode.rule.Violation;

/**
 * A parsed SubmitScore argument {"updateId","value","samples","reason"?} or
 * {"updateId","unavailable":true,"reason"?}; the value's range depends on the model's metric; the
 * optional reason says why a member gave the lowest score (a failed sanity check) or could not
 * score, so the ledger keeps the why next to the what. An unavailable score carries neither value
 * nor samples: a member that could not fetch the weights measured nothing, and a number there
 * would be read as a verdict. {@code contribution} and {@code contributionSe} (optional, together)
 * are the member's paired loss decrease and its standard error; the contribution policy requires them.
 * {@code contributionCosine} (optional, with them) is the cosine in [-1, 1] between the update's step
 * and its round's aggregate step without it; {@code contributionStepRatio} (optional, with them, at
 * least 0) the update's step norm over the lower median step norm of the set measured with it;
 * {@code contributionCopies} (optional, with them, at least 1) how many updates of that set, this
 * one included, are copies of one step; {@code contributionBestClass} (optional, with them) the
 * largest t-statistic of the paired decrease over one class's examples;
 * {@code contributionStepSpread} (optional, with the step ratio, at least 0) the median distance of
 * the set's step ratios from 1; {@code contributionAloneBestClass} and {@code contributionAloneHarmed}
 * (optional, together, with the contribution) the update alone's largest t-statistic over one
 * class and the share in [0, 1] of the classes it alone makes worse beyond
 * {@code DlnLedger.Contribution.CLASS_T}; {@code contributionTrend} (optional, with the contribution)
 * the cosine in [-1, 1] between the update's step and the federation's last step;
 * {@code contributionShift} (optional, with the step ratio, at least 0) how far leaving the update
 * out moves its round's aggregate, in typical steps of the set.
 */
public record ScoreRequest(String updateId, double value, long samples, String reason, boolean unavailable, Double contribution,
                           Double contributionSe, Double contributionCosine, Double contributionStepRatio,
                           Integer contributionCopies, Double contributionBestClass, Double contributionStepSpread,
                           Double contributionAloneBestClass, Double contributionAloneHarmed, Double contributionTrend,
                           Double contributionShift) {

    /** The largest |contribution| in nats a member may report: a loss change beyond it is no measurement. */
    public static final double MAX_CONTRIBUTION = 1.0e6;

    public static final int MAX_REASON = 512;

    /** The most copies a member may report: no round takes more updates than this. */
    public static final int MAX_COPIES = 100_000;

    /** The largest SubmitScore argument, and the largest share of a SubmitScores argument per score. */
    public static final int MAX_CHARS = 2048;

    public static ScoreRequest parse(final String json) {
        return of(StrictJson.object(json, "score", MAX_CHARS), "score");
    }

    /** One score read from an already parsed object; {@code where} names it in errors. */
    public static ScoreRequest of(final com.google.gson.JsonObject object, final String where) {
        final Fields f = Fields.of(object, where, "updateId", "value", "samples", "reason", "unavailable",
                "contribution", "contributionSe", "contributionCosine", "contributionStepRatio", "contributionCopies",
                "contributionBestClass", "contributionStepSpread", "contributionAloneBestClass", "contributionAloneHarmed", "contributionTrend",
                "contributionShift");
        final String id = Ids.checkUpdate(f.text("updateId", 1, 64));
        final String reason = f.has("reason") ? f.text("reason", 1, MAX_REASON) : null;
        if (f.has("unavailable")) {
            if (!f.flag("unavailable")) {
                throw Violation.of(Rule.INVALID_FIELD, f.where() + ".unavailable is true or absent; omit it to record a value");
            }
            if (f.has("value") || f.has("samples") || f.has("contribution") || f.has("contributionSe") || f.has("contributionCosine")
                    || f.has("contributionStepRatio") || f.has("contributionCopies") || f.has("contributionBestClass")
                    || f.has("contributionStepSpread") || f.has("contributionAloneBestClass") || f.has("contributionAloneHarmed")
                    || f.has("contributionTrend") || f.has("contributionShift")) {
                throw Violation.of(Rule.UNAVAILABLE_SCORE_HAS_VALUE,
                        "an unavailable score has no value and no samples: the member could not fetch the weights, so it measured nothing");
            }
            return new ScoreRequest(id, 0, 0, reason, true, null, null, null, null, null, null, null, null, null, null, null);
        }
        if (f.has("contribution") != f.has("contributionSe")) {
            throw Violation.of(Rule.INVALID_FIELD, f.where() + ".contribution and " + f.where() + ".contributionSe come together: a loss difference and its standard error");
        }
        final Double contribution = f.has("contribution") ? f.number("contribution", -MAX_CONTRIBUTION, MAX_CONTRIBUTION) : null;
        final Double se = f.has("contributionSe") ? f.number("contributionSe", 0, MAX_CONTRIBUTION) : null;
        if (f.has("contributionCosine") && contribution == null) {
            throw Violation.of(Rule.INVALID_FIELD, f.where() + ".contributionCosine comes with " + f.where() + ".contribution: the direction of a measured update");
        }
        final Double cosine = f.has("contributionCosine") ? f.number("contributionCosine", -1, 1) : null;
        if (f.has("contributionStepRatio") && contribution == null) {
            throw Violation.of(Rule.INVALID_FIELD, f.where() + ".contributionStepRatio comes with " + f.where()
                    + ".contribution: the step length of a measured update");
        }
        final Double stepRatio = f.has("contributionStepRatio") ? f.number("contributionStepRatio", 0, MAX_CONTRIBUTION) : null;
        if (f.has("contributionCopies") && contribution == null) {
            throw Violation.of(Rule.INVALID_FIELD, f.where() + ".contributionCopies comes with " + f.where()
                    + ".contribution: the copies found in a measured set");
        }
        final Integer copies = f.has("contributionCopies") ? (int) f.integer("contributionCopies", 1, MAX_COPIES) : null;
        if (f.has("contributionBestClass") && contribution == null) {
            throw Violation.of(Rule.INVALID_FIELD, f.where() + ".contributionBestClass comes with " + f.where()
                    + ".contribution: the best class of a measured update");
        }
        final Double bestClass = f.has("contributionBestClass")
                ? f.number("contributionBestClass", -ContributionRule.BOUND, ContributionRule.BOUND) : null;
        if (f.has("contributionStepSpread") && stepRatio == null) {
            throw Violation.of(Rule.INVALID_FIELD, f.where() + ".contributionStepSpread comes with " + f.where()
                    + ".contributionStepRatio: the spread of the step ratios measured with it");
        }
        final Double stepSpread = f.has("contributionStepSpread") ? f.number("contributionStepSpread", 0, MAX_CONTRIBUTION) : null;
        if (f.has("contributionAloneBestClass") != f.has("contributionAloneHarmed")) {
            throw Violation.of(Rule.INVALID_FIELD, f.where() + ".contributionAloneBestClass and " + f.where()
                    + ".contributionAloneHarmed come together: what the update alone does to the best and to every class");
        }
        if (f.has("contributionAloneBestClass") && contribution == null) {
            throw Violation.of(Rule.INVALID_FIELD, f.where() + ".contributionAloneBestClass comes with " + f.where()
                    + ".contribution: what a measured update does alone");
        }
        final Double aloneBest = f.has("contributionAloneBestClass")
                ? f.number("contributionAloneBestClass", -ContributionRule.BOUND, ContributionRule.BOUND) : null;
        final Double aloneHarmed = f.has("contributionAloneHarmed") ? f.number("contributionAloneHarmed", 0, 1) : null;
        if (f.has("contributionTrend") && contribution == null) {
            throw Violation.of(Rule.INVALID_FIELD, f.where() + ".contributionTrend comes with " + f.where()
                    + ".contribution: the course of a measured update");
        }
        final Double trend = f.has("contributionTrend") ? f.number("contributionTrend", -1, 1) : null;
        if (f.has("contributionShift") && stepRatio == null) {
            throw Violation.of(Rule.INVALID_FIELD, f.where() + ".contributionShift comes with " + f.where()
                    + ".contributionStepRatio: how far the update moves the aggregate, in the typical steps of its set");
        }
        final Double shift = f.has("contributionShift") ? f.number("contributionShift", 0, MAX_CONTRIBUTION) : null;
        return new ScoreRequest(id, f.number("value", -Double.MAX_VALUE, Double.MAX_VALUE), f.integer("samples", 1, 1_000_000_000L), reason, false,
                contribution, se, cosine, stepRatio, copies, bestClass, stepSpread, aloneBest, aloneHarmed, trend, shift);
    }
}
