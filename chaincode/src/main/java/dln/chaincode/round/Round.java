package dln.chaincode.round;

import dln.api.RoundStatus;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * A federated round. {@code scoring} is the submitted set fixed for scoring under the
 * contribution policy (empty otherwise, and until then). {@code aggregationError} says why a
 * closed round's accepted set has no aggregate (fewer updates than its rule is defined on): it
 * hands its parents on like a round that accepted nothing. {@code parents} is what every update of this round must name (the accepted
 * set of the previous round, ["initial"] in round 1); {@code accepted} is filled, sorted by update
 * id, when the round closes and is the order in which participants aggregate.
 * {@code closedBy} is "quorum", "deadline" or "publisher".
 */
@DataType
public record Round(
        @Property String modelId,
        @Property int number,
        RoundStatus status,
        List<String> parents,
        List<String> accepted,
        List<String> scoring,
        @Property String openedAt,
        @Property String deadline,
        @Property String closedAt,
        @Property String closedBy,
        AggregateRecord aggregate,
        @Property String aggregationError) {

    public Round {
        parents = List.copyOf(parents);
        accepted = List.copyOf(accepted);
        scoring = scoring == null ? List.of() : List.copyOf(scoring);
    }

    public static Round open(final String modelId, final int number, final List<String> parents, final Instant now, final long deadlineSeconds) {
        return new Round(modelId, number, RoundStatus.OPEN, parents, List.of(), List.of(), now.toString(),
                now.plusSeconds(deadlineSeconds).toString(), null, null, null, null);
    }

    public boolean deadlinePassed(final Instant now) {
        return !now.isBefore(Instant.parse(deadline));
    }

    public Round closed(final List<String> acceptedSorted, final Instant now, final String reason) {
        return closed(acceptedSorted, now, reason, null);
    }

    /** @param error why the accepted set has no aggregate (too few for the rule), or null */
    public Round closed(final List<String> acceptedSorted, final Instant now, final String reason, final String error) {
        return new Round(modelId, number, RoundStatus.CLOSED, parents, acceptedSorted, scoring, openedAt, deadline, now.toString(), reason, null,
                error);
    }

    /**
     * The round with its submitted set fixed for scoring: nothing joins it any more, and the
     * deadline moves on by the model's round time so the committee has a whole round to score.
     */
    public Round scoring(final List<String> submittedSorted, final Instant now, final long deadlineSeconds) {
        return new Round(modelId, number, RoundStatus.SCORING, parents, accepted, submittedSorted, openedAt,
                now.plusSeconds(deadlineSeconds).toString(), closedAt, closedBy, aggregate, aggregationError);
    }

    public Round withAggregate(final AggregateRecord record) {
        return new Round(modelId, number, status, parents, accepted, scoring, openedAt, deadline, closedAt, closedBy, record, aggregationError);
    }
}
