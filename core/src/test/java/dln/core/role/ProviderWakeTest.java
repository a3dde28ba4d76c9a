package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which transactions wake a provider waiting for its next step: those that may open one. */
class ProviderWakeTest {

    @Test
    void othersSubmissionsScoresAndVotesDoNotWakeAProvider() {
        assertFalse(ProviderService.mayGiveWork(Set.of("UpdateSubmitted")));
        assertFalse(ProviderService.mayGiveWork(Set.of("UpdateSubmitted", "RoundScoring")), "the submission that fixes the set");
        assertFalse(ProviderService.mayGiveWork(Set.of("UpdateScored")), "a first score batch");
        assertFalse(ProviderService.mayGiveWork(Set.of("RoundAbstained")));
        assertFalse(ProviderService.mayGiveWork(Set.of("ModelVoteRecorded")), "a vote that opens nothing yet");
        assertFalse(ProviderService.mayGiveWork(Set.of("ModelPublished")));
    }

    @Test
    void roundsDecisionsAggregatesModelsAndAnythingUnknownWakeIt() {
        // The score batch that decides a round and opens the next, as the chaincode lists its changes.
        assertTrue(ProviderService.mayGiveWork(Set.of("UpdateScored", "UpdateAccepted", "UpdateRejected", "RoundClosed", "RoundOpened")));
        assertTrue(ProviderService.mayGiveWork(Set.of("UpdateScored", "UpdateAccepted")), "a gossip decision changes the DAG");
        assertTrue(ProviderService.mayGiveWork(Set.of("UpdateExpired", "RoundClosed")), "a round closed at its deadline");
        assertTrue(ProviderService.mayGiveWork(Set.of("AggregateRecorded")));
        assertTrue(ProviderService.mayGiveWork(Set.of("ModelOpened", "ModelVoteRecorded")), "the vote that opens the model");
        assertTrue(ProviderService.mayGiveWork(Set.of("ModelClosed")));
        assertTrue(ProviderService.mayGiveWork(Set.of("SecurePhaseChanged")));
        assertTrue(ProviderService.mayGiveWork(Set.of("UpdateSubmitted", "SomethingNew")), "a change it does not know");
    }
}
