package dln.chaincode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dln.api.Rule;
import dln.chaincode.testing.LedgerTest;
import dln.chaincode.testing.Specs;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The contribution policy: a round's submitted set is fixed (StartScoring) before anyone scores,
 * nothing joins it afterwards, scores carry a contribution and its standard error, and the
 * decision is the members' t-statistic against the tolerance. Weighting policies are checked at
 * publication.
 */
class ContributionRulesTest extends LedgerTest {

    private static final String SCORE = "score:SubmitScore";
    private static final List<String> INITIAL = List.of("initial");

    private static JsonObject contribution(final int minUpdates, final double tolerance) {
        final JsonObject spec = Specs.federated(minUpdates);
        spec.getAsJsonObject("acceptance").addProperty("policy", "contribution");
        spec.getAsJsonObject("acceptance").addProperty("tolerance", tolerance);
        return spec;
    }

    private static String score(final String updateId, final double value, final Double contribution, final Double se) {
        final JsonObject o = new JsonObject();
        o.addProperty("updateId", updateId);
        o.addProperty("value", value);
        o.addProperty("samples", 10);
        if (contribution != null) {
            o.addProperty("contribution", contribution);
        }
        if (se != null) {
            o.addProperty("contributionSe", se);
        }
        return o.toString();
    }

    private static String directed(final String updateId, final double contribution, final double se, final double cosine) {
        final JsonObject o = com.google.gson.JsonParser.parseString(score(updateId, 0.5, contribution, se)).getAsJsonObject();
        o.addProperty("contributionCosine", cosine);
        return o.toString();
    }

    private static String long_(final String updateId, final double contribution, final double se, final double cosine, final double ratio) {
        final JsonObject o = com.google.gson.JsonParser.parseString(directed(updateId, contribution, se, cosine)).getAsJsonObject();
        o.addProperty("contributionStepRatio", ratio);
        return o.toString();
    }

    private static String classes(final String updateId, final double contribution, final double se, final double cosine, final double bestClass) {
        final JsonObject o = com.google.gson.JsonParser.parseString(directed(updateId, contribution, se, cosine)).getAsJsonObject();
        o.addProperty("contributionBestClass", bestClass);
        return o.toString();
    }

    private static String spread(final String updateId, final double contribution, final double se, final double ratio, final double spread) {
        final JsonObject o = com.google.gson.JsonParser.parseString(long_(updateId, contribution, se, 0.15, ratio)).getAsJsonObject();
        o.addProperty("contributionStepSpread", spread);
        return o.toString();
    }

    private static String alone(final String updateId, final double contribution, final double se, final double bestClass, final double harmed) {
        final JsonObject o = com.google.gson.JsonParser.parseString(directed(updateId, contribution, se, 0.2)).getAsJsonObject();
        o.addProperty("contributionAloneBestClass", bestClass);
        o.addProperty("contributionAloneHarmed", harmed);
        return o.toString();
    }

    /** A score with a step ratio and no direction: the member measured none. */
    private static String long_stepOnly(final String updateId, final double contribution, final double se, final double ratio) {
        final JsonObject o = com.google.gson.JsonParser.parseString(score(updateId, 0.5, contribution, se)).getAsJsonObject();
        o.addProperty("contributionStepRatio", ratio);
        return o.toString();
    }

    private static String course(final String updateId, final double contribution, final double se, final double cosine, final double ratio,
                                 final double trend) {
        final JsonObject o = com.google.gson.JsonParser.parseString(long_(updateId, contribution, se, cosine, ratio)).getAsJsonObject();
        o.addProperty("contributionTrend", trend);
        return o.toString();
    }

    /** An "unavailable" score of {@code updateId} that also carries a measurement, {@code field}: refused. */
    private static String unavailableWith(final String updateId, final String field, final double value) {
        final JsonObject o = new JsonObject();
        o.addProperty("updateId", updateId);
        o.addProperty("unavailable", true);
        o.addProperty(field, value);
        return o.toString();
    }

    private static String copy(final String updateId, final double contribution, final double se, final int copies) {
        final JsonObject o = com.google.gson.JsonParser.parseString(score(updateId, 0.5, contribution, se)).getAsJsonObject();
        o.addProperty("contributionStepRatio", 1.0);
        o.addProperty("contributionCopies", copies);
        return o.toString();
    }

