package dln.core.ledger.view;

/** One committee member's score of one update. */
public record ScoreView(String updateId, LedgerIdentity member, double value, long samples, String at) {}
