package dln.chaincode.abuse;

import dln.api.Rule;
import java.util.List;

/**
 * One refused call as data, so the in-process suite and the network bench run the same list:
 * who calls ({@code publisher}, {@code member1}, {@code provider1}, {@code outsider}), the
 * qualified transaction, its raw arguments and the rule it must break.
 */
public record AbuseCase(String name, String who, String function, List<byte[]> args, Rule rule) {

    public AbuseCase {
        args = List.copyOf(args);
    }

    /** The arguments as the shim and the gateway take them. */
    public byte[][] argArray() {
        return args.toArray(new byte[0][]);
    }

    /** A query runs as an evaluation; the gateway would refuse to submit it before the chaincode saw it. */
    public boolean isQuery() {
        return function.startsWith(dln.api.Contract.QUERY_NAME + ":");
    }
}