    private JsonObject round(final String model, final int n) {
        return chain.ok("outsider", "query:GetRound", model, String.valueOf(n)).object().getAsJsonObject("round");
    }

    /** The first score recorded for {@code update}, as GetScores returns it. */
    private JsonObject firstScore(final String update) {
        return chain.ok("outsider", "query:GetScores", update).json().getAsJsonArray().get(0).getAsJsonObject();
    }

    /**
     * Provider i + 1 submits an update of weights "a" + i from the initial model, for each of
     * {@code updates}; then member1 starts the round's scoring. The updates' ids, in that order.
     */
    private String[] scoring(final String model, final int updates) {
        final String[] ids = new String[updates];
        for (int i = 0; i < updates; i++) {
            ids[i] = flow.submitOk("provider" + (i + 1), model, Specs.cid(String.valueOf((char) ('a' + i))), INITIAL, 1);
        }
        chain.ok("member1", "round:StartScoring", model, "1");
        return ids;
    }

    private String status(final String update) {
        return chain.ok("outsider", "query:GetUpdate", update).object().get("status").getAsString();
    }

    @Test
    void scoringWaitsForTheSetAndNothingJoinsItAfterwards() {
        final String model = flow.open(contribution(2, 2));
        final String a = flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        rejects(Rule.SCORING_NOT_STARTED, "member1", SCORE, score(a, 0.9, 0.01, 0.001));
        rejects(Rule.TOO_FEW_SUBMISSIONS, "member1", "round:StartScoring", model, "1");
        final String b = flow.submitOk("provider2", model, Specs.cid("b"), INITIAL, 1);
        rejects(Rule.NOT_ROUND_PARTICIPANT, "outsider", "round:StartScoring", model, "1");
        chain.ok("member1", "round:StartScoring", model, "1");
        assertEquals("scoring", round(model, 1).get("status").getAsString());
        assertEquals(List.of(a, b).stream().sorted().toList().toString().replace(" ", ""),
                round(model, 1).getAsJsonArray("scoring").toString().replace("\"", ""));
        rejects(Rule.ROUND_NOT_OPEN, "member2", "round:StartScoring", model, "1");
        rejects(Rule.SUBMISSIONS_CLOSED, "provider3", "update:SubmitUpdate", dln.chaincode.testing.Flow.updateJson(model, Specs.cid("c"), INITIAL, 1));
        rejects(Rule.CONTRIBUTION_REQUIRED, "member1", SCORE, score(a, 0.9, null, null));
        rejects(Rule.INVALID_FIELD, "member1", SCORE, score(a, 0.9, 0.01, null));
    }

    @Test
    void theDecisionIsTheMediansTStatisticAgainstTheToleranceAndTheRoundClosesWhenItsSetIsDecided() {
        final String model = flow.open(contribution(2, 2));
        final String helps = flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        final String harms = flow.submitOk("provider2", model, Specs.cid("b"), INITIAL, 1);
        chain.ok("provider1", "round:StartScoring", model, "1");
        // Standalone accuracy alone (0.2, under a 0.5 threshold) would have rejected it: what counts is what it adds.
        chain.ok("member1", SCORE, score(helps, 0.2, 0.004, 0.001));
        chain.ok("member2", SCORE, score(helps, 0.2, -0.001, 0.001));
        assertEquals("accepted", status(helps), "t = 4 and t = -1 are both within -2");
        chain.ok("member1", SCORE, score(harms, 0.95, -0.010, 0.002));
        assertEquals("open".equals(round(model, 1).get("status").getAsString()), false);
        chain.ok("member3", SCORE, score(harms, 0.95, -0.003, 0.001));
        assertEquals("rejected", status(harms), "t = -5 and t = -3 are beyond -2");
        final JsonObject closed = round(model, 1);
        assertEquals("closed", closed.get("status").getAsString());
        assertEquals("[\"" + helps + "\"]", closed.getAsJsonArray("accepted").toString());
        final JsonObject decided = chain.ok("outsider", "query:GetUpdate", helps).object();
        assertEquals(0.0015, decided.get("contribution").getAsDouble(), 1e-12, "the median contribution is recorded");
        final JsonObject rep = chain.ok("outsider", "query:GetReputation", dln.chaincode.testing.Actors.msp("provider1"),
                dln.chaincode.identity.MemberCertificate.parse(dln.chaincode.testing.Actors.pem("provider1"), chain.now(), "p").x509Id()).object();
        assertEquals(0.0015, rep.get("contribution").getAsDouble(), 1e-12, "the provider's contribution account");
        assertEquals(1, rep.get("accepted").getAsLong());
    }

