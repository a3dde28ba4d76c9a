package dln.chaincode.call;

import dln.api.Rule;
import dln.chaincode.rule.Violation;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.Set;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * The stub a query sees: every read goes through, every write, event or chaincode-to-chaincode
 * call fails. A peer cannot tell an evaluated proposal from one that will be submitted (both are
 * the same signed proposal), so a query must be harmless either way: submitted, it commits an
 * empty write set.
 */
final class ReadOnlyStub {

    private static final Set<String> WRITES = Set.of("putState", "putStringState", "delState", "setStateValidationParameter",
            "putPrivateData", "delPrivateData", "purgePrivateData", "setPrivateDataValidationParameter", "setEvent",
            "invokeChaincode", "invokeChaincodeWithStringArgs");

    private ReadOnlyStub() {
    }

    static ChaincodeStub over(final ChaincodeStub stub, final String txName) {
        return (ChaincodeStub) Proxy.newProxyInstance(ChaincodeStub.class.getClassLoader(), new Class<?>[] {ChaincodeStub.class},
                (proxy, method, args) -> {
                    if (WRITES.contains(method.getName())) {
                        throw Violation.of(Rule.QUERY_CANNOT_WRITE, txName + " is a query: it reads and never writes");
                    }
                    try {
                        return method.invoke(stub, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }
}
