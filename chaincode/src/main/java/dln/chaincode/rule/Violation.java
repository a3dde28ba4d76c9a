package dln.chaincode.rule;

import dln.api.Rule;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.shim.ChaincodeException;

/** How the chaincode refuses a call: message "RULE: what to fix", payload "RULE", nothing written. */
public final class Violation {

    private Violation() {
    }

    /** The exception to throw for breaking {@code rule}. */
    public static ChaincodeException of(final Rule rule, final String whatToFix) {
        return new ChaincodeException(rule.name() + ": " + whatToFix, rule.name().getBytes(StandardCharsets.UTF_8));
    }
}
