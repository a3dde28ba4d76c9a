package dln.core.protocol;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

    @Test
    void weightingTextIsCheckedWithOneLineSayingWhatToWrite() {
        assertThrows(IllegalArgumentException.class, () -> LearningPolicy.weighting("capped"));
        assertThrows(IllegalArgumentException.class, () -> LearningPolicy.weighting("median_capped:5"));
        assertThrows(IllegalArgumentException.class, () -> LearningPolicy.weighting("trust-me"));
        assertThrows(IllegalArgumentException.class, () -> LearningPolicy.parse("threshold:2", "claimed"));
        assertThrows(IllegalArgumentException.class, () -> LearningPolicy.parse("contribution:many", "claimed"));
    }
}