    /**
     * With the direction measured, a measurable harm rejects only an update that also points
     * against its round's others: median t and median cosine of the quorum (two scores: their mean).
     */
    @Test
    void aMeasurableHarmRejectsOnlyAnUpdatePointingAgainstTheOthers() {
        final String model = flow.open(contribution(3, 3));
        final String[] submitted = scoring(model, 3);
        final String skewed = submitted[0], against = submitted[1], mixed = submitted[2];
        // t = -5 and -7 (median -6 < -3), cosines 0.3 and 0.1 (median 0.2 >= 0): kept.
        chain.ok("member1", SCORE, directed(skewed, -0.005, 0.001, 0.3));
        chain.ok("member2", SCORE, directed(skewed, -0.007, 0.001, 0.1));
        assertEquals("accepted", status(skewed), "harmful on the fragment this round, but it goes the others' way");
        // t = -6 and -4 (median -5), cosines -0.4 and 0.2 (median -0.1 < 0): rejected.
        chain.ok("member1", SCORE, directed(against, -0.006, 0.001, -0.4));
        chain.ok("member3", SCORE, directed(against, -0.004, 0.001, 0.2));
        assertEquals("rejected", status(against));
        // A member that sends no direction does not vote on it: cosines -0.4 and none give -0.4,
        // against the others, and t = -5 and -5 harms beyond one standard error: rejected.
        chain.ok("member2", SCORE, directed(mixed, -0.005, 0.001, -0.4));
        chain.ok("member3", SCORE, score(mixed, 0.5, -0.005, 0.001));
        assertEquals("rejected", status(mixed));
        final JsonObject recorded = firstScore(skewed);
        assertEquals(0.3, recorded.get("contributionCosine").getAsDouble(), 0, "the direction is recorded with the score");
    }

    /**
     * A step longer than 3x its set's typical one is judged by its harm alone, with no tolerance:
     * the median (two scores: the mean) of the members' step ratios against 3, then t against 0.
     */
    @Test
    void aLongStepMustNotHarmAtAll() {
        final String model = flow.open(contribution(3, 3));
        final String[] submitted = scoring(model, 3);
        final String boosted = submitted[0], large = submitted[1], borderline = submitted[2];
        // t = -2.70 and -1.36 (mean -2.03, within 3), cosines 0.6, ratios 7.5 and 7.4 (mean 7.45 > 3): rejected.
        chain.ok("member1", SCORE, long_(boosted, -0.1409, 0.0522, 0.6, 7.5));
        chain.ok("member2", SCORE, long_(boosted, -0.0702, 0.0518, 0.6, 7.4));
        assertEquals("rejected", status(boosted), "a long step that harms, even within the tolerance and with the others");
        // t = 8 and -1 (mean 3.5 >= 0), ratios 4 and 3.5: a long step that helps is kept.
        chain.ok("member1", SCORE, long_(large, 0.008, 0.001, -0.2, 4));
        chain.ok("member3", SCORE, long_(large, -0.001, 0.001, -0.2, 3.5));
        assertEquals("accepted", status(large));
        // Ratios 3.4 and 2.6 (mean 3.0, not beyond): judged as ordinary, t = -2 within 3 and with the others: kept.
        chain.ok("member2", SCORE, long_(borderline, -0.002, 0.001, 0.5, 3.4));
        chain.ok("member3", SCORE, long_(borderline, -0.002, 0.001, 0.5, 2.6));
        assertEquals("accepted", status(borderline));
        final JsonObject recorded = firstScore(boosted);
        assertEquals(7.5, recorded.get("contributionStepRatio").getAsDouble(), 0, "the step ratio is recorded with the score");
    }

