package dln.chaincode.inprocess;

/**
 * What one call of the in-process chain returned, and what it wrote and emitted.
 *
 * @param status 200 on success, 500 when a rule refused it (the shim's codes)
 * @param message the refusal's message ("RULE: what to fix"), else null
 * @param payload the result, or the broken rule's name on a refusal
 * @param eventName the chaincode event set by the call, or null
 * @param eventPayload that event's payload, or null
 * @param writes keys the call wrote (applied only on success)
 * @param keysRead keys it read, point or range
 */
public record Invocation(int status, String message, byte[] payload, String eventName, byte[] eventPayload, int writes, long keysRead) {

    /** True when the call succeeded and its writes were committed. */
    public boolean ok() {
        return status == 200;
    }
}
