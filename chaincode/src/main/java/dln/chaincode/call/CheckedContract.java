package dln.chaincode.call;

import dln.api.Rule;
import dln.chaincode.rule.Violation;
import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.contract.ContextFactory;
import org.hyperledger.fabric.contract.ContractInterface;
import org.hyperledger.fabric.shim.ChaincodeStub;

/**
 * What every dln contract implements instead of ContractInterface: the one place a call is
 * checked before its method runs. createContext is the hook because the shim calls it before it
 * binds the arguments (beforeTransaction comes after, too late to name a missing argument).
 * Queries get a stub that refuses every write; any other call holds its writes and hands them to the
 * peer in one message once its method has returned ({@link WriteBatch}).
 */
public interface CheckedContract extends ContractInterface {

    @Override
    default Context createContext(final ChaincodeStub stub) {
        final Signature sig = CallCheck.check(getClass(), stub);
        return sig.query() ? ContextFactory.getInstance().createContext(ReadOnlyStub.over(stub, sig.name())) : WritingContext.over(stub);
    }

    @Override
    default void afterTransaction(final Context ctx, final Object result) {
        if (ctx instanceof WritingContext writing) {
            writing.sendWrites();
        }
    }

    @Override
    default void unknownTransaction(final Context ctx) {
        // Reached only if routing and createContext disagree; named all the same.
        throw Violation.of(Rule.UNKNOWN_TRANSACTION, "no such transaction: " + ctx.getStub().getFunction());
    }
}