    @Test
    void aCopyMustNotHarmAtAll() {
        final String model = flow.open(contribution(3, 3));
        final String[] submitted = scoring(model, 3);
        final String colluder = submitted[0], helpful = submitted[1], minority = submitted[2];
        // t = -0.5 and -0.3 (mean -0.4, far inside 3), both members found 2 copies: rejected.
        chain.ok("member1", SCORE, copy(colluder, -0.0005, 0.001, 2));
        chain.ok("member2", SCORE, copy(colluder, -0.0003, 0.001, 2));
        assertEquals("rejected", status(colluder), "copies that harm, even by a hair");
        // Copies that help are kept.
        chain.ok("member1", SCORE, copy(helpful, 0.0005, 0.001, 3));
        chain.ok("member3", SCORE, copy(helpful, 0.0001, 0.001, 3));
        assertEquals("accepted", status(helpful));
        // One member of two found copies (share 0.5, not more than half): judged as ordinary, t = -0.4 within 3.
        chain.ok("member2", SCORE, copy(minority, -0.0005, 0.001, 2));
        chain.ok("member3", SCORE, copy(minority, -0.0003, 0.001, 1));
        assertEquals("accepted", status(minority));
        final JsonObject recorded = firstScore(colluder);
        assertEquals(2, recorded.get("contributionCopies").getAsInt(), "the copies are recorded with the score");
    }

    /**
     * Labels flipped: the step goes with the others but harms, and no class gains (measured t -12.8
     * to -15.9, cosine 0.06, best class -2.4 to 0.9). Honest skewed data harms as much early on but
     * its own classes gain (best class 3.2 to 26): kept. A step against the others is held to one
     * standard error of harm.
     */
    @Test
    void harmWithTheOthersIsKeptOnlyWhenSomeClassGains() {
        final String model = flow.open(contribution(3, 3));
        final String[] submitted = scoring(model, 3);
        final String flipped = submitted[0], skewed = submitted[1], against = submitted[2];
        chain.ok("member1", SCORE, classes(flipped, -0.0128, 0.001, 0.06, -0.1));
        chain.ok("member2", SCORE, classes(flipped, -0.0141, 0.001, 0.06, 0.4));
        assertEquals("rejected", status(flipped), "harms, goes with the others, no class gains");
        chain.ok("member1", SCORE, classes(skewed, -0.0075, 0.001, 0.14, 19.9));
        chain.ok("member2", SCORE, classes(skewed, -0.0081, 0.001, 0.14, 21.6));
        assertEquals("accepted", status(skewed), "harms, goes with the others, its own classes gain");
        // t = -2.4 and -2.6, within k = 3, but clearly against the others (cosine -0.12): beyond one standard error.
        chain.ok("member2", SCORE, classes(against, -0.0024, 0.001, -0.12, 4.0));
        chain.ok("member3", SCORE, classes(against, -0.0026, 0.001, -0.12, 5.0));
        assertEquals("rejected", status(against));
        final JsonObject recorded = firstScore(skewed);
        assertEquals(true, recorded.get("contributionBestClass").getAsDouble() > 19, "the best class is recorded with the score");
    }

    @Test
    void aBestClassIsABoundedNumberOfAMeasuredUpdate() {
        final String model = flow.open(contribution(1, 3));
        final String a = scoring(model, 1)[0];
        rejects(Rule.INVALID_FIELD, "member1", SCORE, classes(a, -0.005, 0.001, 0.5, 2.0e6));
        final JsonObject noContribution = com.google.gson.JsonParser.parseString(score(a, 0.5, null, null)).getAsJsonObject();
        noContribution.addProperty("contributionBestClass", 2);
        rejects(Rule.INVALID_FIELD, "member1", SCORE, noContribution.toString());
        chain.ok("member1", SCORE, classes(a, -0.005, 0.001, 0.5, -3.5));
    }

