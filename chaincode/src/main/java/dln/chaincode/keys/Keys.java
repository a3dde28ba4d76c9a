package dln.chaincode.keys;

import dln.chaincode.identity.Identity;
import java.time.Instant;

/**
 * Every composite key layout of the ledger, in one place so docs/ledger.md can mirror it. Each
 * query path has its own index whose leading attributes are the query's filter, so a query is a
 * key range and never a scan. Index values hold the id of the record they point to.
 */
public final class Keys {

    public static final String MODEL = "dln.model";                      // [modelId] -> Model
    public static final String MODEL_BY_STATUS = "dln.model.status";     // [status, modelId] -> modelId
    public static final String UPDATE = "dln.update";                    // [updateId] -> Update
    public static final String UPDATE_BY_MODEL = "dln.update.model";     // [modelId, time, updateId] -> updateId
    public static final String UPDATE_BY_STATUS = "dln.update.status";   // [modelId, status, time, updateId]
    public static final String UPDATE_BY_ROUND = "dln.update.round";     // [modelId, round, time, updateId]
    public static final String UPDATE_BY_ROUND_STATUS = "dln.update.round.status"; // [modelId, round, status, time, updateId]
    public static final String UPDATE_BY_PROVIDER = "dln.update.provider"; // [modelId, round, mspId, x509Id] -> updateId
    public static final String UPDATE_BY_RANK = "dln.update.rank";       // [modelId, rank, time, updateId] accepted, best first
    public static final String UPDATE_RECENT = "dln.update.recent";      // [modelId, reverse decided time, updateId] accepted, newest first
    public static final String UPDATE_BY_SUBMITTER = "dln.update.submitter"; // [modelId, mspId, x509Id, reverse submitted time, updateId] newest first
    public static final String CHILD = "dln.update.child";               // [modelId, parentId, childId] -> childId
    public static final String WEIGHTS = "dln.weights";                  // [modelId, normalCid] -> updateId | "initial"
    public static final String SCORE = "dln.score";                      // [updateId, mspId, x509Id] -> Score
    public static final String SCORE_BY_MEMBER = "dln.score.member";     // [mspId, x509Id, updateId] -> updateId
    public static final String ROUND = "dln.round";                      // [modelId, round] -> Round
    public static final String DISPUTE = "dln.dispute";                  // [modelId, round, mspId, x509Id] -> Dispute
    public static final String ABSTENTION = "dln.round.abstention";      // [modelId, round, mspId, x509Id] -> Abstention
    public static final String PRIVACY_SPEND = "dln.privacy.spend";       // [modelId, mspId, x509Id] -> PrivacySpend
    public static final String SECURE_ROUND = "dln.secagg.round";        // [modelId, round] -> SecureRound
    public static final String SECURE_PARTY = "dln.secagg.party";        // [modelId, round, mspId, x509Id] -> SecureParty
    public static final String REPUTATION = "dln.reputation";            // [mspId, x509Id, updateId] -> ReputationEntry
    public static final String TRACK = "dln.track";                      // [modelId, mspId, x509Id] -> Track

    private Keys() {
    }

    /** Round numbers are zero-padded so that key order is numeric order. */
    public static String round(final int round) {
        return String.format("%06d", round);
    }

    /** Ledger time in zero-padded epoch nanoseconds: key order is submission order. */
    public static String time(final Instant t) {
        return String.format("%019d", t.getEpochSecond() * 1_000_000_000L + t.getNano());
    }

    /** Ledger time counted down, so key order is newest first (LevelDB ranges only run forwards). */
    public static String reverseTime(final Instant t) {
        return String.format("%019d", Long.MAX_VALUE - (t.getEpochSecond() * 1_000_000_000L + t.getNano()));
    }

    public static Key model(final String modelId) {
        return Key.of(MODEL, modelId);
    }

    public static Key update(final String updateId) {
        return Key.of(UPDATE, updateId);
    }

    public static Key round(final String modelId, final int round) {
        return Key.of(ROUND, modelId, round(round));
    }

    public static Key score(final String updateId, final Identity member) {
        return Key.of(SCORE, updateId, member.mspId(), member.x509Id());
    }

    public static Key scoreByMember(final Identity member, final String updateId) {
        return Key.of(SCORE_BY_MEMBER, member.mspId(), member.x509Id(), updateId);
    }

    public static Key weights(final String modelId, final String normalCid) {
        return Key.of(WEIGHTS, modelId, normalCid);
    }

    /** A securely aggregated round's steps and sets. */
    public static Key secureRound(final String modelId, final int round) {
        return Key.of(SECURE_ROUND, modelId, round(round));
    }

    /** One provider's part of a securely aggregated round: its key, shares, masked update, revealed shares. Only it writes there. */
    public static Key secureParty(final String modelId, final int round, final Identity provider) {
        return Key.of(SECURE_PARTY, modelId, round(round), provider.mspId(), provider.x509Id());
    }

    public static Key provider(final String modelId, final int round, final Identity provider) {
        return Key.of(UPDATE_BY_PROVIDER, modelId, round(round), provider.mspId(), provider.x509Id());
    }

    /** A provider's differential-privacy spending on a model: its own key, so providers never conflict. */
    public static Key privacySpend(final String modelId, final Identity provider) {
        return Key.of(PRIVACY_SPEND, modelId, provider.mspId(), provider.x509Id());
    }

    /** A provider's abstention from a round; the round's abstentions are a range under {@code [modelId, round]}. */
    public static Key abstention(final String modelId, final int round, final Identity by) {
        return Key.of(ABSTENTION, modelId, round(round), by.mspId(), by.x509Id());
    }

    public static Key dispute(final String modelId, final int round, final Identity by) {
        return Key.of(DISPUTE, modelId, round(round), by.mspId(), by.x509Id());
    }

    /** A provider's accepted and rejected updates on a model: its own key, so decisions of different providers never conflict. */
    public static Key track(final String modelId, final Identity provider) {
        return Key.of(TRACK, modelId, provider.mspId(), provider.x509Id());
    }

    public static Key reputation(final Identity who, final String updateId) {
        return Key.of(REPUTATION, who.mspId(), who.x509Id(), updateId);
    }
}
