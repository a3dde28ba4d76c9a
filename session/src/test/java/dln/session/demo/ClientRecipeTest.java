package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.attack.Attack;
import dln.core.data.Dataset;
import dln.core.model.TrainingSpec;
import dln.core.protocol.LearningPolicy;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClientRecipeTest {

    private static final Dataset DATA = new Dataset(new float[40 * 4], new int[40], 4, 10);

    private static TrainingSpec published(final SessionConfig.ClientRecipe recipe) {
        final SessionConfig config = new SessionConfig("mlp", 2, 0, Attack.NONE, "iid", 2, 0, 1, 0.5, 2, "median", "fedavg", 7,
                LearningPolicy.THRESHOLD, "mnist", 0).withClient(recipe);
        return LearningSession.spec(config, new SessionData(List.of(DATA, DATA), DATA, DATA, DATA)).training();
    }

    @Test
    void fedProxMuReachesThePublishedRecipe() {
        final TrainingSpec prox = published(new SessionConfig.ClientRecipe(0.003, 16, 30, 0.1));
        assertEquals(0.1, prox.fedProxMu());
        assertEquals(0.003, prox.learningRate());
        assertEquals(30, prox.minLocalSteps());
        assertEquals(0.0, published(new SessionConfig.ClientRecipe(0.003, 16, 30)).fedProxMu(), "no proximal term unless asked");
    }

    @Test
    void aMuOutsideTheLedgersBoundsIsRefusedWithItsValue() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SessionConfig.ClientRecipe(0.003, 16, 0, 101));
        assertTrue(e.getMessage().contains("prox 101.0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SessionConfig.ClientRecipe(0.003, 16, 0, Double.NaN));
    }
}
