package dln.chaincode.secagg;

import dln.chaincode.identity.Identity;
import dln.chaincode.update.PrivacyRecord;
import java.util.List;
import org.hyperledger.fabric.contract.annotation.DataType;
import org.hyperledger.fabric.contract.annotation.Property;

/**
 * One provider's part of a securely aggregated round, written only by it. {@code maskKey}: its
 * round's public mask key (hex of the uncompressed P-256 point). {@code certificatePem}: its
 * enrolment certificate, taken from its signature, which the others encrypt its shares to.
 * {@code shares}: base64 envelopes for every provider of the key set, in key-set order (its own
 * included), each readable only by its recipient, and {@code commitments}, one per envelope in the
 * same order: SHA-256 hex of the mask-key share then of the self-seed share it seals (a share is
 * uniformly random, so its hash reveals nothing), which every revealed share must match. {@code maskedCid}, {@code samples},
 * {@code trainingMillis}: its masked update. {@code revealed}: in the order of the round's
 * {@code shared} set, the share (hex) of each one's self seed if it sent a masked update, of its
 * mask key if it dropped out, or empty where that one's share to it was invalid. {@code privacy}: on a model with a budget, the DP-SGD run behind its masked
 * update and its epsilon with it, as recomputed by the chaincode.
 */
@DataType
public record SecureParty(
        Identity identity,
        @Property String maskKey,
        @Property String certificatePem,
        List<String> shares,
        @Property String maskedCid,
        @Property long samples,
        @Property long trainingMillis,
        List<String> revealed,
        PrivacyRecord privacy,
        List<String> commitments) {

    public SecureParty {
        shares = shares == null ? List.of() : List.copyOf(shares);
        revealed = revealed == null ? List.of() : List.copyOf(revealed);
        commitments = commitments == null ? List.of() : List.copyOf(commitments);
    }

    SecureParty withShares(final List<String> envelopes, final List<String> committed) {
        return new SecureParty(identity, maskKey, certificatePem, envelopes, maskedCid, samples, trainingMillis, revealed, privacy, committed);
    }

    SecureParty withMasked(final String cid, final long n, final long millis, final PrivacyRecord run) {
        return new SecureParty(identity, maskKey, certificatePem, shares, cid, n, millis, revealed, run, commitments);
    }

    SecureParty withRevealed(final List<String> shareHex) {
        return new SecureParty(identity, maskKey, certificatePem, shares, maskedCid, samples, trainingMillis, shareHex, privacy, commitments);
    }
}
