package dln.api.view;

/**
 * One committee member's score of one update; {@code reason} explains a lowest or unavailable
 * score (else null). When {@code unavailable} the member could not fetch the weights within its
 * patience: {@code value} and {@code samples} are 0 and mean nothing.
 */
public record ScoreView(String updateId, LedgerIdentity member, double value, long samples, String at, String reason, boolean unavailable,
                        Double contribution, Double contributionSe) {}
