package dln.chaincode.call;

import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.hyperledger.fabric.contract.execution.ExecutionFactory;
import org.hyperledger.fabric.contract.execution.InvocationRequest;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The checks every call passes before its contract method runs and before anything is read:
 * the transaction exists, it gets exactly the arguments it declares, each is UTF-8 text within
 * the size bound. The shim itself ignores extra arguments and fails on missing ones with an
 * unnamed "Unexpected error", and decodes invalid UTF-8 silently into U+FFFD.
 */
final class CallCheck {

    /** No argument of any transaction is larger (the largest, a model spec, is bounded at 512 KiB of characters). */
    static final int MAX_ARGUMENT_BYTES = 2 * 1024 * 1024;

    private CallCheck() {
    }

    /** The signature of the called transaction of {@code contract}, once the call matches it. */
    static Signature check(final Class<?> contract, final ChaincodeStub stub) {
        // The shim's own parsing of "contract:Name", so routing and checking agree.
        final InvocationRequest request = ExecutionFactory.getInstance().createRequest(stub);
        final Signature sig = Signature.of(contract).get(request.getMethod());
        if (sig == null) {
            throw Violation.of(Rule.UNKNOWN_TRANSACTION, "'" + request.getRequestName() + "' is not a transaction of this chaincode;"
                    + " call one of " + Signature.of(contract).keySet() + " of contract " + request.getNamespace() + " (docs/ledger.md §4, §5)");
        }
        final List<byte[]> args = request.getArgs();
        if (args.size() != sig.arguments()) {
            throw Violation.of(Rule.WRONG_ARGUMENT_COUNT, request.getRequestName() + " takes " + sig.arguments() + " argument"
                    + (sig.arguments() == 1 ? "" : "s") + ", got " + args.size() + " (docs/ledger.md §4, §5)");
        }
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).length > MAX_ARGUMENT_BYTES) {
                throw Violation.of(Rule.TOO_LARGE, "argument " + (i + 1) + " of " + request.getRequestName() + " has " + args.get(i).length
                        + " bytes; at most " + MAX_ARGUMENT_BYTES);
            }
            if (!utf8(args.get(i))) {
                throw Violation.of(Rule.ARGUMENT_NOT_UTF8, "argument " + (i + 1) + " of " + request.getRequestName()
                        + " is not UTF-8 text; every argument is a string");
            }
        }
        return sig;
    }

    private static boolean utf8(final byte[] bytes) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }
}