    /**
     * Labels flipped, late in a run on IID data: the step is 1.81 times the typical one where the
     * set's honest ratios are 0.97-1.02 (spread 0.0125), and it harms a little (t -0.2, within k,
     * with the others). Long for its set: held to no harm. The same step and harm in a set spread
     * as Dirichlet(0.1) data spreads it (0.2) is ordinary: kept.
     */
    @Test
    void aStepLongForItsSetsSpreadMustNotHarm() {
        final String model = flow.open(contribution(2, 3));
        final String[] submitted = scoring(model, 2);
        final String flipped = submitted[0], skewed = submitted[1];
        chain.ok("member1", SCORE, spread(flipped, 0.0003, 0.001, 1.81, 0.0125));
        chain.ok("member2", SCORE, spread(flipped, -0.0007, 0.001, 1.81, 0.0125));
        assertEquals("rejected", status(flipped), "t -0.2 within k, but long for its set");
        chain.ok("member1", SCORE, spread(skewed, 0.0003, 0.001, 1.81, 0.2));
        chain.ok("member2", SCORE, spread(skewed, -0.0007, 0.001, 1.81, 0.2));
        assertEquals("accepted", status(skewed), "the same step among spread ones is ordinary");
        final JsonObject recorded = firstScore(skewed);
        assertEquals(0.2, recorded.get("contributionStepSpread").getAsDouble(), 0, "the spread is recorded with the score");
    }

    @Test
    void aStepSpreadIsANonNegativeNumberWithAStepRatio() {
        final String model = flow.open(contribution(1, 3));
        final String a = scoring(model, 1)[0];
        rejects(Rule.INVALID_FIELD, "member1", SCORE, spread(a, -0.005, 0.001, 1.0, -0.1));
        final JsonObject noRatio = com.google.gson.JsonParser.parseString(directed(a, -0.005, 0.001, 0.5)).getAsJsonObject();
        noRatio.addProperty("contributionStepSpread", 0.1);
        rejects(Rule.INVALID_FIELD, "member1", SCORE, noRatio.toString());
        rejects(Rule.UNAVAILABLE_SCORE_HAS_VALUE, "member1", SCORE, unavailableWith(a, "contributionStepSpread", 0.1));
        chain.ok("member1", SCORE, spread(a, -0.005, 0.001, 1.0, 0.1));
    }

    /**
     * Two updates that clearly help the round (t +4 to +6, ordinary steps with the others). The
     * first, alone, makes 9 of 10 classes worse and helps none (a label flipper on Dirichlet(0.1)
     * data measured so, helping its round by up to 12 standard errors): rejected however it helps.
     * The second makes 8 worse but helps its own digit by 25 standard errors (an honest provider of
     * Dirichlet(0.1) data): kept. What each member saw alone is recorded with its score.
     */
    @Test
    void anUpdateThatUnlearnsAloneIsRejectedHoweverItHelps() {
        final String model = flow.open(contribution(2, 3));
        final String[] submitted = scoring(model, 2);
        final String flipped = submitted[0], skewed = submitted[1];
        chain.ok("member1", SCORE, alone(flipped, 0.004, 0.001, -2.1, 0.9));
        chain.ok("member2", SCORE, alone(flipped, 0.006, 0.001, 0.4, 1.0));
        assertEquals("rejected", status(flipped), "t +4 and +6, but alone it unlearns");
        chain.ok("member1", SCORE, alone(skewed, 0.002, 0.001, 25.0, 0.8));
        chain.ok("member2", SCORE, alone(skewed, 0.002, 0.001, 31.0, 0.8));
        assertEquals("accepted", status(skewed), "alone it helps its own class");
        final JsonObject recorded = firstScore(flipped);
        assertEquals(-2.1, recorded.get("contributionAloneBestClass").getAsDouble(), 0, "recorded with the score");
        assertEquals(0.9, recorded.get("contributionAloneHarmed").getAsDouble(), 0);
    }

