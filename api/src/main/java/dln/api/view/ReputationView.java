package dln.api.view;

/**
 * An identity's record on the ledger (docs/ledger.md, Reputation): its decided updates, the
 * scores it gave and how many agreed with the decision, the weight that follows, the summed
 * contribution of its accepted updates and how often a member flagged one of them.
 */
public record ReputationView(LedgerIdentity identity, long accepted, long rejected, long scoresGiven, long scoresDecided, long scoresAgreed,
                             double weight, double contribution, long flagged) {}
