package dln.bench.learning;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.attack.Attack;
import dln.cli.ExitCodes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LearningPlanTest {

    private static String plan(final String entry) {
        return "name: t\ndefaults: {providers: 4}\nentries:\n  - " + entry + "\n";
    }

    private static String refusal(final String text) {
        return assertThrows(IllegalArgumentException.class, () -> LearningPlan.parse(text, "t.yaml")).getMessage();
    }

    @Test
    void entriesAreTheDefaultsOverriddenByTheirKeys() {
        final LearningPlan p = LearningPlan.parse(plan("{attack: noise, malicious: 0.3, providers: 10}"), "t.yaml");
        final PlanEntry e = p.entries().get(0);
        assertEquals(10, e.providers());
        assertEquals(Attack.NOISE, e.attack());
        assertEquals(3, e.maliciousCount());
        assertEquals("federated", e.mode());
        assertEquals(3, e.session().rounds());
    }

    @Test
    void theDatasetIsAKeyDefaultingToMnist() {
        final LearningPlan p = LearningPlan.parse(plan("{dataset: [mnist, breast-cancer, digits]}"), "t.yaml");
        assertEquals(List.of("mnist", "breast-cancer", "digits"), p.entries().stream().map(e -> e.session().dataset()).toList());
        assertTrue(p.entries().get(2).label().startsWith("digits mlp federated"), p.entries().get(2).label());
        assertEquals("mnist", LearningPlan.parse(plan("{steps: 2}"), "t.yaml").entries().get(0).dataset());
        assertTrue(refusal(plan("{dataset: iris}")).contains("entry 1: unknown dataset 'iris'"));
        assertTrue(refusal(plan("{dataset: digits, model: lenet}")).contains("entry 1: model lenet takes 28x28 images"));
    }

    @Test
    void thePrivacyBudgetIsAKeyParsedByTheLearningPolicy() {
        final LearningPlan p = LearningPlan.parse(plan("{privacy: [none, 'epsilon=3,noise=1.1']}"), "t.yaml");
        assertEquals(null, p.entries().get(0).learning().privacy());
        assertEquals(new dln.api.view.ModelView.Privacy(3, 1e-5, 1.0, 1.1), p.entries().get(1).learning().privacy());
        assertEquals(p.entries().get(1).learning(), p.entries().get(1).session().learning(), "the session publishes with the budget");
        assertTrue(p.entries().get(1).label().contains("epsilon=3"), p.entries().get(1).label());
        assertTrue(refusal(plan("{privacy: 'epsilon=0'}")).contains("entry 1: privacy epsilon must be above 0"));
    }

    @Test
    void theClientLearningRateAndBatchAreKeysThatReachThePublishedRecipe() {
        final LearningPlan p = LearningPlan.parse(plan("{lr: [0.003, 0.001], batch: 16}"), "t.yaml");
        assertEquals(new dln.session.demo.SessionConfig.ClientRecipe(0.003, 16), p.entries().get(0).client());
        assertEquals(0.003, p.entries().get(0).session().client().learningRate());
        assertTrue(p.entries().get(0).label().endsWith("lr=0.003 batch=16"), p.entries().get(0).label());
        final LearningPlan seeds = LearningPlan.parse(plan("{seed: [7, 8]}"), "t.yaml");
        assertTrue(seeds.entries().get(1).label().endsWith(" seed=8"), "another seed is named: " + seeds.entries().get(1).label());
        assertTrue(!seeds.entries().get(0).label().contains("seed"), "the default seed is not: " + seeds.entries().get(0).label());
        // One key alone takes the other from the built-in model (Adam 0.001, batch 32 for MNIST).
        assertEquals(new dln.session.demo.SessionConfig.ClientRecipe(0.003, 32), LearningPlan.parse(plan("{lr: 0.003}"), "t.yaml").entries().get(0).client());
        assertEquals(null, LearningPlan.parse(plan("{}"), "t.yaml").entries().get(0).client());
        assertTrue(refusal(plan("{lr: 0}")).contains("entry 1"), refusal(plan("{lr: 0}")));
        assertTrue(refusal(plan("{batch: 0}")).contains("batch"), refusal(plan("{batch: 0}")));
    }

    @Test
    void jsonIsAPlanToo() {
        final LearningPlan p = LearningPlan.parse("{\"name\":\"j\",\"entries\":[{\"mode\":\"gossip\",\"steps\":2}]}", "j.json");
        assertEquals(0, p.entries().get(0).session().rounds());
        assertEquals(2, p.entries().get(0).session().gossipSteps());
    }

    @Test
    void unknownKeysAndImpossibleValuesAreRefusedWithTheEntryAndKey() {
        assertTrue(refusal(plan("{provider: 4}")).contains("entry 1: unknown key 'provider'"));
        assertTrue(refusal(plan("{providers: -2}")).contains("providers must be 1..64"));
        assertTrue(refusal(plan("{malicious: 1.5}")).contains("malicious is a fraction"));
        assertTrue(refusal(plan("{rule: krum-ish}")).contains("unknown aggregation rule"));
        assertTrue(refusal(plan("{attack: teleport}")).contains("unknown attack"));
        assertTrue(refusal(plan("{providers: 2.5}")).contains("providers must be a whole number"));
        assertTrue(refusal("name: t\nentries: []\n").contains("entries must be a non-empty list"));
        assertTrue(refusal("name: t\nfoo: 1\nentries: [{}]\n").contains("unknown key 'foo'"));
        assertTrue(refusal("name: [unclosed\n").contains("not valid YAML"));
    }

    @Test
    void aListOfValuesMakesOneEntryPerCombination() {
        final LearningPlan p = LearningPlan.parse(plan("{providers: [4, 8], partition: [iid, \"dirichlet:0.1\"], steps: 10}"), "t.yaml");
        assertEquals(List.of("4 iid", "4 dirichlet:0.1", "8 iid", "8 dirichlet:0.1"),
                p.entries().stream().map(e -> e.providers() + " " + e.partition()).toList());
        p.entries().forEach(e -> assertEquals(10, e.steps()));
        assertTrue(refusal(plan("{providers: []}")).contains("entry 1: providers is an empty list"));
        assertTrue(refusal(plan("{providers: [4, -1]}")).contains("entry 1: providers must be 1..64"));
    }

    @Test
    void theBuiltInPlansParse() throws IOException {
        assertEquals(2, LearningPlan.load("quick").entries().size());
        assertTrue(LearningPlan.load("full").entries().size() >= 14);
        final List<PlanEntry> matrix = LearningPlan.load("matrix").entries();
        assertEquals(326, matrix.size(), "issue 13's matrix with the informed attacks, the old policy, gossip and the optimisers");
        assertEquals(matrix.size(), matrix.stream().map(PlanEntry::session).distinct().count(), "no two entries run the same session");
        assertEquals(List.of(4, 8, 16, 32), matrix.stream().map(PlanEntry::providers).distinct().sorted().toList());
        assertEquals(List.of(4, 16), matrix.stream().filter(e -> "lenet".equals(e.model())).map(PlanEntry::providers).distinct().toList());
        assertTrue(LearningPlan.load("matrix-subset").entries().stream().allMatch(e -> e.providers() <= 16));
    }

    @Test
    void aBadPlanFileIsExitCodeOneBeforeAnythingRuns(@TempDir final Path dir) throws IOException {
        final Path f = Files.writeString(dir.resolve("bad.yaml"), plan("{providers: -1}"));
        assertEquals(ExitCodes.USER_ERROR, ExitCodes.run(new LearningBench(), "--plan", f.toString()));
        assertEquals(ExitCodes.USER_ERROR, ExitCodes.run(new LearningBench(), "--plan", dir.resolve("missing.yaml").toString()));
    }
}
