package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which transactions wake a publisher waiting for a round to close: those that close one. */
class PublisherWakeTest {

    @Test
    void onlyATransactionThatClosesARoundWakesTheWait() {
        // The score batch that decides a round's last update and closes it, as the chaincode lists its changes.
        assertTrue(PublisherService.closesARound(Set.of("UpdateScored", "UpdateAccepted", "RoundClosed", "RoundOpened")));
        assertTrue(PublisherService.closesARound(Set.of("ModelClosed", "RoundClosed")), "the publisher closing the model");
        assertFalse(PublisherService.closesARound(Set.of("UpdateSubmitted")));
        assertFalse(PublisherService.closesARound(Set.of("UpdateSubmitted", "RoundScoring")), "the submission that fixes the set");
        assertFalse(PublisherService.closesARound(Set.of("UpdateScored")), "a score that decides nothing yet");
        assertFalse(PublisherService.closesARound(Set.of("AggregateRecorded")));
    }
}
