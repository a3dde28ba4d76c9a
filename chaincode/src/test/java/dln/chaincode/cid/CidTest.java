package dln.chaincode.cid;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

class CidTest {

    // The empty UnixFS directory, as Kubo prints it in both versions.
    private static final String V0 = "QmUNLLsPACCz1vLxQVkXqqLX5R1X345qqfHbsf67hvA3Nn";
    private static final String V1 = "bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354";

    @Test
    void bothSpellingsOfOneDagPbCidNormaliseAlike() {
        assertEquals(V1, Cid.normalize(V0, "cid"));
        assertEquals(V1, Cid.normalize(V1, "cid"));
    }

    @Test
    void rawLeafCidsAreAccepted() {
        final String raw = Cid.rawV1(new byte[32]);
        assertEquals(raw, Cid.normalize(raw, "cid"));
    }

    @Test
    void malformedCidsAreRejected() {
        for (final String bad : new String[] {"", "Qm123", V1.toUpperCase(), V1 + "a", "z" + V1.substring(1), V0.replace('U', '0')}) {
            final ChaincodeException e = assertThrows(ChaincodeException.class, () -> Cid.normalize(bad, "cid"), bad);
            assertEquals("INVALID_CID", new String(e.getPayload()));
        }
    }
}
