package dln.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.api.Metric;
import dln.api.Mode;
import dln.api.ModelStatus;
import dln.api.view.ModelView;
import dln.core.model.ArchitectureSpec;
import dln.core.model.BuiltinModels;
import dln.core.model.SpecJson;
import java.util.List;
import org.junit.jupiter.api.Test;

class ModelContextsTest {

    private static ModelView model(final ArchitectureSpec a, final String hash, final ModelStatus status, final int round) {
        final JsonObject architecture = JsonParser.parseString(SpecJson.canonical(a)).getAsJsonObject();
        return new ModelView("m-1", "test", null, architecture, hash, "cid", Metric.ACCURACY, Mode.FEDERATED,
                new ModelView.Aggregation("fedavg", new JsonObject()), null, null, null, 1, List.of(), null, null, status, List.of(), round,
                null, null, null, null, null);
    }

    /**
     * A record read again with another status and round: a context over the new record, its plan
     * the one made for the definition; another architecture: a plan of its own. Each as
     * ModelContext.of makes it.
     */
    @Test
    void aDefinitionIsPlannedOnceAndEveryRecordGetsAContextOverItself() {
        final ModelContexts contexts = new ModelContexts();
        final ArchitectureSpec mlp = BuiltinModels.mlp().architecture();
        final ModelView proposed = model(mlp, SpecJson.architectureHash(mlp), ModelStatus.PROPOSED, 0);
        final ModelView open = model(mlp, SpecJson.architectureHash(mlp), ModelStatus.OPEN, 3);
        final ModelContext first = contexts.of(proposed);
        final ModelContext later = contexts.of(open);
        assertSame(proposed, first.model());
        assertSame(open, later.model(), "the record as read now, not the one first read");
        assertSame(first.plan(), later.plan(), "planned once for the definition");
        assertEquals(ModelContext.of(open).plan().hash(), later.plan().hash());
        assertEquals(ModelContext.of(open).rule().getClass(), later.rule().getClass());

        final ArchitectureSpec lenet = BuiltinModels.lenet().architecture();
        final ModelContext other = contexts.of(model(lenet, SpecJson.architectureHash(lenet), ModelStatus.OPEN, 3));
        assertNotSame(first.plan(), other.plan());
        assertEquals(SpecJson.architectureHash(lenet), other.plan().hash());
    }

    /** A record whose architecture does not hash to its recorded hash is refused every time it is read. */
    @Test
    void aRecordThatFailsItsChecksFailsEachTime() {
        final ModelContexts contexts = new ModelContexts();
        final ArchitectureSpec mlp = BuiltinModels.mlp().architecture();
        final ModelView wrong = model(mlp, "0".repeat(64), ModelStatus.OPEN, 1);
        for (int i = 0; i < 2; i++) {
            assertEquals("ARCHITECTURE_INVALID", assertThrows(ProtocolException.class, () -> contexts.of(wrong)).code());
        }
    }
}