    @Test
    void whatAnUpdateDoesAloneIsAShareAndABestClassTogether() {
        final String model = flow.open(contribution(1, 3));
        final String a = scoring(model, 1)[0];
        rejects(Rule.INVALID_FIELD, "member1", SCORE, alone(a, -0.005, 0.001, 1.0, 1.5));
        rejects(Rule.INVALID_FIELD, "member1", SCORE, alone(a, -0.005, 0.001, 1.0, -0.1));
        final JsonObject half = com.google.gson.JsonParser.parseString(directed(a, -0.005, 0.001, 0.5)).getAsJsonObject();
        half.addProperty("contributionAloneHarmed", 0.5);
        rejects(Rule.INVALID_FIELD, "member1", SCORE, half.toString());
        final JsonObject noContribution = com.google.gson.JsonParser.parseString(score(a, 0.5, null, null)).getAsJsonObject();
        noContribution.addProperty("contributionAloneBestClass", 2.0);
        noContribution.addProperty("contributionAloneHarmed", 0.5);
        rejects(Rule.INVALID_FIELD, "member1", SCORE, noContribution.toString());
        rejects(Rule.UNAVAILABLE_SCORE_HAS_VALUE, "member1", SCORE, unavailableWith(a, "contributionAloneHarmed", 0.5));
        chain.ok("member1", SCORE, alone(a, -0.005, 0.001, 1.0, 0.5));
    }

    /**
     * Two steps 6.5 times the typical one, orthogonal to the others (cosine -0.08), helping by t
     * 2.5 (under k = 3). The first goes the federation's way (cosine 0.10 with its last step: the
     * largest provider of quantity-skewed data, whose steps made most of it): held to help beyond
     * the fragment's noise, kept. The second is as orthogonal to the federation's course (added
     * noise): astray, it must clearly help, and is rejected. The course is recorded with the score.
     */
    @Test
    void aLongStepThatGoesTheFederationsWayMustHelpBeyondTheNoise() {
        final String model = flow.open(contribution(2, 3));
        final String[] submitted = scoring(model, 2);
        final String largest = submitted[0], noise = submitted[1];
        chain.ok("member1", SCORE, course(largest, 0.0025, 0.001, -0.08, 6.5, 0.10));
        chain.ok("member2", SCORE, course(largest, 0.0025, 0.001, -0.08, 6.6, 0.11));
        assertEquals("accepted", status(largest), "with the federation's course: help beyond the noise is enough");
        chain.ok("member1", SCORE, course(noise, 0.0025, 0.001, -0.08, 6.5, 0.003));
        chain.ok("member2", SCORE, course(noise, 0.0025, 0.001, -0.08, 6.6, -0.002));
        assertEquals("rejected", status(noise), "orthogonal both ways: astray, t < k");
        assertEquals(0.10, firstScore(largest).get("contributionTrend").getAsDouble(), 0, "recorded with the score");
    }

    /**
     * Round 10 of 4 providers on quantity 0.5 (seed 7, quorum 2): the largest provider's step 3.8
     * typical ones; one member measured cosine 0.04 with the others and t +0.82, the other found
     * every update of the set harmful on its fragment, so no helpful ones to measure a direction
     * against, and sent none, with t -0.74. The direction is the measuring member's: a long step
     * with the others, held to no harm (median t +0.04), kept. Combined with the other's "none"
     * (-2) it was -0.98, clearly against, and the step was held to clear help and rejected.
     */
    @Test
    void aMemberThatMeasuredNoDirectionDoesNotVoteOnIt() {
        final String model = flow.open(contribution(1, 3));
        final String largest = scoring(model, 1)[0];
        chain.ok("member1", SCORE, course(largest, 0.00818, 0.01, 0.0426, 3.815, 0.048));
        chain.ok("member2", SCORE, long_stepOnly(largest, -0.00738, 0.01, 3.815));
        assertEquals("accepted", status(largest), "the one measured direction decides: with the others");
    }

    @Test
    void theCourseIsACosineOfAMeasuredUpdate() {
        final String model = flow.open(contribution(1, 3));
        final String a = scoring(model, 1)[0];
        rejects(Rule.INVALID_FIELD, "member1", SCORE, course(a, -0.005, 0.001, 0.1, 1.0, 1.5));
        rejects(Rule.INVALID_FIELD, "member1", SCORE, course(a, -0.005, 0.001, 0.1, 1.0, -1.01));
        final JsonObject noContribution = com.google.gson.JsonParser.parseString(score(a, 0.5, null, null)).getAsJsonObject();
        noContribution.addProperty("contributionTrend", 0.2);
        rejects(Rule.INVALID_FIELD, "member1", SCORE, noContribution.toString());
        rejects(Rule.UNAVAILABLE_SCORE_HAS_VALUE, "member1", SCORE, unavailableWith(a, "contributionTrend", 0.2));
        chain.ok("member1", SCORE, course(a, -0.005, 0.001, 0.1, 1.0, -1.0));
    }

