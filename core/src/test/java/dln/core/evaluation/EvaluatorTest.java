package dln.core.evaluation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.data.Dataset;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ArchitectureSpec;
import dln.core.model.LayerSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
    /** One softmax layer on 2 features whose weights make it answer "class = index of larger feature". */
    @Test
    void accuracyLossAndPerClassOnAConstructedModel() {
        ArchitecturePlan plan = ArchitecturePlan.of(new ArchitectureSpec(List.of(2), List.of(LayerSpec.output(2))));
        float[] params = {10f, 0f, 0f, 10f, 0f, 0f};
        Dataset d = new Dataset(new float[]{1, 0, 0, 1, 1, 0, 0, 1}, new int[]{0, 1, 1, 1}, 2, 2);
        Evaluator ev = new Evaluator(plan);
        EvaluationResult r = ev.evaluate(params, d);
        assertEquals(4, r.examples());
        assertEquals(0.75, r.accuracy(), 1e-12);
        assertArrayEquals(new double[]{1.0, 2.0 / 3}, r.perClassAccuracy(), 1e-12);
        assertArrayEquals(new int[]{1, 3}, r.perClassCount());
        double wrong = -Math.log(1 / (1 + Math.exp(10)));
        double right = -Math.log(1 / (1 + Math.exp(-10)));
        assertEquals((3 * right + wrong) / 4, r.loss(), 1e-4);
        EvaluationResult again = ev.evaluate(new float[]{0f, 10f, 10f, 0f, 0f, 0f}, d);
        assertEquals(0.25, again.accuracy(), 1e-12, "the same instance takes new parameters");
        assertThrows(IllegalArgumentException.class, () -> ev.evaluate(new float[5], d));
        assertTrue(Double.isFinite(r.loss()));
    }
}
