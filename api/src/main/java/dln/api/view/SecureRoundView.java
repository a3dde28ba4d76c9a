package dln.api.view;

import dln.api.SecurePhase;
import java.util.List;

/**
 * query:GetSecureRound (docs/ledger.md): a securely aggregated round's steps, and every key-set
 * provider's part in key-set order (a provider's position is its index for shares and mask signs).
 */
public record SecureRoundView(Round round, List<Party> parties) {

    public SecureRoundView {
        parties = parties == null ? List.of() : List.copyOf(parties);
    }

    /**
     * The steps: the key set, then who shared, who sent a masked update, who revealed; who recorded
     * which aggregate weights ({@code votes}), and the update the agreed aggregate became.
     */
    public record Round(String modelId, int round, SecurePhase phase, int threshold, List<LedgerIdentity> keys,
                        List<LedgerIdentity> shared, List<LedgerIdentity> masked, List<LedgerIdentity> revealed, String aggregateUpdateId,
                        List<Vote> votes) {
        public Round {
            keys = keys == null ? List.of() : List.copyOf(keys);
            shared = shared == null ? List.of() : List.copyOf(shared);
            masked = masked == null ? List.of() : List.copyOf(masked);
            revealed = revealed == null ? List.of() : List.copyOf(revealed);
            votes = votes == null ? List.of() : List.copyOf(votes);
        }

        /** Before any vote. */
        public Round(final String modelId, final int round, final SecurePhase phase, final int threshold, final List<LedgerIdentity> keys,
                     final List<LedgerIdentity> shared, final List<LedgerIdentity> masked, final List<LedgerIdentity> revealed,
                     final String aggregateUpdateId) {
            this(modelId, round, phase, threshold, keys, shared, masked, revealed, aggregateUpdateId, null);
        }

        /** Whether {@code who} recorded aggregate weights for this round. */
        public boolean voted(final LedgerIdentity who) {
            return votes.stream().anyMatch(v -> who.equals(v.by()));
        }
    }

    /** One RecordSecureAggregate: who recorded which weights (normalised CID). */
    public record Vote(LedgerIdentity by, String weightsCid) {}

    /**
     * One provider's part: its public mask key, its certificate, its share envelopes, masked update
     * and revealed shares; {@code privacy}: the DP-SGD run behind its masked update and its epsilon
     * on the model with it, as the chaincode recomputed it (null on a model without a budget).
     */
    public record Party(LedgerIdentity identity, String maskKey, String certificatePem, List<String> shares, String maskedCid,
                        long samples, long trainingMillis, List<String> revealed, UpdateView.Privacy privacy) {
        public Party {
            shares = shares == null ? List.of() : List.copyOf(shares);
            revealed = revealed == null ? List.of() : List.copyOf(revealed);
        }

        /** Without a privacy record. */
        public Party(final LedgerIdentity identity, final String maskKey, final String certificatePem, final List<String> shares,
                     final String maskedCid, final long samples, final long trainingMillis, final List<String> revealed) {
            this(identity, maskKey, certificatePem, shares, maskedCid, samples, trainingMillis, revealed, null);
        }
    }

    /** The index of {@code who} in the key set, or -1. */
    public int indexOf(final LedgerIdentity who) {
        return round.keys().indexOf(who);
    }
}