    /**
     * Two short steps (0.5 of the typical one where the set's spread is 0.04) against the others by
     * a cosine of -0.04, harming by t -1.5, within the allowance against the others (2.2). The
     * first carries a tiny weight: leaving it out moves the aggregate by 0.01 of a step, less than
     * the spread, so its shape cannot matter to the round and it is kept. The second carries a
     * full weight ("a little is enough"): short, held to no harm, rejected. The shift is recorded
     * with the score.
     */
    @Test
    void aShortStepOfNoWeightIsJudgedAsAnyOther() {
        final String model = flow.open(contribution(2, 3));
        final String[] submitted = scoring(model, 2);
        final String tiny = submitted[0], full = submitted[1];
        chain.ok("member1", SCORE, shifted(tiny, -0.0015, 0.001, 0.5, 0.04, 0.01));
        chain.ok("member2", SCORE, shifted(tiny, -0.0015, 0.001, 0.5, 0.04, 0.012));
        assertEquals("accepted", status(tiny), "moving the aggregate less than the spread: within the allowance");
        chain.ok("member1", SCORE, shifted(full, -0.0015, 0.001, 0.5, 0.04, 0.2));
        chain.ok("member2", SCORE, shifted(full, -0.0015, 0.001, 0.5, 0.04, 0.25));
        assertEquals("rejected", status(full), "a short step of full weight: no harm allowed");
        assertEquals(0.01, firstScore(tiny).get("contributionShift").getAsDouble(), 0, "recorded with the score");
    }

    @Test
    void theShiftIsANonNegativeMeasureBesideAStepRatio() {
        final String model = flow.open(contribution(1, 3));
        final String a = scoring(model, 1)[0];
        rejects(Rule.INVALID_FIELD, "member1", SCORE, shifted(a, -0.005, 0.001, 0.5, 0.04, -0.01));
        final JsonObject noRatio = com.google.gson.JsonParser.parseString(directed(a, -0.005, 0.001, 0.2)).getAsJsonObject();
        noRatio.addProperty("contributionShift", 0.01);
        rejects(Rule.INVALID_FIELD, "member1", SCORE, noRatio.toString());
        rejects(Rule.UNAVAILABLE_SCORE_HAS_VALUE, "member1", SCORE, unavailableWith(a, "contributionShift", 0.01));
        chain.ok("member1", SCORE, shifted(a, -0.005, 0.001, 0.5, 0.04, 0.0));
    }

    /** A score with a short step against the others (cosine -0.04, with the course by 0.03) and what leaving it out moves. */
    private static String shifted(final String updateId, final double contribution, final double se, final double ratio, final double spread,
                                  final double shift) {
        final JsonObject o = com.google.gson.JsonParser.parseString(course(updateId, contribution, se, -0.04, ratio, 0.03)).getAsJsonObject();
        o.addProperty("contributionStepSpread", spread);
        o.addProperty("contributionShift", shift);
        return o.toString();
    }

    @Test
    void copiesAreAPositiveCountOfAMeasuredUpdate() {
        final String model = flow.open(contribution(1, 3));
        final String a = scoring(model, 1)[0];
        rejects(Rule.INVALID_FIELD, "member1", SCORE, copy(a, -0.005, 0.001, 0));
        final JsonObject fraction = com.google.gson.JsonParser.parseString(copy(a, -0.005, 0.001, 2)).getAsJsonObject();
        fraction.addProperty("contributionCopies", 1.5);
        rejects(Rule.INVALID_FIELD, "member1", SCORE, fraction.toString());
        final JsonObject noContribution = com.google.gson.JsonParser.parseString(score(a, 0.5, null, null)).getAsJsonObject();
        noContribution.addProperty("contributionCopies", 2);
        rejects(Rule.INVALID_FIELD, "member1", SCORE, noContribution.toString());
    }

