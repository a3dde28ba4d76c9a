package dln.core.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.view.ModelView;
import org.junit.jupiter.api.Test;

/** The command-line form of a model's privacy budget: one parser for the demo, the publisher and the plans. */
class PrivacyBudgetTextTest {

    @Test
    void aBudgetMapsOntoTheModelsPrivacyPolicy() {
        assertEquals(new ModelView.Privacy(3, 1e-6, 0.5, 2.0), LearningPolicy.privacy("epsilon=3,delta=1e-6,noise=2,clip=0.5"));
        assertEquals(new ModelView.Privacy(3, 1e-6, 0.5, 2.0), LearningPolicy.privacy(" clip=0.5, noise=2 ,delta=1e-6,EPSILON=3"));
        assertEquals(new ModelView.Privacy(8, 1e-5, 1.0, 1.5), LearningPolicy.privacy("epsilon=8"), "delta, noise and clip have defaults");
        assertNull(LearningPolicy.privacy("none"));
    }

    @Test
    void theBudgetTravelsWithTheLearningPolicyAndItsDescription() {
        final LearningPolicy p = LearningPolicy.parse("contribution:3", "median_capped", "none", "epsilon=3,noise=1.1");
        assertTrue(p.requiresPrivacy());
        assertEquals(3.0, p.privacy().epsilon());
        assertEquals("contribution:3 median_capped epsilon=3,delta=1.0E-5,noise=1.1,clip=1", p.describe());
        assertEquals(p.privacy(), LearningPolicy.privacy(LearningPolicy.describe(p.privacy())), "the description parses back");
        assertEquals(LearningPolicy.parse("contribution:3", "median_capped"), LearningPolicy.parse("contribution:3", "median_capped", "none", "none"));
        assertNull(LearningPolicy.THRESHOLD.privacy(), "no budget unless asked");
    }

    @Test
    void thePublishersOptionsChooseThePolicyAgain() {
        final LearningPolicy p = LearningPolicy.parse("contribution:2.5", "capped:300,per-org,trust:1", "fedavgm:1:0.9", "epsilon=3,noise=1.1");
        final java.util.List<String> options = p.publishOptions();
        assertEquals(java.util.List.of("--acceptance", "contribution:2.5", "--weighting", "capped:300,per-org,trust:1", "--optimiser"),
                options.subList(0, 5));
        assertEquals(p, LearningPolicy.parse(options.get(1), options.get(3), options.get(5), options.get(7)), "they parse back: " + options);
        assertEquals(java.util.List.of("--acceptance", "threshold", "--weighting", "claimed"), LearningPolicy.THRESHOLD.publishOptions(),
                "no optimiser or budget named when there is none");
    }

    @Test
    void badBudgetsAreRefusedWithOneLineSayingWhatToWrite() {
        for (String bad : new String[] {"epsilon", "epsilon=", "epsilon=three", "noise=1.1", "epsilon=3,sigma=1", "epsilon=3;delta=1e-5",
                "epsilon=0", "epsilon=-1", "epsilon=101", "epsilon=3,delta=0.5", "epsilon=3,noise=0", "epsilon=3,clip=-1", "epsilon=NaN", ""}) {
            final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> LearningPolicy.privacy(bad), bad);
            assertEquals(1, e.getMessage().lines().count(), e.getMessage());
            assertTrue(e.getMessage().startsWith("privacy"), e.getMessage());
        }
    }
}
