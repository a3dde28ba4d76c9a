package dln.chaincode.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CallCasesTest {

    @Test
    void everyTransactionGetsItsShapeCasesByArity() {
        // none: one too many; one: none, too many, not UTF-8, 2 MiB; two: and one missing
        final List<AbuseCase> cases = CallCases.shape(Map.of("x:Zero", 0, "x:One", 1, "x:Two", 2));
        assertEquals(1 + 4 + 5, cases.size());
        cases.forEach(c -> assertTrue(c.name().startsWith(c.rule().name() + " · "), c.name()));
        assertEquals(3, cases.stream().filter(c -> c.function().equals("x:Two") && c.rule() == dln.api.Rule.WRONG_ARGUMENT_COUNT).count());
    }

    @Test
    void theMetadataIsReadWithoutTheShimsOwnContracts() {
        final String meta = "{\"contracts\":{\"org.hyperledger.fabric\":{\"transactions\":[{\"name\":\"GetMetadata\"}]},"
                + "\"model\":{\"transactions\":[{\"name\":\"CloseModel\",\"parameters\":[{\"name\":\"id\"}]},{\"name\":\"List\"}]}}}";
        assertEquals(Map.of("model:CloseModel", 1, "model:List", 0), CallCases.arities(meta));
    }

    @Test
    void queriesAreEvaluated() {
        assertTrue(CallCases.numbers("m", "u").stream().filter(c -> c.function().startsWith("query:")).allMatch(AbuseCase::isQuery));
    }
}
