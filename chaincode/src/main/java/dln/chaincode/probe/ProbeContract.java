package dln.chaincode.probe;

import dln.api.Rule;
import dln.api.Tx;
import dln.chaincode.rule.Violation;
import dln.chaincode.call.CheckedContract;
import java.nio.charset.StandardCharsets;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.annotation.Contract;
import org.hyperledger.fabric.contract.annotation.Default;
import org.hyperledger.fabric.contract.annotation.Info;
import org.hyperledger.fabric.contract.annotation.Transaction;

/**
 * A put-only key/value contract: the network's smoke test and the baseline the ledger benchmark
 * compares SubmitUpdate and SubmitScore against. Keys live under their own prefix so they can
 * never collide with learning records. Off unless the test network turns it on ({@link ProbeSwitch}).
 */
@Contract(name = dln.api.Contract.PROBE_NAME, info = @Info(title = "dln probe", version = "1"))
@Default
public final class ProbeContract implements CheckedContract {

    private static final String PREFIX = "probe~";
    private static final int MAX_KEY = 128;
    private static final int MAX_VALUE = 4096;

    @Transaction(name = Tx.PROBE_PUT_NAME, intent = Transaction.TYPE.SUBMIT)
    public void Put(final Context ctx, final String key, final String value) {
        ProbeSwitch.require();
        if (key == null || key.isEmpty() || key.length() > MAX_KEY) {
            throw Violation.of(Rule.PROBE_KEY_INVALID, "key must be 1.." + MAX_KEY + " characters");
        }
        if (value == null || value.length() > MAX_VALUE) {
            throw Violation.of(Rule.PROBE_VALUE_INVALID, "value must be at most " + MAX_VALUE + " characters");
        }
        ctx.getStub().putState(PREFIX + key, value.getBytes(StandardCharsets.UTF_8));
    }

    @Transaction(name = Tx.PROBE_GET_NAME, intent = Transaction.TYPE.EVALUATE)
    public String Get(final Context ctx, final String key) {
        ProbeSwitch.require();
        final byte[] v = ctx.getStub().getState(PREFIX + key);
        if (v == null || v.length == 0) {
            throw Violation.of(Rule.PROBE_KEY_NOT_FOUND, "no value under '" + key + "'");
        }
        return new String(v, StandardCharsets.UTF_8);
    }
}
