package dln.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.Mode;
import dln.api.ModelStatus;
import dln.api.UpdateStatus;
import dln.api.DlnLedger;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.core.aggregation.FedAvg;
import dln.core.data.Dataset;
import dln.core.evaluation.Evaluator;
import dln.core.model.ArchitecturePlan;
import dln.core.model.BuiltinModels;
import dln.core.model.ParameterInit;
import dln.core.storage.VectorSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A member's contribution measurement is a function of the round's fixed set: the same numbers
 * whatever order the set is listed or scored in, and a harmful update measures negative.
 */
class RoundContributionsTest {

    private static ArchitecturePlan plan;
    private static Evaluator evaluator;
    private static Dataset fragment;
    private static float[] start;

    @BeforeAll
    static void setUp() {
        plan = ArchitecturePlan.of(BuiltinModels.mlp().architecture());
        evaluator = new Evaluator(plan);
        final SplittableRandom r = new SplittableRandom(3);
        final int n = 200;
        final float[] x = new float[n * plan.inputSize()];
        final int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = r.nextInt(plan.numClasses());
            for (int j = 0; j < plan.inputSize(); j++) {
                // Each class lights up its own band of pixels: learnable, so a step can help or hurt.
                x[i * plan.inputSize() + j] = (j % plan.numClasses() == y[i] ? 1f : 0f) * (float) r.nextDouble();
            }
        }
        fragment = new Dataset(x, y, plan.inputSize(), plan.numClasses());
        start = ParameterInit.initialise(plan, 5);
    }

    private static ModelContext context() {
        final ModelView m = new ModelView("m-1", "test", null, null, null, null, null, Mode.FEDERATED, null, null, null, null, 0, List.of(),
                null, null, ModelStatus.OPEN, List.of(), 1, null, null, null);
        return new ModelContext(m, plan, new FedAvg());
    }

    private static UpdateView update(final String id) {
        return update(id, "cid-" + id, 100);
    }

    private static UpdateView update(final String id, final String cid, final long samples) {
        return new UpdateView(id, "m-1", new LedgerIdentity("Org1MSP", "x509::" + id), cid, List.of("initial"), 1, samples, 1000,
                UpdateStatus.PENDING, null, "t", null, null);
    }

    @Test
    void theMeasurementDependsOnTheSetNotOnItsOrder() {
        final List<UpdateView> set = new ArrayList<>();
        final Map<String, float[]> weights = new HashMap<>();
        final SplittableRandom r = new SplittableRandom(11);
        final float[] gradientLike = evaluatorStep();
        for (int k = 0; k < 5; k++) {
            final String id = "u-" + k;
            // Four steps along a helpful direction with noise, one against it.
            final double sign = k == 4 ? -3 : 1;
            final float[] w = moved(j -> sign * gradientLike[j] + 0.001 * (r.nextDouble() - 0.5));
            set.add(update(id));
            weights.put(id, w);
        }
        final RoundContributions forward = RoundContributions.measure(context(), set, weights, start, evaluator, fragment);
        final List<UpdateView> shuffled = new ArrayList<>(set);
        Collections.reverse(shuffled);
        Collections.swap(shuffled, 1, 3);
        final RoundContributions other = RoundContributions.measure(context(), shuffled, weights, start, evaluator, fragment);
        for (UpdateView u : set) {
            final DlnLedger.Contribution a = forward.of(u.id());
            final DlnLedger.Contribution b = other.of(u.id());
            assertEquals(Double.doubleToLongBits(a.value()), Double.doubleToLongBits(b.value()), "same bits for " + u.id());
            assertEquals(Double.doubleToLongBits(a.standardError()), Double.doubleToLongBits(b.standardError()), u.id());
            assertEquals(a.cosine(), b.cosine(), u.id() + ": the same bits (Double.equals)");
            assertEquals(a.stepRatio(), b.stepRatio(), u.id() + ": the same bits (Double.equals)");
            assertEquals(a.copies(), b.copies(), u.id());
            assertEquals(a.bestClass(), b.bestClass(), u.id() + ": the same bits (Double.equals)");
            assertEquals(a.aloneBestClass(), b.aloneBestClass(), u.id() + ": the same bits (Double.equals)");
            assertEquals(a.aloneHarmed(), b.aloneHarmed(), u.id());
            assertEquals(a.shift(), b.shift(), u.id() + ": the same bits (Double.equals)");
        }
        // Alone: each update's weights against the round's start, class by class.
        final double[] alone = dln.core.evaluation.PairedLoss.byClass(evaluator.losses(start, fragment), evaluator.losses(weights.get("u-4"), fragment),
                fragment.labels(), fragment.numClasses());
        assertEquals(dln.core.evaluation.PairedLoss.bestClass(alone), forward.of("u-4").aloneBestClass(), 0);
        assertEquals(dln.core.evaluation.PairedLoss.harmedShare(alone, DlnLedger.Contribution.CLASS_T), forward.of("u-4").aloneHarmed(), 0);
        assertTrue(forward.of("u-0").aloneBestClass() > forward.of("u-4").aloneBestClass(), "alone, the helpful step helps its best class more");
        assertTrue(forward.of("u-4").aloneHarmed() > forward.of("u-0").aloneHarmed(), "alone, the step against the others harms more classes: "
                + forward.of("u-4") + " " + forward.of("u-0"));
        // The best class is the same paired decrease taken class by class: for a helpful step, some class gains.
        final float[] without = fedAvg(set.stream().filter(u -> !u.id().equals("u-0")).toList(), weights);
        final float[] with = fedAvg(set, weights);
        assertEquals(dln.core.evaluation.PairedLoss.bestClass(evaluator.losses(without, fragment), evaluator.losses(with, fragment),
                fragment.labels(), fragment.numClasses()), forward.of("u-0").bestClass(), 1e-5 * Math.abs(forward.of("u-0").bestClass()),
                "the test's mean differs from the rule's in the last float bits");
        assertTrue(forward.of("u-0").bestClass() > forward.of("u-4").bestClass(), "the helpful step helps its best class more than the harmful one");
        assertTrue(forward.of("u-4").cosine() < 0 && forward.of("u-0").cosine() > 0, "the step against the others points against them");
        assertTrue(forward.of("u-4").value() < 0, "the step against the others makes the aggregate worse: " + forward.of("u-4"));
        assertTrue(forward.of("u-0").value() > 0, "a helpful step helps: " + forward.of("u-0"));
    }

    /**
     * Trust weighting scales what is aggregated, not what is judged: the members measure each update
     * at the weight its claim gives it, so an update whose provider the committee kept rejecting
     * shows the harm it would do at full weight (judged at its trust, a harmful update's small
     * weight hid its harm, it was kept, and its trust rose again: docs/protocol.md §6).
     */
    @Test
    void membersJudgeAnUpdateAtItsClaimedWeightWhateverItsTrust() {
        final List<UpdateView> set = new ArrayList<>();
        final Map<String, float[]> weights = new HashMap<>();
        final float[] gradientLike = evaluatorStep();
        for (int k = 0; k < 4; k++) {
            final String id = "u-" + k;
            final double sign = k == 3 ? -3 : 1;
            weights.put(id, moved(j -> sign * gradientLike[j]));
            final UpdateView.Track track = k == 3 ? new UpdateView.Track(0, 9) : new UpdateView.Track(9, 0);
            set.add(new UpdateView(id, "m-1", new LedgerIdentity("Org1MSP", "x509::" + id), "cid-" + id, List.of("initial"), 1, 100, 1000,
                    UpdateStatus.PENDING, null, "t", null, null, null, null, null, track));
        }
        final ModelContext plain = context();
        final ModelContext trusted = new ModelContext(plain.model().withWeighting(LearningPolicy.weighting("claimed,trust:2")), plan, new FedAvg());
        final RoundContributions atClaim = RoundContributions.measure(plain, set, weights, start, evaluator, fragment);
        final RoundContributions atTrust = RoundContributions.measure(trusted, set, weights, start, evaluator, fragment);
        for (UpdateView u : set) {
            assertEquals(Double.doubleToLongBits(atClaim.of(u.id()).value()), Double.doubleToLongBits(atTrust.of(u.id()).value()), u.id());
        }
        assertTrue(atTrust.of("u-3").value() < 0, "the harmful update is measured harmful: " + atTrust.of("u-3"));
        // What the round aggregates does weigh the distrusted update less: the aggregate differs.
        final long[] claimed = Aggregates.weights(plain, Aggregates.canonical(set), false, List.of());
        final long[] trustedWeights = Aggregates.weights(trusted, Aggregates.canonical(set), false, List.of());
        assertEquals(claimed[0], claimed[3]);
        assertTrue(trustedWeights[3] < trustedWeights[0] / 50, java.util.Arrays.toString(trustedWeights));
    }

    /** Two orthogonal steps of equal norm, d and e, on the weights of the first two bands of 64. */
    private static float[][] orthogonalSteps() {
        final float[] d = new float[start.length];
        final float[] e = new float[start.length];
        for (int j = 0; j < 64; j++) {
            d[j] = 0.01f;
            e[64 + j] = 0.01f;
        }
        return new float[][] {d, e};
    }

    /** Updates u-1, u-2, ... that step from the start by {@code steps}, in order. */
    private static Map<String, float[]> fromStart(final float[]... steps) {
        final Map<String, float[]> weights = new HashMap<>();
        for (int k = 0; k < steps.length; k++) {
            weights.put("u-" + (k + 1), plus(start, steps[k]));
        }
        return weights;
    }

    /**
     * The direction recorded with a contribution: the cosine between the update's step and the step
     * of the round's aggregate without it. Steps d, d + e and -d (d and e orthogonal, equal norms,
     * equal weights): u-3 against the mean of the others, d + e/2, measures -1/sqrt(1.25); u-1
     * against e/2 measures 0; u-2 against 0 (d and -d cancel) measures nothing. A lone update has
     * no others.
     */
    @Test
    void theDirectionIsTheCosineWithTheOthersAggregateStep() {
        final float[][] de = orthogonalSteps();
        final float[] d = de[0];
        final Map<String, float[]> weights = fromStart(d, plus(d, de[1]), minus(d));
        final List<UpdateView> set = List.of(update("u-1"), update("u-2"), update("u-3"));
        // The steps move only weights of input pixel 0, dark on this fragment: no update helps or
        // harms, so the cosines are the geometry alone.
        final float[] dark = fragment.features().clone();
        for (int i = 0; i < fragment.size(); i++) {
            dark[i * plan.inputSize()] = 0;
        }
        final Dataset fragment = new Dataset(dark, RoundContributionsTest.fragment.labels(), plan.inputSize(), plan.numClasses());
        final RoundContributions m = RoundContributions.measure(context(), set, weights, start, evaluator, fragment);
        assertEquals(0.0, m.of("u-1").value(), 0, "pixel 0 is dark: nothing changes");
        assertEquals(-1 / Math.sqrt(1.25), m.of("u-3").cosine(), 1e-5);
        assertEquals(0.0, m.of("u-1").cosine(), 1e-5);
        assertEquals(null, m.of("u-2").cosine(), "the others' steps cancel: no direction to compare with");
        final RoundContributions alone = RoundContributions.measure(context(), List.of(update("u-1")), Map.of("u-1", weights.get("u-1")), start,
                evaluator, fragment);
        assertEquals(null, alone.of("u-1").cosine());
        // Step ratios over the lower median of |d|, sqrt(2)|d|, |d|: |d|.
        assertEquals(1.0, m.of("u-1").stepRatio(), 1e-6);
        assertEquals(Math.sqrt(2), m.of("u-2").stepRatio(), 1e-6);
        assertEquals(1.0, m.of("u-3").stepRatio(), 1e-6);
        assertEquals(1.0, alone.of("u-1").stepRatio(), 1e-12, "alone, its own step is the typical one");
        // u-3 boosted to -5d: the lower median of |d|, sqrt(2)|d|, 5|d| is sqrt(2)|d|, so its ratio is 5/sqrt(2) = 3.54
        // (the chaincode judges it by harm alone, DlnLedger.Contribution.MAX_STEP_RATIO); its direction is still recorded.
        final float[] five = new float[start.length];
        for (int j = 0; j < five.length; j++) {
            five[j] = -5 * d[j];
        }
        weights.put("u-3", plus(start, five));
        final RoundContributions boosted = RoundContributions.measure(context(), set, weights, start, evaluator, fragment);
        assertEquals(5 / Math.sqrt(2), boosted.of("u-3").stepRatio(), 1e-6);
        assertEquals(-1 / Math.sqrt(1.25), boosted.of("u-3").cosine(), 1e-5, "-5d against d + e/2");
        assertEquals(1 / Math.sqrt(2), boosted.of("u-1").stepRatio(), 1e-6);
        assertEquals(-4 / Math.sqrt(17), boosted.of("u-1").cosine(), 1e-5, "the others keep theirs: d against (-4d + e)/2");
    }

    /**
     * The shift is how far leaving an update out moves the aggregate, over the typical step: with
     * steps d, d + e and -d at equal weights the aggregate is (d + e)/3; without u-1 it is e/2, a
     * distance of |d/3 - e/6| = sqrt(5)/6 typical steps; without u-3, d + e/2, sqrt(17)/6. Claiming
     * one example against 100 each, u-3 moves it by its weight share times its distance from the
     * others, (1/201) x |-2d - e/2| = sqrt(17)/402 of a step: a tiny provider's shape cannot matter.
     */
    @Test
    void theShiftIsHowFarLeavingTheUpdateOutMovesTheAggregate() {
        final float[][] de = orthogonalSteps();
        final float[] d = de[0];
        final Map<String, float[]> weights = fromStart(d, plus(d, de[1]), minus(d));
        final RoundContributions equal = RoundContributions.measure(context(), List.of(update("u-1"), update("u-2"), update("u-3")), weights, start,
                evaluator, fragment);
        assertEquals(Math.sqrt(5) / 6, equal.of("u-1").shift(), 1e-5);
        assertEquals(Math.sqrt(17) / 6, equal.of("u-3").shift(), 1e-5);
        final RoundContributions tiny = RoundContributions.measure(context(), List.of(update("u-1"), update("u-2"), update("u-3", "cid-u-3", 1)),
                weights, start, evaluator, fragment);
        assertEquals(Math.sqrt(17) / 402, tiny.of("u-3").shift(), 1e-6);
        assertEquals(1.0, tiny.of("u-3").stepRatio(), 1e-6, "its step is as long as the others': only its weight is small");
        final RoundContributions alone = RoundContributions.measure(context(), List.of(update("u-1")), Map.of("u-1", weights.get("u-1")), start,
                evaluator, fragment);
        assertEquals(1.0, alone.of("u-1").shift(), 1e-6, "alone, leaving it out leaves the start: one whole step");
    }

    /**
     * Short steps shorten the round together, so each short step's shift is that of leaving every
     * short step of its set out at once: four steps d + a_k (a_k half as long, on bands of their own)
     * claiming 100 examples each and two short ones, 0.2 of d on bands of their own, claiming one
     * each. Each short step's shift is |A(S) - A(the four)| over the typical step, more than either
     * moves the aggregate alone; an ordinary step's is its own.
     */
    @Test
    void aShortStepsShiftIsThatOfEveryShortStepOfItsSetLeftOutTogether() {
        final Map<String, float[]> weights = new HashMap<>();
        final List<UpdateView> set = new ArrayList<>();
        for (int k = 1; k <= 6; k++) {
            final float[] step = new float[start.length];
            for (int j = 0; j < 64; j++) {
                if (k <= 4) {
                    step[j] = 0.01f;
                    step[64 * k + j] = 0.005f;
                } else {
                    step[64 * k + j] = 0.002f;
                }
            }
            weights.put("u-" + k, plus(start, step));
            set.add(update("u-" + k, "cid-u-" + k, k <= 4 ? 100 : 1));
        }
        final RoundContributions m = RoundContributions.measure(context(), set, weights, start, evaluator, fragment);
        final double typical = norm(minusOf(weights.get("u-1"), start));
        assertTrue(DlnLedger.Contribution.shortStep(m.of("u-5").stepRatio(), m.of("u-5").stepSpread()), "0.18 of the typical step: short");
        final double[] all = weightedMean(weights, List.of("u-1", "u-2", "u-3", "u-4", "u-5", "u-6"), new double[] {100, 100, 100, 100, 1, 1});
        final double[] ordinary = weightedMean(weights, List.of("u-1", "u-2", "u-3", "u-4"), new double[] {100, 100, 100, 100});
        final double together = distance(all, ordinary) / typical;
        // The aggregates are float32 vectors near the start: their difference holds about four digits.
        assertEquals(together, m.of("u-5").shift(), 1e-3 * together);
        assertEquals(m.of("u-5").shift(), m.of("u-6").shift(), "both short steps record the shift of leaving both out");
        final double aloneShift = distance(all, weightedMean(weights, List.of("u-1", "u-2", "u-3", "u-4", "u-6"),
                new double[] {100, 100, 100, 100, 1})) / typical;
        assertTrue(together > aloneShift * 1.3, together + " against " + aloneShift + " for u-5 left out alone");
        final double ownShift = distance(all, weightedMean(weights, List.of("u-2", "u-3", "u-4", "u-5", "u-6"),
                new double[] {100, 100, 100, 1, 1})) / typical;
        assertEquals(ownShift, m.of("u-1").shift(), 1e-3 * ownShift, "an ordinary step's shift is its own");
    }

    private static double[] weightedMean(final Map<String, float[]> weights, final List<String> ids, final double[] w) {
        final double[] out = new double[start.length];
        double total = 0;
        for (int k = 0; k < ids.size(); k++) {
            final float[] v = weights.get(ids.get(k));
            for (int j = 0; j < out.length; j++) {
                out[j] += w[k] * v[j];
            }
            total += w[k];
        }
        for (int j = 0; j < out.length; j++) {
            out[j] /= total;
        }
        return out;
    }

    private static double distance(final double[] a, final double[] b) {
        double sum = 0;
        for (int j = 0; j < a.length; j++) {
            sum += (a[j] - b[j]) * (a[j] - b[j]);
        }
        return Math.sqrt(sum);
    }

    private static double[] minusOf(final float[] a, final float[] b) {
        final double[] out = new double[a.length];
        for (int j = 0; j < a.length; j++) {
            out[j] = (double) a[j] - b[j];
        }
        return out;
    }

    private static double norm(final double[] a) {
        return distance(a, new double[a.length]);
    }

    private static float[] plus(final float[] a, final float[] b) {
        final float[] out = a.clone();
        for (int j = 0; j < out.length; j++) {
            out[j] += b[j];
        }
        return out;
    }

    private static float[] minus(final float[] a) {
        final float[] out = new float[a.length];
        for (int j = 0; j < out.length; j++) {
            out[j] = -a[j];
        }
        return out;
    }

    /**
     * Two long steps (8x a helpful step, one with it and one against it) among four ordinary ones:
     * each long step is measured against the ordinary updates alone, as if the other long step had
     * not been sent, so neither can hide or offset the other's harm; an ordinary update is still
     * left out alone.
     */
    /**
     * The course is the cosine of each step with the federation's last step, {@code start - from}:
     * the same geometry as the direction, against the round's own history, and none without it (the
     * first round, gossip).
     */
    @Test
    void theCourseIsTheCosineWithTheFederationsLastStep() {
        final float[][] de = orthogonalSteps();
        final float[] d = de[0];
        final Map<String, float[]> weights = fromStart(d, plus(d, de[1]), minus(d));
        final List<UpdateView> set = List.of(update("u-1"), update("u-2"), update("u-3"));
        // The federation came to the start by d: from = start - d.
        final float[] from = plus(start, minus(d));
        final Aggregates.Start roundStart = new Aggregates.Start(start, dln.core.optimiser.OptimiserState.empty(), from);
        final RoundContributions m = RoundContributions.measure(context(), set, VectorSet.inMemory(weights), roundStart, evaluator, fragment);
        assertEquals(1.0, m.of("u-1").trend(), 1e-5, "the federation's own way");
        assertEquals(1 / Math.sqrt(2), m.of("u-2").trend(), 1e-5);
        assertEquals(-1.0, m.of("u-3").trend(), 1e-5, "back the way it came");
        final RoundContributions first = RoundContributions.measure(context(), set, weights, start, evaluator, fragment);
        assertEquals(null, first.of("u-1").trend(), "no last step: not measured");
    }

    @Test
    void longStepsAreMeasuredAgainstTheOrdinaryUpdatesAlone() {
        final float[] g = evaluatorStep();
        final SplittableRandom r = new SplittableRandom(17);
        final Map<String, float[]> weights = new HashMap<>();
        final List<UpdateView> ordinary = alike(4, g, r, weights);
        final float[] with = start.clone();
        final float[] against = start.clone();
        for (int j = 0; j < start.length; j++) {
            with[j] += 8 * g[j];
            against[j] -= 8 * g[j];
        }
        weights.put("u-with", with);
        weights.put("u-against", against);
        final List<UpdateView> set = new ArrayList<>(ordinary);
        set.add(update("u-with"));
        set.add(update("u-against"));
        final RoundContributions m = RoundContributions.measure(context(), set, weights, start, evaluator, fragment);
        for (String id : List.of("u-with", "u-against")) {
            assertTrue(m.of(id).stepRatio() > DlnLedger.Contribution.MAX_STEP_RATIO, id + " is a long step: " + m.of(id).stepRatio());
            final List<UpdateView> alone = new ArrayList<>(ordinary);
            alone.add(update(id));
            final DlnLedger.Contribution expected = RoundContributions.measure(context(), alone, weights, start, evaluator, fragment).of(id);
            assertEquals(expected.value(), m.of(id).value(), 1e-5 * Math.abs(expected.value()) + 1e-7, id + ": against the ordinary ones alone");
            assertEquals(expected.standardError(), m.of(id).standardError(), 1e-4 * expected.standardError() + 1e-7, id);
        }
        assertTrue(m.of("u-against").value() < 0, "the long step against the others harms: " + m.of("u-against"));
        // Left out one at a time, the step against would have been measured beside the step with it, which it offsets.
        final List<UpdateView> withoutAgainst = new ArrayList<>(set);
        withoutAgainst.removeIf(u -> u.id().equals("u-against"));
        final float[] both = fedAvg(set, weights);
        final double oneAtATime = dln.core.evaluation.PairedLoss.of(evaluator.losses(fedAvg(withoutAgainst, weights), fragment),
                evaluator.losses(both, fragment)).mean();
        assertTrue(Math.abs(oneAtATime - m.of("u-against").value()) > 1e-4, "a different measure than leave-one-out: " + oneAtATime);
        // An ordinary update is left out alone, as before.
        final List<UpdateView> rest = new ArrayList<>(set);
        rest.removeIf(u -> u.id().equals("u-0"));
        final double leftOut = dln.core.evaluation.PairedLoss.of(evaluator.losses(fedAvg(rest, weights), fragment), evaluator.losses(both, fragment)).mean();
        assertEquals(leftOut, m.of("u-0").value(), 1e-5 * Math.abs(leftOut) + 1e-7);
    }

    /**
     * Two harmful updates that share a large component h (cosine about 0.9 with each other, not
     * copies) and go slightly against four helpful ones: left out alone, each finds the other's h
     * in the mean of the rest and seems to go with it; measured against the others that do not
     * harm, it goes against them. Its harm is still measured leave-one-out, and a helpful update's
     * direction is still against all the others.
     */
    @Test
    void aHarmfulUpdatesDirectionIsMeasuredAgainstTheOthersThatDoNotHarm() {
        final float[] g = evaluatorStep();
        final SplittableRandom r = new SplittableRandom(29);
        double gNorm = 0;
        for (float v : g) {
            gNorm += v * v;
        }
        gNorm = Math.sqrt(gNorm);
        final float[] h = new float[g.length];
        double hNorm = 0;
        for (int j = 0; j < h.length; j++) {
            h[j] = (float) (r.nextDouble() - 0.5);
            hNorm += h[j] * h[j];
        }
        final double scale = 2 * gNorm / Math.sqrt(hNorm);
        final Map<String, float[]> weights = new HashMap<>();
        final List<UpdateView> helpful = alike(4, g, r, weights);
        final List<UpdateView> set = new ArrayList<>(helpful);
        for (String id : List.of("u-x", "u-y")) {
            final float[] w = moved(j -> scale * h[j] - 0.1 * g[j] + 0.5 * scale * (r.nextDouble() - 0.5));
            weights.put(id, w);
            set.add(update(id));
        }
        final RoundContributions m = RoundContributions.measure(context(), set, weights, start, evaluator, fragment);
        final float[] helpfulMean = fedAvg(helpful, weights);
        for (String id : List.of("u-x", "u-y")) {
            assertTrue(m.of(id).value() < 0, id + " harms: " + m.of(id));
            assertTrue(m.of(id).stepRatio() < DlnLedger.Contribution.MAX_STEP_RATIO, id + " is an ordinary step: " + m.of(id).stepRatio());
            assertEquals(UpdateGeometry.stepCosine(weights.get(id), helpfulMean, start), m.of(id).cosine(), 1e-5, id + " against the helpful ones");
            final List<UpdateView> others = new ArrayList<>(set);
            others.removeIf(u -> u.id().equals(id));
            assertTrue(UpdateGeometry.stepCosine(weights.get(id), fedAvg(others, weights), start) > 0,
                    "left out alone, it would seem to go with the others");
            assertTrue(m.of(id).cosine() < 0, id + " goes against the helpful ones: " + m.of(id).cosine());
        }
        final List<UpdateView> rest = new ArrayList<>(set);
        rest.removeIf(u -> u.id().equals("u-0"));
        assertEquals(UpdateGeometry.stepCosine(weights.get("u-0"), fedAvg(rest, weights), start), m.of("u-0").cosine(), 1e-5,
                "a helpful update against all the others");
    }

    /** The round's start moved by {@code step(j)} at each coordinate j, in increasing j (each added as a float). */
    private static float[] moved(final java.util.function.IntToDoubleFunction step) {
        final float[] w = start.clone();
        for (int j = 0; j < w.length; j++) {
            w[j] += (float) step.applyAsDouble(j);
        }
        return w;
    }

    /**
     * Under a server optimiser each aggregate is judged as the model it makes: FedAvgM's step from
     * the round's start with the round's momentum, x + lr (beta m + A - x), with and without the
     * update. The same set without an optimiser measures something else.
     */
    @Test
    void eachAggregateIsJudgedAsTheModelTheServerOptimiserMakesOfIt() {
        final float[] g = evaluatorStep();
        final SplittableRandom r = new SplittableRandom(31);
        final Map<String, float[]> weights = new HashMap<>();
        final List<UpdateView> set = new ArrayList<>();
        for (int k = 0; k < 4; k++) {
            final double sign = k == 3 ? -1 : 1;
            final float[] w = moved(j -> sign * g[j] + 0.001 * (r.nextDouble() - 0.5));
            set.add(update("u-" + k));
            weights.put("u-" + k, w);
        }
        final float[] momentum = new float[start.length];
        for (int j = 0; j < momentum.length; j++) {
            momentum[j] = 3 * g[j];
        }
        final dln.core.optimiser.FedAvgM fedAvgM = new dln.core.optimiser.FedAvgM(1, 0.9);
        final ModelContext ctx = new ModelContext(context().model(), plan, new dln.core.aggregation.FedAvg(), fedAvgM);
        final dln.core.optimiser.OptimiserState state = dln.core.optimiser.OptimiserState.of(momentum);
        final RoundContributions m = RoundContributions.measure(ctx, set, VectorSet.inMemory(weights), new Aggregates.Start(start, state),
                evaluator, fragment);
        final List<UpdateView> others = new ArrayList<>(set);
        others.removeIf(u -> u.id().equals("u-3"));
        final double expected = dln.core.evaluation.PairedLoss.of(
                evaluator.losses(atModel(fedAvgM, state, others, weights), fragment),
                evaluator.losses(atModel(fedAvgM, state, set, weights), fragment)).mean();
        assertEquals(expected, m.of("u-3").value(), 1e-4 * Math.abs(expected) + 1e-7, "judged at the optimiser's models");
        final RoundContributions bare = RoundContributions.measure(context(), set, weights, start, evaluator, fragment);
        assertTrue(Math.abs(bare.of("u-3").value() - m.of("u-3").value()) > 1e-4,
                "at the bare aggregates it measures otherwise: " + bare.of("u-3").value() + " vs " + m.of("u-3").value());
        assertEquals(bare.of("u-3").cosine(), m.of("u-3").cosine(), 1e-12, "the direction is the steps' geometry either way");
    }

    /**
     * Five alike steps (g with 30 % noise per coordinate: lengths within a fraction of a percent,
     * directions apart enough not to be copies, which would count once; the lower median distance
     * of their lengths from the typical one is the spread) and two 1.8x steps: long for this set's spread though far within
     * three typical steps, like a label flipper's among alike honest ones. Each is measured against
     * the alike ones alone, and the spread is recorded with every update.
     */
    @Test
    void aStepLongForItsSetsSpreadIsMeasuredAgainstTheOrdinaryOnes() {
        final float[] g = evaluatorStep();
        final SplittableRandom r = new SplittableRandom(37);
        final Map<String, float[]> weights = new HashMap<>();
        final List<UpdateView> ordinary = jittered(List.of("u-0", "u-1", "u-2", "u-3", "u-4"), 1, g, r, weights);
        final List<UpdateView> set = new ArrayList<>(ordinary);
        set.addAll(jittered(List.of("u-x", "u-y"), 1.8, g, r, weights));
        final RoundContributions m = RoundContributions.measure(context(), set, weights, start, evaluator, fragment);
        final double[] distances = set.stream().mapToDouble(u -> Math.abs(m.of(u.id()).stepRatio() - 1)).sorted().toArray();
        for (UpdateView u : set) {
            assertEquals(distances[3], m.of(u.id()).stepSpread(), 1e-12, u.id() + ": the lower median distance from 1");
        }
        assertTrue(m.of("u-0").stepSpread() < 0.01, "alike steps: " + m.of("u-0").stepSpread());
        for (String id : List.of("u-x", "u-y")) {
            assertTrue(DlnLedger.Contribution.longStep(m.of(id).stepRatio(), m.of(id).stepSpread()), id + " is long for its set");
            assertTrue(m.of(id).stepRatio() < DlnLedger.Contribution.MAX_STEP_RATIO, id + " is within three typical steps");
            final List<UpdateView> alone = new ArrayList<>(ordinary);
            alone.add(update(id));
            final DlnLedger.Contribution expected = RoundContributions.measure(context(), alone, weights, start, evaluator, fragment).of(id);
            // Alike long steps are also judged together (alikeLongStepsAreAlsoJudgedTogether): the worse is recorded.
            final List<UpdateView> both = new ArrayList<>(ordinary);
            both.add(update("u-x"));
            both.add(update("u-y"));
            final dln.core.evaluation.PairedLoss together = dln.core.evaluation.PairedLoss.of(evaluator.losses(fedAvg(ordinary, weights), fragment),
                    evaluator.losses(fedAvg(both, weights), fragment));
            final double worse = together.tStatistic() < expected.value() / expected.standardError() ? together.mean() : expected.value();
            assertEquals(worse, m.of(id).value(), 1e-5 * Math.abs(worse) + 1e-7, id + ": against the ordinary ones, alone or with the other");
        }
        assertFalse(DlnLedger.Contribution.longStep(m.of("u-0").stepRatio(), m.of("u-0").stepSpread()), "an alike step is ordinary");
        // Fewer than four steps give no spread worth the name (of two, the lower median distance is 0): none is recorded.
        final List<UpdateView> small = new ArrayList<>(ordinary.subList(0, 2));
        small.add(update("u-x"));
        final RoundContributions few = RoundContributions.measure(context(), small, weights, start, evaluator, fragment);
        for (UpdateView u : small) {
            assertEquals(null, few.of(u.id()).stepSpread(), u.id() + ": no spread from " + small.size() + " steps");
        }
        assertFalse(DlnLedger.Contribution.longStep(few.of("u-x").stepRatio(), -1), "1.8x among three: ordinary, only 3x is long");
        // Four do: one attacker of four is long for the set three honest steps spread.
        final List<UpdateView> four = new ArrayList<>(ordinary.subList(0, 3));
        four.add(update("u-x"));
        final RoundContributions ofFour = RoundContributions.measure(context(), four, weights, start, evaluator, fragment);
        assertTrue(DlnLedger.Contribution.longStep(ofFour.of("u-x").stepRatio(), ofFour.of("u-x").stepSpread()),
                "1.8x among four alike: long for its set, spread " + ofFour.of("u-x").stepSpread());
    }

    /**
     * Three long steps that go one way (five typical steps, jittered: not copies) and one that goes
     * the other: each of the three added alone to the ordinary updates overshoots less than the
     * three together, whose measure has the smaller t, so each records that one; the step against
     * them is judged alone beside the ordinary ones, as before.
     */
    @Test
    void alikeLongStepsAreAlsoJudgedTogether() {
        final float[] g = evaluatorStep();
        final SplittableRandom r = new SplittableRandom(43);
        final Map<String, float[]> weights = new HashMap<>();
        final List<UpdateView> ordinary = jittered(List.of("u-0", "u-1", "u-2", "u-3", "u-4"), 1, g, r, weights);
        final List<UpdateView> set = new ArrayList<>(ordinary);
        final List<String> alikeIds = List.of("u-x", "u-y", "u-z");
        set.addAll(jittered(alikeIds, 5, g, r, weights));
        weights.put("u-against", moved(j -> -5 * g[j]));
        set.add(update("u-against"));
        final RoundContributions m = RoundContributions.measure(context(), set, weights, start, evaluator, fragment);
        final List<UpdateView> together = new ArrayList<>(ordinary);
        alikeIds.forEach(id -> together.add(update(id)));
        final dln.core.evaluation.PairedLoss three = dln.core.evaluation.PairedLoss.of(evaluator.losses(fedAvg(ordinary, weights), fragment),
                evaluator.losses(fedAvg(together, weights), fragment));
        for (String id : alikeIds) {
            assertTrue(m.of(id).stepRatio() > DlnLedger.Contribution.MAX_STEP_RATIO, id + " is long: " + m.of(id).stepRatio());
            assertEquals(1, m.of(id).copies(), id + " is no copy");
            final List<UpdateView> alone = new ArrayList<>(ordinary);
            alone.add(update(id));
            final dln.core.evaluation.PairedLoss one = dln.core.evaluation.PairedLoss.of(evaluator.losses(fedAvg(ordinary, weights), fragment),
                    evaluator.losses(fedAvg(alone, weights), fragment));
            assertTrue(three.tStatistic() < one.tStatistic(), "the case the test is for: together worse, " + three.tStatistic() + " against "
                    + one.tStatistic());
            assertEquals(three.mean(), m.of(id).value(), 1e-5 * Math.abs(three.mean()) + 1e-7, id + ": the three together");
            assertEquals(three.standardError(), m.of(id).standardError(), 1e-4 * three.standardError() + 1e-7, id);
        }
        final List<UpdateView> againstAlone = new ArrayList<>(ordinary);
        againstAlone.add(update("u-against"));
        final DlnLedger.Contribution expected = RoundContributions.measure(context(), againstAlone, weights, start, evaluator, fragment)
                .of("u-against");
        assertEquals(expected.value(), m.of("u-against").value(), 1e-5 * Math.abs(expected.value()) + 1e-7, "the step against: alone");
    }

    /**
     * Three steps against six ordinary ones (each the negation of a typical step, jittered: not
     * copies, not long): left out alone, each is measured beside the other two; added together to
     * the six, the three undo more, so each records that, the worse. An ordinary step is still
     * left out alone.
     */
    @Test
    void stepsClearlyAgainstTheOthersAreAlsoJudgedTogether() {
        final float[] g = evaluatorStep();
        final SplittableRandom r = new SplittableRandom(47);
        final Map<String, float[]> weights = new HashMap<>();
        final List<UpdateView> ordinary = jittered(List.of("u-0", "u-1", "u-2", "u-3", "u-4", "u-5"), 1, g, r, weights);
        final List<UpdateView> set = new ArrayList<>(ordinary);
        final List<String> flipped = List.of("u-x", "u-y", "u-z");
        set.addAll(jittered(flipped, -1, g, r, weights));
        final RoundContributions m = RoundContributions.measure(context(), set, weights, start, evaluator, fragment);
        final List<UpdateView> all = new ArrayList<>(ordinary);
        flipped.forEach(id -> all.add(update(id)));
        final dln.core.evaluation.PairedLoss three = dln.core.evaluation.PairedLoss.of(evaluator.losses(fedAvg(ordinary, weights), fragment),
                evaluator.losses(fedAvg(all, weights), fragment));
        for (String id : flipped) {
            assertTrue(DlnLedger.Contribution.clearlyAgainst(m.of(id).cosine()), id + " goes against the others: " + m.of(id).cosine());
            assertFalse(DlnLedger.Contribution.longStep(m.of(id).stepRatio(), m.of(id).stepSpread()), id + " is not long");
            final List<UpdateView> others = new ArrayList<>(all);
            others.removeIf(u -> u.id().equals(id));
            final dln.core.evaluation.PairedLoss leftOut = dln.core.evaluation.PairedLoss.of(evaluator.losses(fedAvg(others, weights), fragment),
                    evaluator.losses(fedAvg(all, weights), fragment));
            assertTrue(three.tStatistic() < leftOut.tStatistic(), "the case the test is for: together worse, " + three.tStatistic()
                    + " against " + leftOut.tStatistic());
            assertEquals(three.mean(), m.of(id).value(), 1e-5 * Math.abs(three.mean()) + 1e-7, id + ": the three together");
        }
        final List<UpdateView> rest = new ArrayList<>(all);
        rest.removeIf(u -> u.id().equals("u-0"));
        final double leftOut = dln.core.evaluation.PairedLoss.of(evaluator.losses(fedAvg(rest, weights), fragment),
                evaluator.losses(fedAvg(all, weights), fragment)).mean();
        assertEquals(leftOut, m.of("u-0").value(), 1e-5 * Math.abs(leftOut) + 1e-7, "an ordinary step: left out alone");
    }

    /**
     * Five honest steps and two sign-flipped ones. Measured in the whole set, the flipped steps
     * shape what each honest one adds; each member's own first scores reject both, so the honest
     * steps are measured again among themselves and carry exactly the scores of a round without the
     * flippers, while each flipped step is measured added to them together with the flipped step
     * that goes its way (here: the whole set again, so its first scores).
     */
    @Test
    void whatAMembersOwnScoresRejectLeavesTheRestMeasuredAsWithoutIt() {
        final float[] g = evaluatorStep();
        final SplittableRandom r = new SplittableRandom(53);
        final Map<String, float[]> weights = new HashMap<>();
        final List<UpdateView> honest = jittered(List.of("u-0", "u-1", "u-2", "u-3", "u-4"), 1, g, r, weights);
        final List<UpdateView> set = new ArrayList<>(honest);
        set.addAll(jittered(List.of("u-x", "u-y"), -1, g, r, weights));
        final Aggregates.Start roundStart = new Aggregates.Start(start, context().optimiser().initial(start.length));
        final VectorSet vectors = VectorSet.inMemory(weights);
        final RoundContributions first = RoundContributions.measure(context(), set, vectors, roundStart, evaluator, fragment);
        for (String id : List.of("u-x", "u-y")) {
            assertFalse(dln.api.ContributionRule.accepts(dln.api.ContributionRule.Evidence.of(first.of(id)), 3), id + " is rejected: " + first.of(id));
        }
        final RoundContributions without = RoundContributions.measure(context(), honest, vectors, roundStart, evaluator, fragment);
        final RoundContributions among = RoundContributions.measureAmongKept(context(), set, vectors, roundStart, evaluator, fragment, Map.of(), 3);
        assertNotEquals(without.of("u-0").value(), first.of("u-0").value(), "the case the test is for: the flippers shape the honest scores");
        for (UpdateView u : honest) {
            assertEquals(without.of(u.id()), among.of(u.id()), u.id() + ": the scores of the round without the flippers");
        }
        for (String id : List.of("u-x", "u-y")) {
            assertEquals(first.of(id), among.of(id), id + ": measured with the flipped step alike to it");
        }
        final List<UpdateView> shuffled = new ArrayList<>(set);
        Collections.reverse(shuffled);
        Collections.swap(shuffled, 0, 4);
        final RoundContributions reordered = RoundContributions.measureAmongKept(context(), shuffled, vectors, roundStart, evaluator, fragment,
                Map.of(), 3);
        for (UpdateView u : set) {
            assertEquals(among.of(u.id()), reordered.of(u.id()), u.id() + ": the same bits whatever the set's order");
        }
        final RoundContributions none = RoundContributions.measureAmongKept(context(), honest, vectors, roundStart, evaluator, fragment, Map.of(), 3);
        for (UpdateView u : honest) {
            assertEquals(without.of(u.id()), none.of(u.id()), u.id() + ": nothing rejected, nothing measured again");
        }
    }

    /**
     * Four honest steps, a fifth that harms (part of it a direction of its own), and two
     * sign-flipped steps. Among the honest updates alone, a member's first scores reject the fifth;
     * beside the flippers (each honest step undoes some of theirs) they keep it and reject only the
     * flippers. Measured again among what it keeps, the member's scores then reject the fifth, so it
     * measures once more without it: the member ends where it ends for the honest updates alone,
     * to the bit, as it would not after a single measurement among the kept.
     */
    @Test
    void aMemberMeasuresAmongWhatItKeepsUntilItKeepsWhatItMeasuredAmong() {
        final float[] g = evaluatorStep();
        final SplittableRandom r = new SplittableRandom(1);
        final Map<String, float[]> weights = new HashMap<>();
        final List<UpdateView> honest = new ArrayList<>(jittered(List.of("u-0", "u-1", "u-2", "u-3"), 1, g, r, weights));
        final float[] own = new float[g.length];
        for (int j = 0; j < own.length; j++) {
            own[j] = (float) (g[j] * (r.nextDouble() - 0.5) * 2);
        }
        weights.put("u-4", moved(j -> 0.8 * g[j] + own[j]));
        honest.add(update("u-4"));
        final List<UpdateView> set = new ArrayList<>(honest);
        set.addAll(jittered(List.of("u-x", "u-y"), -1, g, r, weights));
        final Aggregates.Start roundStart = new Aggregates.Start(start, context().optimiser().initial(start.length));
        final VectorSet vectors = VectorSet.inMemory(weights);
        final java.util.function.Predicate<DlnLedger.Contribution> kept = c -> dln.api.ContributionRule.accepts(dln.api.ContributionRule.Evidence.of(c), 3);
        final RoundContributions aloneFirst = RoundContributions.measure(context(), honest, vectors, roundStart, evaluator, fragment);
        final RoundContributions first = RoundContributions.measure(context(), set, vectors, roundStart, evaluator, fragment);
        assertFalse(kept.test(aloneFirst.of("u-4")), "the case the test is for: among the honest alone the fifth is rejected");
        assertTrue(kept.test(first.of("u-4")), "the case the test is for: beside the flippers it is kept");
        assertFalse(kept.test(first.of("u-x")) || kept.test(first.of("u-y")), "the flippers are rejected");
        final RoundContributions alone = RoundContributions.measureAmongKept(context(), honest, vectors, roundStart, evaluator, fragment, Map.of(), 3);
        final RoundContributions among = RoundContributions.measureAmongKept(context(), set, vectors, roundStart, evaluator, fragment, Map.of(), 3);
        for (UpdateView u : honest) {
            assertEquals(alone.of(u.id()), among.of(u.id()), u.id() + ": as for the honest updates alone");
        }
        assertFalse(kept.test(among.of("u-4")), "the fifth rejected, as among the honest alone");
        final RoundContributions withoutFifth = RoundContributions.measure(context(), honest.subList(0, 4), vectors, roundStart, evaluator, fragment);
        assertEquals(withoutFifth.of("u-0"), among.of("u-0"), "the others measured without the fifth");
    }

    /**
     * Five honest steps of different lengths (0.6-1.4x one step) and six copies of one crafted
     * step (jittered by 10^-3): counted one by one, the copies would make the typical step theirs
     * and the spread near zero, so the 0.6x honest step would be short for the set. A group of
     * copies counts once: the typical step and the spread are those of the five honest steps and
     * the crafted one.
     */
    @Test
    void aGroupOfCopiesCountsOnceInTheTypicalStepAndTheSpread() {
        final float[] g = evaluatorStep();
        final SplittableRandom r = new SplittableRandom(41);
        final Map<String, float[]> weights = new HashMap<>();
        final List<UpdateView> set = new ArrayList<>();
        final double[] lengths = {0.6, 0.8, 1.0, 1.2, 1.4};
        for (int k = 0; k < lengths.length; k++) {
            final double f = lengths[k];
            weights.put("u-h" + k, moved(j -> f * g[j] * (1 + 0.5 * (r.nextDouble() - 0.5))));
            set.add(update("u-h" + k));
        }
        final float[] crafted = moved(j -> 1.05 * g[j] * (1 + 0.5 * (r.nextDouble() - 0.5)));
        for (int k = 0; k < 6; k++) {
            weights.put("u-c" + k, moved(j -> (crafted[j] - start[j]) * (float) (1 + 1e-3 * (r.nextDouble() - 0.5))));
            set.add(update("u-c" + k));
        }
        final RoundContributions m = RoundContributions.measure(context(), set, weights, start, evaluator, fragment);
        assertEquals(Integer.valueOf(6), m.of("u-c0").copies(), "the six crafted steps are one group");
        // One length per group: the five honest ones and the crafted one, whose lower median is the typical step.
        final double[] norms = new double[6];
        for (int k = 0; k < 5; k++) {
            norms[k] = m.of("u-h" + k).stepRatio();
        }
        norms[5] = m.of("u-c0").stepRatio();
        java.util.Arrays.sort(norms);
        assertEquals(1.0, norms[2], 1e-12, "the lower median of the six lengths is the typical step");
        final double[] distances = java.util.Arrays.stream(norms).map(x -> Math.abs(x - 1)).sorted().toArray();
        assertEquals(distances[2], m.of("u-h0").stepSpread(), 1e-12, "the spread of the six lengths");
        assertTrue(m.of("u-h0").stepSpread() > 0.1, "honest lengths spread: " + m.of("u-h0").stepSpread());
        assertFalse(DlnLedger.Contribution.shortStep(m.of("u-h0").stepRatio(), m.of("u-h0").stepSpread()),
                "the shortest honest step is not short for a set of varied honest lengths");
    }

    /**
     * Under FedAvgM a long step is judged at both points, the optimiser's model and the bare
     * aggregate, and its recorded harm is the worse of the two; an ordinary step is judged at the
     * optimiser's model alone. A step 80x a helpful one, the round's momentum -3g: at the
     * optimiser's model the momentum pulls the overshoot back and the step seems to help (t 3.6);
     * at the bare aggregate it harms (t -7.2), as the momentum it feeds will show later.
     */
    @Test
    void aLongStepIsJudgedByTheWorseOfTheBareAggregateAndTheOptimisersModel() {
        final float[] g = evaluatorStep();
        final SplittableRandom r = new SplittableRandom(41);
        final Map<String, float[]> weights = new HashMap<>();
        final List<UpdateView> set = new ArrayList<>(alike(4, g, r, weights));
        final float[] boosted = start.clone();
        for (int j = 0; j < boosted.length; j++) {
            boosted[j] += 80 * g[j];
        }
        weights.put("u-boost", boosted);
        set.add(update("u-boost"));
        final float[] momentum = new float[start.length];
        for (int j = 0; j < momentum.length; j++) {
            momentum[j] = -3 * g[j];
        }
        final dln.core.optimiser.FedAvgM fedAvgM = new dln.core.optimiser.FedAvgM(1, 0.9);
        final ModelContext ctx = new ModelContext(context().model(), plan, new dln.core.aggregation.FedAvg(), fedAvgM);
        final dln.core.optimiser.OptimiserState state = dln.core.optimiser.OptimiserState.of(momentum);
        final RoundContributions m = RoundContributions.measure(ctx, set, VectorSet.inMemory(weights), new Aggregates.Start(start, state),
                evaluator, fragment);
        final List<UpdateView> others = new ArrayList<>(set);
        others.removeIf(u -> u.id().equals("u-boost"));
        final dln.core.evaluation.PairedLoss atModel = dln.core.evaluation.PairedLoss.of(
                evaluator.losses(atModel(fedAvgM, state, others, weights), fragment),
                evaluator.losses(atModel(fedAvgM, state, set, weights), fragment));
        final dln.core.evaluation.PairedLoss bare = dln.core.evaluation.PairedLoss.of(evaluator.losses(fedAvg(others, weights), fragment),
                evaluator.losses(fedAvg(set, weights), fragment));
        assertTrue(bare.tStatistic() < atModel.tStatistic(), "the case the test is for: worse at the bare aggregate, "
                + bare.tStatistic() + " against " + atModel.tStatistic());
        assertEquals(bare.mean(), m.of("u-boost").value(), 1e-4 * Math.abs(bare.mean()) + 1e-7, "the worse of the two");
        final List<UpdateView> rest = new ArrayList<>(set);
        rest.removeIf(u -> u.id().equals("u-0"));
        final double ordinaryAtModel = dln.core.evaluation.PairedLoss.of(
                evaluator.losses(atModel(fedAvgM, state, rest, weights), fragment),
                evaluator.losses(atModel(fedAvgM, state, set, weights), fragment)).mean();
        assertEquals(ordinaryAtModel, m.of("u-0").value(), 1e-4 * Math.abs(ordinaryAtModel) + 1e-7, "an ordinary step at the model alone");
    }

    /**
     * {@code n} alike updates "u-0".."u-(n-1)": each the start plus {@code g} and noise of 0.001
     * per coordinate, drawn from {@code r} in index order; their vectors go into {@code weights}.
     */
    private static List<UpdateView> alike(final int n, final float[] g, final SplittableRandom r, final Map<String, float[]> weights) {
        final List<UpdateView> out = new ArrayList<>();
        for (int k = 0; k < n; k++) {
            final float[] w = moved(j -> g[j] + 0.001 * (r.nextDouble() - 0.5));
            out.add(update("u-" + k));
            weights.put("u-" + k, w);
        }
        return out;
    }

    /**
     * Updates named {@code ids}: each the start plus {@code scale} times {@code g}, each coordinate
     * jittered by up to 15 % (drawn from {@code r} in order), so no two are copies; their vectors go
     * into {@code weights}.
     */
    private static List<UpdateView> jittered(final List<String> ids, final double scale, final float[] g, final SplittableRandom r,
            final Map<String, float[]> weights) {
        final List<UpdateView> out = new ArrayList<>();
        for (String id : ids) {
            weights.put(id, moved(j -> scale * g[j] * (1 + 0.3 * (r.nextDouble() - 0.5))));
            out.add(update(id));
        }
        return out;
    }

    /** The model FedAvgM makes of {@code set}'s equal-weight mean from the start with {@code state}. */
    private static float[] atModel(final dln.core.optimiser.FedAvgM fedAvgM, final dln.core.optimiser.OptimiserState state,
            final List<UpdateView> set, final Map<String, float[]> weights) {
        return fedAvgM.step(start, fedAvg(set, weights), state).model();
    }

    /** The equal-weight mean of {@code set}'s vectors. */
    private static float[] fedAvg(final List<UpdateView> set, final Map<String, float[]> weights) {
        final float[] s = new float[start.length];
        for (UpdateView u : set) {
            final float[] w = weights.get(u.id());
            for (int j = 0; j < s.length; j++) {
                s[j] += w[j] / set.size();
            }
        }
        return s;
    }

    @Test
    void copiesOfOneUpdateAreLeftOutTogether() {
        final SplittableRandom r = new SplittableRandom(5);
        final Map<String, float[]> weights = new HashMap<>();
        final float[] step = new float[start.length];
        for (int j = 0; j < step.length; j++) {
            step[j] = (float) (0.01 * (r.nextDouble() - 0.5));
        }
        for (String id : List.of("u-a", "u-b", "u-c")) {
            // u-a and u-c: one step, jittered by 1e-3 of it; u-b: a step of its own
            final float[] w = moved(j -> id.equals("u-b") ? (float) (0.01 * (r.nextDouble() - 0.5)) : step[j] * (float) (1 + 1e-3 * (r.nextDouble() - 0.5)));
            weights.put(id, w);
        }
        final List<List<UpdateView>> groups = RoundContributions.copies(List.of(update("u-c"), update("u-b"), update("u-a")), weights, start);
        assertEquals(List.of(List.of("u-a", "u-c"), List.of("u-b")),
                groups.stream().map(g -> g.stream().map(UpdateView::id).toList()).toList());
    }

    /**
     * The protocol's two paths on the same inputs: the set whole in memory, and fetched to weight
     * files read by ranges (the store's threshold at 0). The copies, every rule's aggregate and
     * the leave-one-out measurement are the same bits.
     */
    @Test
    void aSetFetchedToDiskGivesTheBitsOfTheSetInMemory() throws Exception {
        final SplittableRandom r = new SplittableRandom(21);
        final dln.core.storage.MemoryStore content = new dln.core.storage.MemoryStore();
        final dln.core.storage.WeightStore whole = new dln.core.storage.WeightStore(content);
        final dln.core.storage.WeightStore streamed = new dln.core.storage.WeightStore(content, 0, 0);
        final float[] step = new float[start.length];
        for (int j = 0; j < step.length; j++) {
            step[j] = (float) (0.01 * (r.nextDouble() - 0.5));
        }
        final List<UpdateView> set = new ArrayList<>();
        final Map<String, String> cids = new HashMap<>();
        for (int k = 0; k < 7; k++) {
            final float[] w = start.clone();
            for (int j = 0; j < w.length; j++) {
                // u-1 and u-4 copy one step (jittered), the others step their own way
                w[j] += k == 1 || k == 4 ? step[j] * (float) (1 + 1e-3 * (r.nextDouble() - 0.5)) : (float) (0.01 * (r.nextDouble() - 0.5));
            }
            final String cid = whole.putWeights(plan.hash(), w);
            set.add(update("u-" + k, cid, 50 + 30 * k));
            cids.put("u-" + k, cid);
        }
        try (dln.core.storage.VectorSet inMemory = whole.fetchSet(cids, plan.hash(), plan.parameterCount());
             dln.core.storage.VectorSet onDisk = streamed.fetchSet(cids, plan.hash(), plan.parameterCount())) {
            assertTrue(inMemory.inMemory());
            assertTrue(!onDisk.inMemory(), "the threshold 0 puts the set on disk");
            final List<List<UpdateView>> groups = RoundContributions.copies(set, onDisk, start);
            assertEquals(RoundContributions.copies(set, inMemory, start), groups);
            assertEquals(6, groups.size(), "u-1 and u-4 are one group");
            for (String rule : List.of("fedavg", "median", "trimmed-mean:0.2", "norm-clip:0.05", "multi-krum:1:3", "centered-clip:0.05:2",
                    "median:2", "centered-clip:0.05:2:2")) {
                final ModelContext ctx = new ModelContext(context().model(), plan, dln.core.aggregation.AggregationRules.parse(rule));
                final float[] a = Aggregates.aggregate(ctx, set, inMemory, start);
                final float[] b = Aggregates.aggregate(ctx, set, onDisk, start);
                assertTrue(java.util.Arrays.equals(a, b), rule + ": the same bits from disk");
                assertTrue(!java.util.Arrays.equals(a, start), rule + " moved");
            }
            final Aggregates.Start roundStart = new Aggregates.Start(start, dln.core.optimiser.OptimiserState.empty());
            final RoundContributions m = RoundContributions.measure(context(), set, inMemory, roundStart, evaluator, fragment);
            final RoundContributions d = RoundContributions.measure(context(), set, onDisk, roundStart, evaluator, fragment);
            for (UpdateView u : set) {
                assertEquals(Double.doubleToLongBits(m.of(u.id()).value()), Double.doubleToLongBits(d.of(u.id()).value()), u.id());
                assertEquals(Double.doubleToLongBits(m.of(u.id()).standardError()), Double.doubleToLongBits(d.of(u.id()).standardError()), u.id());
                assertEquals(m.of(u.id()).cosine(), d.of(u.id()).cosine(), u.id() + ": the same bits (Double.equals), or none for a copy");
            }
        }
    }

    /**
     * FedAvg's leave-one-out aggregates come from the round's weighted sum less each group; any
     * other rule's from the rule over the others. On the same set (copies among it, unequal claims)
     * the two give the same contributions within float rounding.
     */
    @Test
    void fedAvgsLinearLeaveOneOutMeasuresAsTheRuleOverTheOthers() {
        final SplittableRandom r = new SplittableRandom(31);
        final float[] helpful = evaluatorStep();
        final Map<String, float[]> weights = new HashMap<>();
        final List<UpdateView> set = new ArrayList<>();
        for (int k = 0; k < 6; k++) {
            final float[] w = start.clone();
            final double sign = k == 5 ? -2 : 1;
            for (int j = 0; j < w.length; j++) {
                // u-2 and u-3 copy one step (jittered); u-5 steps against the others
                final double noise = k == 3 ? 0 : 0.002 * (r.nextDouble() - 0.5);
                w[j] += (float) (sign * helpful[j] * (0.5 + 0.1 * (k == 3 ? 2 : k)) + noise);
            }
            if (k == 3) {
                final float[] copy = weights.get("u-2").clone();
                for (int j = 0; j < copy.length; j++) {
                    copy[j] += (float) ((copy[j] - start[j]) * 1e-4 * (r.nextDouble() - 0.5));
                }
                weights.put("u-3", copy);
            } else {
                weights.put("u-" + k, w);
            }
            set.add(update("u-" + k, "cid-" + k, 40 + 70L * k));
        }
        final dln.core.aggregation.AggregationRule notFedAvg = new dln.core.aggregation.AggregationRule() {
            @Override
            public float[] aggregate(final dln.core.aggregation.AggregationInput input) {
                return new FedAvg().aggregate(input);
            }

            @Override
            public String describe() {
                return "fedavg, by the rule over the others";
            }
        };
        assertEquals(5, RoundContributions.copies(set, weights, start).size(), "u-2 and u-3 are one group");
        final RoundContributions linear = RoundContributions.measure(context(), set, weights, start, evaluator, fragment);
        final RoundContributions bySubsets = RoundContributions.measure(new ModelContext(context().model(), plan, notFedAvg), set, weights, start,
                evaluator, fragment);
        for (UpdateView u : set) {
            final DlnLedger.Contribution a = linear.of(u.id());
            final DlnLedger.Contribution b = bySubsets.of(u.id());
            assertEquals(b.value(), a.value(), 1e-5 * Math.abs(b.value()) + 1e-7, u.id());
            assertEquals(b.standardError(), a.standardError(), 1e-4 * b.standardError() + 1e-7, u.id());
        }
        assertTrue(linear.of("u-5").value() < 0 && linear.of("u-0").value() > 0, "the harmful step measures negative, a helpful one positive");
        final List<UpdateView> rest = set.stream().filter(u -> !u.id().equals("u-2") && !u.id().equals("u-3")).toList();
        final float[] others = new float[start.length];
        final double claimed = rest.stream().mapToLong(UpdateView::samples).sum();
        for (UpdateView u : rest) {
            for (int j = 0; j < others.length; j++) {
                others[j] += (float) (weights.get(u.id())[j] * (u.samples() / claimed));
            }
        }
        assertEquals(UpdateGeometry.stepCosine(weights.get("u-2"), others, start), linear.of("u-2").cosine(), 1e-4,
                "a group of copies has its one step's direction, against the aggregate of the others");
        assertTrue(linear.of("u-2").cosine() < -0.5, "the largest claim steps against the rest and outweighs them: " + linear.of("u-2").cosine());
        assertEquals(linear.of("u-2").cosine(), linear.of("u-3").cosine(), "one group, one direction");
        assertEquals(2, linear.of("u-2").copies(), "each copy records its group's size: the chaincode holds copies to no harm");
        assertEquals(2, linear.of("u-3").copies());
        assertEquals(1, linear.of("u-5").copies(), "an update of its own is a group of one");
        assertEquals(bySubsets.of("u-2").copies(), linear.of("u-2").copies());
        assertEquals(bySubsets.of("u-5").cosine(), linear.of("u-5").cosine(), 1e-5, "the same direction either way");
    }

    /**
     * The same updates under other ids (another run's transactions: an id derives from the
     * transaction's random nonce) aggregate to the same bits: the canonical order is by content
     * first. Ordered by id, coordinate 0 summed to 1 / 3 under one naming and to 0 under another
     * (1e30 / 7 swallows 1 / 7 before -1e30 / 7 cancels it); bucketing, seeded by the ids, drew
     * other buckets. Copies of one file with one claim are interchangeable; copies with other
     * claims are told apart by the claim.
     */
    @Test
    void theSameUpdatesUnderOtherIdsAggregateToTheSameBits() {
        final SplittableRandom r = new SplittableRandom(9);
        final float[][] vectors = new float[5][];
        for (int k = 0; k < vectors.length; k++) {
            vectors[k] = start.clone();
            for (int j = 1; j < start.length; j++) {
                vectors[k][j] += (float) (0.01 * (r.nextDouble() - 0.5));
            }
        }
        vectors[0][0] = 1e30f;
        vectors[1][0] = -1e30f;
        vectors[2][0] = 1f;
        vectors[3][0] = 0f;
        vectors[4] = vectors[3].clone();
        final List<List<String>> namings = List.of(List.of("u-a", "u-b", "u-c", "u-d", "u-e"), List.of("u-a", "u-c", "u-b", "u-d", "u-e"),
                List.of("u-e", "u-d", "u-c", "u-b", "u-a"));
        for (String rule : List.of("fedavg", "median:2", "trimmed-mean:0.25:2")) {
            final ModelContext ctx = new ModelContext(context().model(), plan, dln.core.aggregation.AggregationRules.parse(rule));
            float[] first = null;
            for (List<String> ids : namings) {
                final List<UpdateView> set = new ArrayList<>();
                final Map<String, float[]> weights = new HashMap<>();
                for (int k = 0; k < vectors.length; k++) {
                    // A vector's content id stays with it, as IPFS gives it; the last is a copy of the one
                    // before with a larger claim.
                    set.add(update(ids.get(k), "cid-" + Math.min(k, 3), k == 4 ? 300 : 100));
                    weights.put(ids.get(k), vectors[k]);
                }
                final float[] out = Aggregates.aggregate(ctx, set, VectorSet.inMemory(weights), null);
                if (first == null) {
                    first = out;
                } else {
                    assertTrue(java.util.Arrays.equals(first, out), rule + ": the same bits under ids " + ids);
                }
            }
            if ("fedavg".equals(rule)) {
                assertEquals(100f / 700, first[0], "content order (cid-0 .. cid-3) adds 1 after 1e30 and -1e30 have cancelled");
            }
        }
    }

    /**
     * The losses a member's review kept for an update (its one scoring pass) stand for evaluating
     * the update alone again: the same bits as without them, and they are what is used (losses
     * that say the update fits every example perfectly make it help every class).
     */
    @Test
    void theReviewsLossesStandForEvaluatingAnUpdateAloneAgain() {
        final SplittableRandom r = new SplittableRandom(13);
        final List<UpdateView> set = new ArrayList<>();
        final Map<String, float[]> weights = new HashMap<>();
        for (int k = 0; k < 4; k++) {
            final float[] w = start.clone();
            for (int j = 0; j < w.length; j++) {
                w[j] += (float) (0.02 * (r.nextDouble() - 0.5));
            }
            set.add(update("u-" + k));
            weights.put("u-" + k, w);
        }
        final Aggregates.Start roundStart = new Aggregates.Start(start, dln.core.optimiser.OptimiserState.empty());
        final Map<String, double[]> reviewed = new HashMap<>();
        weights.forEach((id, w) -> reviewed.put(id, evaluator.losses(w, fragment)));
        final RoundContributions plain = RoundContributions.measure(context(), set, VectorSet.inMemory(weights), roundStart, evaluator, fragment);
        final RoundContributions kept = RoundContributions.measure(context(), set, VectorSet.inMemory(weights), roundStart, evaluator, fragment,
                reviewed);
        for (UpdateView u : set) {
            assertEquals(plain.of(u.id()), kept.of(u.id()), u.id() + ": the same record, bit for bit");
        }
        reviewed.put("u-0", new double[fragment.size()]);
        final RoundContributions perfect = RoundContributions.measure(context(), set, VectorSet.inMemory(weights), roundStart, evaluator,
                fragment, reviewed);
        assertEquals(0.0, perfect.of("u-0").aloneHarmed(), "no example worse than at the start");
        assertTrue(perfect.of("u-0").aloneBestClass() > plain.of("u-0").aloneBestClass(), "the kept losses are the ones measured");
        assertEquals(plain.of("u-1"), perfect.of("u-1"));
    }

    /** A direction that lowers the fragment's loss: the difference to a model nudged toward the class bands. */
    private static float[] evaluatorStep() {
        final float[] best = start.clone();
        final dln.core.training.LocalTrainer trainer = new dln.core.training.LocalTrainer(plan);
        final float[] trained = trainer.train(start, fragment, BuiltinModels.mlp().training(), 1, new dln.core.training.TrainingListener() { })
                .params();
        for (int j = 0; j < best.length; j++) {
            best[j] = trained[j] - start[j];
        }
        return best;
    }
}
