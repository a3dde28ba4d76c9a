package dln.bench.chaos;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class StallsTest {

    private static Instant at(final double s) {
        return Instant.EPOCH.plusMillis((long) (s * 1000));
    }

    @Test
    void theGapAcrossTheKillCountsFromTheLastDecisionBeforeIt() {
        // decisions every 1 s, a kill at 3.5, then nothing until 10, then every 1 s again
        final List<Instant> d = List.of(at(1), at(2), at(3), at(10), at(11), at(12));
        assertEquals(List.of(Duration.ofSeconds(7)), Stalls.afterEach(List.of(at(3.5)), d, at(12.5)));
    }

    @Test
    void eachKillLooksUntilTheNextAndAGapSpanningBothCountsForBoth() {
        final List<Instant> d = List.of(at(1), at(5), at(6), at(8), at(20), at(21));
        // kill at 2: gaps 1->5 (4 s), 5->6; 6->8 starts after the next kill (5.5)
        // kill at 5.5: 5->6, 6->8, 8->20 (12 s); kill at 10: inside 8->20 (12 s)
        assertEquals(List.of(Duration.ofSeconds(4), Duration.ofSeconds(12), Duration.ofSeconds(12)),
                Stalls.afterEach(List.of(at(10), at(5.5), at(2)), d, at(21.5)));
    }

    @Test
    void noDecisionAfterAKillStallsUntilTheEnd() {
        assertEquals(List.of(Duration.ofSeconds(8)), Stalls.afterEach(List.of(at(5)), List.of(at(2)), at(10)));
        // a kill before the first decision counts from the kill
        assertEquals(List.of(Duration.ofSeconds(3)), Stalls.afterEach(List.of(at(1)), List.of(at(4)), at(4.5)));
    }

    @Test
    void theTypicalGapIsTheMedian() {
        assertEquals(Duration.ofSeconds(1), Stalls.typicalGap(List.of(at(0), at(1), at(2), at(12))));
        assertEquals(Duration.ZERO, Stalls.typicalGap(List.of(at(0))));
    }
}
