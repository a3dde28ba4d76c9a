package dln.chaincode.call;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dln.chaincode.inprocess.InMemoryStub;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.hyperledger.fabric.shim.ChaincodeStub;
import org.junit.jupiter.api.Test;

class ReadOnlyStubTest {

    @Test
    void readsGoThroughAndEveryWriteIsRefusedByName() {
        final InMemoryStub stub = new InMemoryStub();
        stub.begin("t1", Instant.EPOCH, new byte[0], List.of("probe:Put"));
        stub.putState("k", "v".getBytes(StandardCharsets.UTF_8));
        stub.commit();
        stub.begin("t2", Instant.EPOCH, new byte[0], List.of("query:GetModel", "m"));
        final ChaincodeStub ro = ReadOnlyStub.over(stub, "GetModel");
        assertArrayEquals("v".getBytes(StandardCharsets.UTF_8), ro.getState("k"));
        assertEquals("query:GetModel", ro.getFunction());
        for (final Runnable write : List.<Runnable>of(() -> ro.putState("k", new byte[] {1}), () -> ro.putStringState("k", "w"),
                () -> ro.delState("k"), () -> ro.setEvent("E", new byte[0]), () -> ro.putPrivateData("c", "k", new byte[] {1}),
                () -> ro.setStateValidationParameter("k", new byte[] {1}), () -> ro.invokeChaincodeWithStringArgs("other", List.of("Put")))) {
            final ChaincodeException e = assertThrows(ChaincodeException.class, write::run);
            assertEquals("QUERY_CANNOT_WRITE", new String(e.getPayload(), StandardCharsets.UTF_8));
        }
        assertEquals(0, stub.pendingWrites());
    }

    @Test
    void everyContractParameterIsAString() {
        for (final Class<?> c : List.of(dln.chaincode.model.ModelContract.class, dln.chaincode.update.UpdateContract.class,
                dln.chaincode.score.ScoreContract.class, dln.chaincode.round.RoundContract.class, dln.chaincode.query.QueryContract.class,
                dln.chaincode.probe.ProbeContract.class)) {
            Signature.of(c); // throws on a non-String parameter
        }
    }
}
