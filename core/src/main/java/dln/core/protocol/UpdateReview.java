package dln.core.protocol;

/**
 * A committee member's verdict on one update.
 *
 * @param updateId the update
 * @param score the value submitted (the lowest possible when a sanity check failed)
 * @param sane whether every sanity check passed
 * @param reason why a sanity check failed, or "" when sane
 */
public record UpdateReview(String updateId, double score, boolean sane, String reason) {}
