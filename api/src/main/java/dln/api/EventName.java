package dln.api;

/**
 * Chaincode event names. Fabric keeps one event per transaction, so a transaction emits one
 * event named after its most significant change (highest rank) and lists every change in it.
 */
public enum EventName {
    ModelPublished(1), ModelVoteRecorded(0), ModelOpened(2), ModelDeclined(2), ModelClosed(2),
    UpdateSubmitted(1), UpdateScored(0), UpdateAccepted(2), UpdateRejected(2), UpdateExpired(0),
    RoundOpened(0), RoundAbstained(0), RoundScoring(1), RoundClosed(1), AggregateRecorded(1), AggregateDisputed(1),
    SecureRoundStep(0), SecurePhaseChanged(1);

    private final int rank;

    EventName(final int rank) {
        this.rank = rank;
    }

    public int rank() {
        return rank;
    }
}
