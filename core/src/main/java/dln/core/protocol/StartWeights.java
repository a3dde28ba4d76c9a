package dln.core.protocol;

/**
 * The weights a step starts from, and how their aggregate was verified.
 *
 * @param weights the flat parameter vector
 * @param parents the parent update ids it aggregates (or "initial")
 * @param cid the CID of its weight file
 * @param check what verification found: INITIAL, RECORDED (we were first), VERIFIED (matched the
 *        recorded CID), DISPUTED (did not match; we continue from our own), or LOCAL (gossip)
 */
public record StartWeights(float[] weights, java.util.List<String> parents, String cid, Check check) {

    /** Outcome of verifiable aggregation. */
    public enum Check { INITIAL, RECORDED, VERIFIED, DISPUTED, LOCAL }
}
