package dln.chaincode.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonParser;
import org.hyperledger.fabric.shim.ChaincodeException;
import org.junit.jupiter.api.Test;

class StrictJsonTest {

    private static String code(final String json) {
        return new String(assertThrows(ChaincodeException.class, () -> StrictJson.object(json, "x", 1000)).getPayload());
    }

    @Test
    void refusesWhatLenientParsersAccept() {
        assertEquals("INVALID_JSON", code("{\"a\":1,\"a\":2}"));
        assertEquals("INVALID_JSON", code("{a:1}"));
        assertEquals("INVALID_JSON", code("{\"a\":1} trailing"));
        assertEquals("INVALID_JSON", code("{\"a\":NaN}"));
        assertEquals("INVALID_JSON", code("{'a':1}"));
        assertEquals("TOO_LARGE", code("[".repeat(20) + "]".repeat(20)));
        assertEquals("MISSING_FIELD", code(""));
    }

    @Test
    void canonicalFormSortsKeysAndDropsWhitespace() {
        assertEquals("{\"a\":[1,{\"b\":true,\"c\":\"x\"}],\"z\":0.10}",
                CanonicalJson.write(StrictJson.object("{ \"z\": 0.10, \"a\": [1, {\"c\": \"x\", \"b\": true}] }", "x", 1000)));
        assertEquals(CanonicalJson.write(JsonParser.parseString("{\"b\":1,\"a\":2}")),
                CanonicalJson.write(JsonParser.parseString("{\"a\":2,\"b\":1}")));
    }
}
