package dln.core.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.UpdateStatus;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import java.util.List;
import org.junit.jupiter.api.Test;

class AggregationWeightsTest {

    private static UpdateView claim(final String id, final String msp, final long samples) {
        return new UpdateView(id, "m", new LedgerIdentity(msp, "x509::CN=" + id), "cid-" + id, List.of("initial"), 1, samples, 1000,
                UpdateStatus.ACCEPTED, 0.9, "t", "t", null);
    }

    private static UpdateView decided(final String id, final String at) {
        return new UpdateView(id, "m", new LedgerIdentity("Org1MSP", "x509::CN=" + id), "cid-" + id, List.of("initial"), 0, 100, 1000,
                UpdateStatus.ACCEPTED, 0.9, "t", at, null);
    }

    private static final List<UpdateView> ROUND = List.of(claim("a", "Org1MSP", 500), claim("b", "Org2MSP", 600),
            claim("c", "Org3MSP", 400), claim("d", "Org1MSP", 1_000_000_000L));

    @Test
    void claimedWeightsAreTheClaimsSoOneInflatedClaimTakesTheAggregate() {
        // Scaled so the largest is 10^12: 500 / 10^9 of it.
        assertArrayEquals(new long[] {500_000, 600_000, 400_000, 1_000_000_000_000L}, AggregationWeights.of(ModelView.Weighting.CLAIMED, ROUND));
    }

    @Test
    void theMedianCapBoundsAnInflatedClaimByTheLowerMedian() {
        // claims sorted 400, 500, 600, 1e9: the lower median is 500
        final long t = 1_000_000_000_000L;
        assertArrayEquals(new long[] {t, t, 800_000_000_000L, t}, AggregationWeights.of(LearningPolicy.weighting("median_capped"), ROUND));
        assertArrayEquals(new long[] {909_090_909_091L, t, 727_272_727_273L, t}, AggregationWeights.of(LearningPolicy.weighting("capped:550"), ROUND));
        assertArrayEquals(new long[] {t, t, t, t}, AggregationWeights.of(LearningPolicy.weighting("equal"), ROUND));
    }

    @Test
    void perOrganisationTheIdentitiesOfOneOrganisationShareOneWeight() {
        // Org1 has two updates: each gets half its weight, so Org1 weighs what one provider would.
        assertArrayEquals(new long[] {500_000_000_000L, 1_000_000_000_000L, 1_000_000_000_000L, 500_000_000_000L},
                AggregationWeights.of(LearningPolicy.weighting("equal,per-org"), ROUND));
    }

    @Test
    void inGossipAParentsWeightDecaysWithItsAgeAmongTheParents() {
        final List<UpdateView> parents = List.of(decided("old", "2027-01-01T00:00:01Z"), decided("new", "2027-01-01T00:00:09Z"));
        // equal weights; the older parent is rank 1: 1/sqrt(2) of the newest
        assertArrayEquals(new long[] {Math.round(1.0e12 / Math.sqrt(2)), 1_000_000_000_000L},
                AggregationWeights.of(LearningPolicy.weighting("equal"), parents, true));
        assertArrayEquals(new long[] {1_000_000_000_000L, 1_000_000_000_000L}, AggregationWeights.of(LearningPolicy.weighting("equal"), parents, false));
    }

    private static UpdateView tracked(final String id, final long samples, final UpdateView.Track track) {
        return new UpdateView(id, "m", new LedgerIdentity("Org1MSP", "x509::CN=" + id), "cid-" + id, List.of("initial"), 3, samples, 1000,
                UpdateStatus.ACCEPTED, 0.9, "t", "t", null, null, null, null, track);
    }

    @Test
    void withTrustEachWeightIsScaledByItsSubmittersAcceptedShareToThePower() {
        // shares: 9 of 9 accepted -> 10/11; none decided (and no track copied) -> 1/2; 1 of 4 -> 2/6
        final List<UpdateView> set = List.of(tracked("a", 100, new UpdateView.Track(9, 0)), tracked("b", 100, null),
                tracked("c", 200, new UpdateView.Track(1, 3)));
        final long t = 1_000_000_000_000L;
        // power 1: 100*10/11 = 90.909..., 100/2 = 50, 200/3 = 66.666... (largest first scaled to 10^12)
        assertArrayEquals(new long[] {t, 550_000_000_000L, 733_333_333_333L},
                AggregationWeights.of(LearningPolicy.weighting("claimed,trust:1"), set));
        // power 2: 100*(10/11)^2 = 82.644..., 25, 200/9 = 22.222...
        assertArrayEquals(new long[] {t, 302_500_000_000L, 268_888_888_889L},
                AggregationWeights.of(LearningPolicy.weighting("claimed,trust:2"), set));
        // no trust: the tracks change nothing
        assertArrayEquals(new long[] {500_000_000_000L, 500_000_000_000L, t}, AggregationWeights.of(LearningPolicy.weighting("claimed"), set));
    }

    @Test
    void aNewcomerWeighsNoMoreThanAnIdentityAcceptedAsOftenAsRejected() {
        assertEquals(new UpdateView.Track(3, 3).share(), UpdateView.Track.NEWCOMER.share());
        final List<UpdateView> set = List.of(tracked("fresh", 100, UpdateView.Track.NEWCOMER), tracked("even", 100, new UpdateView.Track(5, 5)));
        final long[] w = AggregationWeights.of(LearningPolicy.weighting("equal,per-org,trust:3"), set);
        assertEquals(w[0], w[1]);
    }

    @Test
    void trustWeightsAreBitExactAcrossRuns() {
        final List<UpdateView> set = List.of(tracked("a", 123, new UpdateView.Track(17, 4)), tracked("b", 456, new UpdateView.Track(2, 9)),
                tracked("c", 789, null));
        final ModelView.Weighting w = LearningPolicy.weighting("median_capped,trust:2.5");
        assertArrayEquals(AggregationWeights.of(w, set), AggregationWeights.of(w, List.copyOf(set)));
    }

    @Test
    void theTrustPowerIsReadAndItsBoundsChecked() {
        assertEquals(new ModelView.Weighting(dln.api.WeightingPolicy.MEDIAN_CAPPED, 0, true, 1.5),
                LearningPolicy.weighting("median_capped,per-org,trust:1.5"));
        assertEquals(new ModelView.Weighting(dln.api.WeightingPolicy.CAPPED, 40, false, 2), LearningPolicy.weighting("capped:40,trust:2"));
        assertEquals("threshold equal,trust:2", LearningPolicy.parse("threshold", "equal,trust:2").describe());
        for (final String bad : List.of("equal,trust:0", "equal,trust:9", "equal,trust:x", "equal,trust:1,trust:2", "equal,per-org,per-org",
                "equal,", "equal,trust")) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearningPolicy.weighting(bad), bad);
            assertTrue(e.getMessage().contains("trust:<power 0-8>"), e.getMessage());
        }
    }

    @Test
    void weightingTextIsCheckedWithOneLineSayingWhatToWrite() {
        assertThrows(IllegalArgumentException.class, () -> LearningPolicy.weighting("capped"));
        assertThrows(IllegalArgumentException.class, () -> LearningPolicy.weighting("median_capped:5"));
        assertThrows(IllegalArgumentException.class, () -> LearningPolicy.weighting("trust-me"));
        assertThrows(IllegalArgumentException.class, () -> LearningPolicy.parse("threshold:2", "claimed"));
        assertThrows(IllegalArgumentException.class, () -> LearningPolicy.parse("contribution:many", "claimed"));
    }
}
