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
 * in key-set order. {@code aggregateUpdateId} is the update the recovered aggregate was recorded as.
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
        @Property String aggregateUpdateId) {

    static final Comparator<Identity> ORDER = Comparator.comparing(Identity::mspId).thenComparing(Identity::x509Id);

    public SecureRound {
        keys = List.copyOf(keys);
        shared = List.copyOf(shared);
        masked = List.copyOf(masked);
        revealed = List.copyOf(revealed);
    }

    static SecureRound fresh(final String modelId, final int round, final int threshold) {
        return new SecureRound(modelId, round, SecurePhase.KEYS, threshold, List.of(), List.of(), List.of(), List.of(), null);
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
                step == SecurePhase.UNMASKING ? grown : revealed, aggregateUpdateId);
    }

    SecureRound in(final SecurePhase next) {
        return new SecureRound(modelId, round, next, threshold, keys, shared, masked, revealed, aggregateUpdateId);
    }

    SecureRound aggregated(final String updateId) {
        return new SecureRound(modelId, round, SecurePhase.AGGREGATED, threshold, keys, shared, masked, revealed, updateId);
    }
}
