package dln.chaincode.call;

import org.hyperledger.fabric.contract.Context;
import org.hyperledger.fabric.shim.ChaincodeStub;

/** The context of a transaction that may write: its stub holds the writes in a {@link WriteBatch}. */
final class WritingContext extends Context {

    private final WriteBatch batch;

    private WritingContext(final WriteBatch batch) {
        super(batch.stub());
        this.batch = batch;
    }

    static WritingContext over(final ChaincodeStub stub) {
        return new WritingContext(WriteBatch.on(stub));
    }

    /** Sends the writes held: called once the transaction's method has returned. */
    void sendWrites() {
        batch.send();
    }
}
