package dln.chaincode.reputation;

import dln.chaincode.identity.Identity;
import dln.chaincode.keys.Key;
import dln.chaincode.keys.Keys;
import dln.chaincode.ledger.Ledger;

/** Reads reputations from an identity's own key range and writes one entry per decided update. */
public final class ReputationBook {

    private ReputationBook() {
    }

    private static Key history(final Identity who) {
        return Key.of(Keys.REPUTATION, who.mspId(), who.x509Id());
    }

    public static Reputation of(final Ledger ledger, final Identity who) {
        return of(ledger, who, java.util.List.of());
    }

    /**
     * The reputation with {@code unwritten} entries counted too: entries this transaction records
     * but cannot read back (Fabric hides a transaction's own writes), so that a later decision in
     * the same transaction weighs the members as it would in a transaction of its own.
     */
    public static Reputation of(final Ledger ledger, final Identity who, final java.util.List<ReputationEntry> unwritten) {
        final java.util.List<ReputationEntry> entries = new java.util.ArrayList<>(ledger.records(history(who), ReputationEntry.class, Integer.MAX_VALUE));
        entries.addAll(unwritten);
        long accepted = 0;
        long rejected = 0;
        long decided = 0;
        long agreed = 0;
        long flagged = 0;
        double contribution = 0;
        for (final ReputationEntry e : entries) {
            if (ReputationEntry.SUBMITTER.equals(e.role())) {
                if (e.flagged()) {
                    flagged++;
                }
                if ("accepted".equals(e.outcome())) {
                    accepted++;
                    contribution += e.contribution() == null ? 0 : e.contribution();
                } else {
                    rejected++;
                }
            } else {
                decided++;
                if (Boolean.TRUE.equals(e.agreed())) {
                    agreed++;
                }
            }
        }
        final long given = ledger.values(Key.of(Keys.SCORE_BY_MEMBER, who.mspId(), who.x509Id()), Integer.MAX_VALUE).size();
        return new Reputation(who, accepted, rejected, given, decided, agreed, (agreed + 1.0) / (decided + 2.0), contribution, flagged);
    }

    public static double weight(final Ledger ledger, final Identity who) {
        return of(ledger, who).weight();
    }

    public static double weight(final Ledger ledger, final Identity who, final java.util.List<ReputationEntry> unwritten) {
        return of(ledger, who, unwritten).weight();
    }

    public static void record(final Ledger ledger, final Identity who, final ReputationEntry entry) {
        ledger.put(Keys.reputation(who, entry.updateId()), entry);
    }

}
