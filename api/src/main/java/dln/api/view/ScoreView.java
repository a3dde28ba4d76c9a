package dln.api.view;

/** One committee member's score of one update; {@code reason} explains a lowest score (else null). */
public record ScoreView(String updateId, LedgerIdentity member, double value, long samples, String at, String reason) {}
