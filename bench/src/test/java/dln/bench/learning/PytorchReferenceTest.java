package dln.bench.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PytorchReferenceTest {
    @Test
    void theScriptsLineGivesTheLastAccuraciesAndTheSeconds() {
        PytorchReference.Figures f = PytorchReference.figures(
                "{\"torch\": \"2.15.0\", \"federated\": [0.81, 0.9, 0.9505], \"centralised\": [0.9, 0.9545], \"seconds\": 4.25}");
        assertEquals(0.9505, f.federated());
        assertEquals(0.9545, f.centralised());
        assertEquals(4.25, f.seconds());
    }

    @Test
    void aMissingOrMalformedFigureIsNamed() {
        IllegalStateException noSeconds = assertThrows(IllegalStateException.class,
                () -> PytorchReference.figures("{\"federated\": [0.9], \"centralised\": [0.9]}"));
        assertTrue(noSeconds.getMessage().startsWith("no seconds"), noSeconds.getMessage());
        IllegalStateException empty = assertThrows(IllegalStateException.class,
                () -> PytorchReference.figures("{\"federated\": [], \"centralised\": [0.9], \"seconds\": 1}"));
        assertTrue(empty.getMessage().startsWith("no federated"), empty.getMessage());
        assertThrows(IllegalStateException.class, () -> PytorchReference.figures("Traceback (most recent call last):"));
    }
}