    @Test
    void aStepRatioIsANonNegativeRatioOfAMeasuredUpdate() {
        final String model = flow.open(contribution(1, 3));
        final String a = scoring(model, 1)[0];
        rejects(Rule.INVALID_FIELD, "member1", SCORE, long_(a, -0.005, 0.001, 0.5, -1));
        final JsonObject noContribution = com.google.gson.JsonParser.parseString(score(a, 0.5, null, null)).getAsJsonObject();
        noContribution.addProperty("contributionStepRatio", 2);
        rejects(Rule.INVALID_FIELD, "member1", SCORE, noContribution.toString());
    }

    @Test
    void aDirectionIsACosineOfAMeasuredUpdate() {
        final String model = flow.open(contribution(1, 3));
        final String a = scoring(model, 1)[0];
        rejects(Rule.INVALID_FIELD, "member1", SCORE, directed(a, -0.005, 0.001, 1.5));
        final JsonObject noContribution = com.google.gson.JsonParser.parseString(score(a, 0.5, null, null)).getAsJsonObject();
        noContribution.addProperty("contributionCosine", 0.5);
        rejects(Rule.INVALID_FIELD, "member1", SCORE, noContribution.toString());
    }

    @Test
    void afterTheDeadlineScoringStartsWithWhatCameIn() {
        final String model = flow.open(contribution(3, 2));
        flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        rejects(Rule.TOO_FEW_SUBMISSIONS, "member1", "round:StartScoring", model, "1");
        chain.advance(Duration.ofSeconds(3600));
        chain.ok("member1", "round:StartScoring", model, "1");
        assertEquals(1, round(model, 1).getAsJsonArray("scoring").size());
    }

    /** A free-rider re-sends its start: the members' sanity check fails, and they say why instead of measuring. */
    @Test
    void aFailedSanityCheckNeedsNoContributionAndRejects() {
        final String model = flow.open(contribution(2, 2));
        final String[] submitted = scoring(model, 2);
        final String freeRider = submitted[0], honest = submitted[1];
        final JsonObject insane = com.google.gson.JsonParser.parseString(score(freeRider, 0.0, null, null)).getAsJsonObject();
        insane.addProperty("reason", "moved 0.0001 % of the model: below 0.1 %");
        chain.ok("member1", SCORE, insane.toString());
        chain.ok("member2", SCORE, insane.toString());
        assertEquals("rejected", status(freeRider));
        rejects(Rule.CONTRIBUTION_REQUIRED, "member1", SCORE, score(honest, 0.9, null, null));
    }

    @Test
    void aThresholdModelHasNoScoringPhase() {
        final String model = flow.open(Specs.federated(1));
        flow.submitOk("provider1", model, Specs.cid("a"), INITIAL, 1);
        rejects(Rule.POLICY_INCOHERENT, "member1", "round:StartScoring", model, "1");
    }

    @Test
    void weightingAndPolicyAreCheckedAtPublication() {
        final JsonObject capped = Specs.federated(2);
        final JsonObject w = new JsonObject();
        w.addProperty("policy", "capped");
        capped.add("weighting", w);
        rejects(Rule.POLICY_INCOHERENT, "publisher", "model:PublishModel", capped.toString());
        w.addProperty("cap", 600);
        w.addProperty("perOrganisation", true);
        final String model = flow.publish(capped);
        final JsonObject stored = chain.ok("outsider", "query:GetModel", model).object().getAsJsonObject("weighting");
        assertEquals("capped", stored.get("policy").getAsString());
        assertEquals(600, stored.get("cap").getAsLong());
        assertTrue(stored.get("perOrganisation").getAsBoolean());
        final JsonObject bad = Specs.federated(2);
        final JsonObject w2 = new JsonObject();
        w2.addProperty("policy", "trust-me");
        bad.add("weighting", w2);
        rejects(Rule.INVALID_FIELD, "publisher", "model:PublishModel", bad.toString());
        final JsonObject tol = Specs.federated(2);
        tol.getAsJsonObject("acceptance").addProperty("tolerance", 2);
        rejects(Rule.POLICY_INCOHERENT, "publisher", "model:PublishModel", tol.toString());
    }
}
