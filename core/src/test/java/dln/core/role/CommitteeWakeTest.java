package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which transactions wake a committee member: those that may give it something to score or vote on. */
class CommitteeWakeTest {

    @Test
    void scoresDecisionsAndRecordsDoNotWakeAMember() {
        // The score batch that decides a round's last update and closes it, as the chaincode lists its changes.
        assertFalse(CommitteeService.mayGiveWork(Set.of("UpdateScored", "UpdateAccepted", "UpdateRejected", "RoundClosed", "RoundOpened")));
        assertFalse(CommitteeService.mayGiveWork(Set.of("UpdateScored")));
        assertFalse(CommitteeService.mayGiveWork(Set.of("AggregateRecorded")));
        assertFalse(CommitteeService.mayGiveWork(Set.of("UpdateExpired")));
    }

    @Test
    void submissionsScoringStartsModelsAndAnythingUnknownWakeIt() {
        assertTrue(CommitteeService.mayGiveWork(Set.of("UpdateSubmitted")));
        assertTrue(CommitteeService.mayGiveWork(Set.of("UpdateSubmitted", "RoundScoring")), "the submission that fixes the set");
        assertTrue(CommitteeService.mayGiveWork(Set.of("RoundScoring")));
        assertTrue(CommitteeService.mayGiveWork(Set.of("ModelPublished")));
        assertTrue(CommitteeService.mayGiveWork(Set.of("ModelOpened", "ModelVoteRecorded", "RoundOpened")));
        assertTrue(CommitteeService.mayGiveWork(Set.of("SecurePhaseChanged", "UpdateSubmitted")), "a secure round's aggregate");
        assertTrue(CommitteeService.mayGiveWork(Set.of("UpdateAccepted", "SomethingNew")), "a change it does not know");
    }
}
