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
                        List<Vote> votes, List<InvalidShare> invalidShares) {
        public Round {
            keys = keys == null ? List.of() : List.copyOf(keys);
            shared = shared == null ? List.of() : List.copyOf(shared);
            masked = masked == null ? List.of() : List.copyOf(masked);
            revealed = revealed == null ? List.of() : List.copyOf(revealed);
            votes = votes == null ? List.of() : List.copyOf(votes);
            invalidShares = invalidShares == null ? List.of() : List.copyOf(invalidShares);
        }

        /** Before any vote. */
        public Round(final String modelId, final int round, final SecurePhase phase, final int threshold, final List<LedgerIdentity> keys,
                     final List<LedgerIdentity> shared, final List<LedgerIdentity> masked, final List<LedgerIdentity> revealed,
                     final String aggregateUpdateId) {
            this(modelId, round, phase, threshold, keys, shared, masked, revealed, aggregateUpdateId, null, null);
        }

        /** How many of the shares {@code sender} dealt were reported invalid by their recipients. */
        public long invalidSharesOf(final LedgerIdentity sender) {
            return invalidShares.stream().filter(i -> sender.equals(i.sender())).count();
        }

        /**
         * Who may act at the current step: the key set at shares, who shared at masking, who sent a
         * masked update at unmasking (and once aggregated); nobody is named at keys, where any
         * provider of the model may join.
         */
        public List<LedgerIdentity> mayAct() {
            return switch (phase) {
                case KEYS -> List.of();
                case SHARES -> keys;
                case MASKING -> shared;
                case UNMASKING, AGGREGATED -> masked;
            };
        }

        /** Who acted at the current step: advertised a key, shared, sent a masked update, revealed. */
        public List<LedgerIdentity> acted() {
            return switch (phase) {
                case KEYS -> keys;
                case SHARES -> shared;
                case MASKING -> masked;
                case UNMASKING, AGGREGATED -> revealed;
            };
        }

        /**
         * Where the round stands, in words: its step, how many of those who may act in it did, who it
         * still waits for, and the aggregate's votes while unmasking; e.g. "step shares, 3 of 4
         * acted, waiting for User3@org2". What a stalled provider, {@code publisher status} and
         * {@code publisher advance} print.
         */
        public String standing() {
            final List<LedgerIdentity> may = mayAct();
            final List<LedgerIdentity> did = acted();
            if (phase == SecurePhase.KEYS) {
                return "step keys, " + did.size() + " mask key" + (did.size() == 1 ? "" : "s") + " advertised";
            }
            if (phase == SecurePhase.AGGREGATED) {
                return "aggregated from " + masked.size() + " masked update" + (masked.size() == 1 ? "" : "s") + " as update " + aggregateUpdateId;
            }
            final List<String> waiting = may.stream().filter(w -> !did.contains(w)).map(LedgerIdentity::shortName).toList();
            final long different = this.votes.stream().map(Vote::weightsCid).distinct().count();
            final String votes = phase == SecurePhase.UNMASKING
                    ? ", " + this.votes.size() + " aggregate vote" + (this.votes.size() == 1 ? "" : "s")
                            + (different > 1 ? " for " + different + " different weights" : "") + " (" + threshold + " must agree)"
                    : "";
            return "step " + phase.wire() + ", " + did.size() + " of " + may.size() + " acted"
                    + (waiting.isEmpty() ? "" : ", waiting for " + String.join(", ", waiting)) + votes;
        }

        /** Whether {@code who} recorded aggregate weights for this round. */
        public boolean voted(final LedgerIdentity who) {
            return votes.stream().anyMatch(v -> who.equals(v.by()));
        }
    }

    /**
     * A share that did not open for its recipient or did not match its sender's commitment,
     * recorded when the recipient revealed (an empty share in its place): {@code rule} is
     * SECAGG_SHARE_INVALID, {@code sender} the provider that dealt it, {@code reporter} its recipient.
     */
    public record InvalidShare(String rule, LedgerIdentity sender, LedgerIdentity reporter) {}

    /** One RecordSecureAggregate: who recorded which weights (normalised CID). */
    public record Vote(LedgerIdentity by, String weightsCid) {}

    /**
     * One provider's part: its public mask key, its certificate, its share envelopes with their
     * commitments (per envelope, SHA-256 hex of the mask-key share then of the self-seed share it
     * seals), masked update and revealed shares (empty: the sender's share was invalid);
     * {@code privacy}: the DP-SGD run behind its masked update and its epsilon on the model with it,
     * as the chaincode recomputed it (null on a model without a budget).
     */
    public record Party(LedgerIdentity identity, String maskKey, String certificatePem, List<String> shares, String maskedCid,
                        long samples, long trainingMillis, List<String> revealed, UpdateView.Privacy privacy, List<String> commitments) {
        public Party {
            shares = shares == null ? List.of() : List.copyOf(shares);
            revealed = revealed == null ? List.of() : List.copyOf(revealed);
            commitments = commitments == null ? List.of() : List.copyOf(commitments);
        }

        /** Without commitments. */
        public Party(final LedgerIdentity identity, final String maskKey, final String certificatePem, final List<String> shares,
                     final String maskedCid, final long samples, final long trainingMillis, final List<String> revealed,
                     final UpdateView.Privacy privacy) {
            this(identity, maskKey, certificatePem, shares, maskedCid, samples, trainingMillis, revealed, privacy, null);
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
