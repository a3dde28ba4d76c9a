package dln.chaincode.secagg;

import dln.api.SecurePhase;
import dln.chaincode.identity.Identity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * The steps of one securely aggregated round (docs/privacy.md). {@code keys} is the key set U1,
 * sorted by (mspId, x509Id): a provider's position in it is its index for shares and mask signs.
 * {@code shared} (U2) posted their shares, {@code masked} (U3) their masked updates, {@code revealed}
 * the survivors that revealed the shares unmasking needs; each set is a subset of the one before,
 * in key-set order. {@code votes}: who recorded which aggregate weights; the aggregate becomes the
 * round's update when {@code threshold} participants recorded the same weights, and
 * {@code aggregateUpdateId} is that update. {@code invalidShares}: the shares their recipients
 * reported invalid when revealing, each naming its sender.
 */
@DataType
public record SecureRound(
        @Property String modelId,
        @Property int round,
        SecurePhase phase,
        @Property int threshold,
        List<Identity> keys,
        List<Identity> shared,
        List<Identity> masked,
        List<Identity> revealed,
        @Property String aggregateUpdateId,
        List<AggregateVote> votes,
        List<InvalidShare> invalidShares) {

    static final Comparator<Identity> ORDER = Comparator.comparing(Identity::mspId).thenComparing(Identity::x509Id);

    public SecureRound {
        keys = List.copyOf(keys);
        shared = List.copyOf(shared);
        masked = List.copyOf(masked);
        revealed = List.copyOf(revealed);
        votes = votes == null ? List.of() : List.copyOf(votes);
        invalidShares = invalidShares == null ? List.of() : List.copyOf(invalidShares);
    }

    static SecureRound fresh(final String modelId, final int round, final int threshold) {
        return new SecureRound(modelId, round, SecurePhase.KEYS, threshold, List.of(), List.of(), List.of(), List.of(), null, List.of(), List.of());
    }

    /** The set whose completion ends {@code p}: keys end KEYS, shares SHARES, masked updates MASKING, reveals UNMASKING. */
    List<Identity> setOf(final SecurePhase p) {
        return switch (p) {
            case KEYS -> keys;
            case SHARES -> shared;
            case MASKING -> masked;
            case UNMASKING, AGGREGATED -> revealed;
        };
    }

    /** The set a caller must belong to to act in {@code p}. */
    List<Identity> eligible(final SecurePhase p) {
        return switch (p) {
            case KEYS -> List.of();
            case SHARES -> keys;
            case MASKING -> shared;
            case UNMASKING, AGGREGATED -> masked;
        };
    }

    SecureRound with(final SecurePhase step, final Identity who) {
        final List<Identity> grown = new ArrayList<>(setOf(step));
        grown.add(who);
        grown.sort(ORDER);
        return new SecureRound(modelId, round, phase, threshold, step == SecurePhase.KEYS ? grown : keys,
                step == SecurePhase.SHARES ? grown : shared, step == SecurePhase.MASKING ? grown : masked,
                step == SecurePhase.UNMASKING ? grown : revealed, aggregateUpdateId, votes, invalidShares);
    }

    SecureRound in(final SecurePhase next) {
        return new SecureRound(modelId, round, next, threshold, keys, shared, masked, revealed, aggregateUpdateId, votes, invalidShares);
    }

    SecureRound aggregated(final String updateId) {
        return new SecureRound(modelId, round, SecurePhase.AGGREGATED, threshold, keys, shared, masked, revealed, updateId, votes,
                invalidShares);
    }

    SecureRound voted(final AggregateVote vote) {
        final List<AggregateVote> grown = new ArrayList<>(votes);
        grown.add(vote);
        return new SecureRound(modelId, round, phase, threshold, keys, shared, masked, revealed, aggregateUpdateId, grown, invalidShares);
    }

    SecureRound reported(final List<InvalidShare> found) {
        final List<InvalidShare> grown = new ArrayList<>(invalidShares);
        grown.addAll(found);
        return new SecureRound(modelId, round, phase, threshold, keys, shared, masked, revealed, aggregateUpdateId, votes, grown);
    }

    /** The vote of {@code who}, or null. */
    AggregateVote voteOf(final Identity who) {
        return votes.stream().filter(v -> v.by().equals(who)).findFirst().orElse(null);
    }
}
