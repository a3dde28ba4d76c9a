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
    void everyBuiltInPlanLoadsUnderItsOwnName() throws IOException {
        for (final String name : LearningPlan.BUILT_IN) {
            final LearningPlan p = LearningPlan.load(name);
            assertEquals(name, p.name());
            assertTrue(!p.entries().isEmpty(), name);
        }
        final LearningPlan shortSteps = LearningPlan.load("short-steps");
        assertEquals(24, shortSteps.entries().size());
        assertTrue(shortSteps.entries().stream().allMatch(e -> e.maliciousCount() > 0 && e.quorum() == 3));
        final LearningPlan flippers = LearningPlan.load("flippers");
        // 30 rows and the eighteen attacked ones' honest providers alone.
        assertEquals(48, flippers.entries().size());
        assertEquals(18, flippers.entries().stream().filter(e -> e.label().contains("without its")).count());
        assertEquals(List.of(7L, 8L, 9L), flippers.entries().stream().map(PlanEntry::seed).distinct().sorted().toList());
        final LearningPlan trust = LearningPlan.load("trust");
        // 6 attacked rows and their honest providers alone, at each of three trust powers.
        assertEquals(36, trust.entries().size());
        assertEquals(List.of(0.0, 1.0, 2.0), trust.entries().stream().map(e -> e.learning().weighting().trust()).distinct().sorted().toList());
        assertTrue(trust.entries().stream().allMatch(e -> e.steps() == 30 && e.quorum() == 3));
        final LearningPlan attacks8 = LearningPlan.load("attacks-8");
        // 9 attack-free rows, 14 attacks on each of them, and the 9 configurations' honest providers alone.
        assertEquals(144, attacks8.entries().size());
        assertEquals(9, attacks8.entries().stream().filter(e -> e.label().contains("without its")).count());
        assertTrue(attacks8.entries().stream().allMatch(e -> e.quorum() == 3 && e.providers() == 8));
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
        // A floor on steps reaches the published recipe and names the row; alone, lr and batch are the built-in's.
        final LearningPlan floored = LearningPlan.parse(plan("{min-steps: 30}"), "t.yaml");
        assertEquals(new dln.session.demo.SessionConfig.ClientRecipe(0.001, 32, 30), floored.entries().get(0).client());
        assertTrue(floored.entries().get(0).label().endsWith("lr=0.001 batch=32 min-steps=30"), floored.entries().get(0).label());
        assertTrue(refusal(plan("{min-steps: -1}")).contains("min-steps"), refusal(plan("{min-steps: -1}")));
        // FedProx's mu reaches the published recipe and names the row.
        final PlanEntry prox = LearningPlan.parse(plan("{prox: 0.1}"), "t.yaml").entries().get(0);
        assertEquals(new dln.session.demo.SessionConfig.ClientRecipe(0.001, 32, 0, 0.1), prox.client());
        assertTrue(prox.label().endsWith("lr=0.001 batch=32 prox=0.1"), prox.label());
        assertTrue(refusal(plan("{prox: -1}")).contains("prox -1"), refusal(plan("{prox: -1}")));
        // 30 % of 4 providers is one attacker: a colluding attack needs two.
        assertTrue(refusal(plan("{providers: 4, attack: alie, malicious: 0.3}")).contains("entry 1: alie needs at least 2 malicious providers, got 1"),
                refusal(plan("{providers: 4, attack: alie, malicious: 0.3}")));
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
        assertEquals(332, matrix.size(), "issue 13's matrix with the informed attacks (those of a team where the count makes one), the old policy, gossip, the optimisers,"
                + " 22 attacked configurations' honest providers alone and 8 attack-free quantity-skewed rows");
        assertEquals(8, matrix.stream().filter(e -> e.partition().startsWith("quantity:") && e.maliciousCount() == 0).count());
        assertEquals(1.0, matrix.get(0).learning().weighting().trust(), "the new policy's rows weigh as sessions do: median_capped,trust:1");
        assertEquals(0.0, matrix.stream().filter(e -> e.learning().acceptance() == dln.api.AcceptancePolicy.THRESHOLD)
                .mapToDouble(e -> e.learning().weighting().trust()).max().orElseThrow(), "the old policy's rows keep claimed weights");
        assertEquals(matrix.size(), matrix.stream().map(PlanEntry::session).distinct().count(), "no two entries run the same session");
        assertEquals(List.of(4, 8, 16, 32), matrix.stream().map(PlanEntry::providers).distinct().sorted().toList());
        assertEquals(List.of(4, 16), matrix.stream().filter(e -> "lenet".equals(e.model())).map(PlanEntry::providers).distinct().toList());
        assertTrue(LearningPlan.load("matrix-subset").entries().stream().allMatch(e -> e.providers() <= 16));
        for (String seed : List.of("7", "8")) {
            final List<PlanEntry> slice = LearningPlan.load("defence-seed" + seed).entries();
            assertEquals(60, slice.size(), "12 IID and Dirichlet rows, 6 quantity rows, 42 attacks at 30 %");
            assertTrue(slice.stream().allMatch(e -> e.quorum() == 3 && e.seed() == Long.parseLong(seed)),
                    "the whole committee decides, so a run is the same every time");
        }
    }

    @Test
    void honestAloneRunsEachAttackedConfigurationsHonestProvidersOnceBeforeItsFirstAttack() {
        final LearningPlan p = LearningPlan.parse("name: t\nhonest-alone: true\nentries:\n  - {providers: 8}\n"
                + "  - {providers: 8, partition: [iid, 'dirichlet:0.1'], attack: [noise, ipm], malicious: 0.25}\n", "t.yaml");
        assertEquals(List.of("n=8 iid", "alone n=8 iid", "noise n=8 iid", "ipm n=8 iid", "alone n=8 dirichlet:0.1", "noise n=8 dirichlet:0.1",
                "ipm n=8 dirichlet:0.1"), p.entries().stream().map(e -> (e.alone() ? "alone " : e.attack() == Attack.NONE ? "" : e.attack().wire() + " ")
                + "n=" + e.providers() + " " + e.partition()).toList());
        final PlanEntry alone = p.entries().get(1);
        assertEquals(6, alone.session().providers(), "the two attackers' seats are empty");
        assertEquals(0, alone.session().malicious());
        assertEquals(Attack.NONE, alone.session().attack());
        assertTrue(alone.label().endsWith("n=8 iid fedavg without its 25% attackers"), alone.label());
        assertEquals(alone, p.entries().get(3).honestAlone(), "every attack of the configuration shares it");
        assertEquals(2, LearningPlan.parse(plan("{attack: [noise, ipm], malicious: 0.25}"), "t.yaml").entries().size(),
                "without the key no entry is added");
        assertTrue(refusal("name: t\nhonest-alone: maybe\nentries: [{}]\n").contains("honest-alone must be true or false"));
    }

    @Test
    void theHonestProvidersAloneKeepTheirOwnPartitionsOfTheWholeSplit() throws IOException {
        final dln.core.data.DataCache cache = dln.core.data.DataCache.fromEnvironment();
        org.junit.jupiter.api.Assumptions.assumeTrue(dln.core.data.SklearnSetup.isAvailable(cache) || dln.core.data.SklearnSetup.wheel(cache).isPresent(),
                "the scikit-learn wheel is not in " + cache.dir() + "; run ./dln setup to fetch it");
        final PlanEntry attacked = LearningPlan.parse(plan("{dataset: digits, providers: 8, partition: 'dirichlet:0.5', attack: noise, malicious: 0.3}"),
                "t.yaml").entries().get(0);
        final dln.session.demo.SessionData all = attacked.data();
        final dln.session.demo.SessionData alone = attacked.honestAlone().data();
        assertEquals(8, all.partitions().size());
        assertEquals(6, alone.partitions().size());
        for (int i = 0; i < 6; i++) {
            assertTrue(java.util.Arrays.equals(all.partitions().get(i).labels(), alone.partitions().get(i).labels()), "provider " + i + "'s labels");
            assertTrue(java.util.Arrays.equals(all.partitions().get(i).features(), alone.partitions().get(i).features()), "provider " + i + "'s features");
        }
        assertEquals(all.test().size(), alone.test().size(), "the same test set");
        assertEquals(all.union().size(), alone.union().size(), "the same centralised baseline");
    }

    @Test
    void aDefenceIsJudgedAgainstTheHonestProvidersAloneAndInflationAgainstEveryProviderHonest() {
        final PlanEntry noise = LearningPlan.parse(plan("{providers: 8, attack: noise, malicious: 0.25}"), "t.yaml").entries().get(0);
        final PlanEntry inflate = LearningPlan.parse(plan("{providers: 8, attack: inflate, malicious: 0.25}"), "t.yaml").entries().get(0);
        final PlanEntry honest = LearningPlan.parse(plan("{providers: 8}"), "t.yaml").entries().get(0);
        final List<EntryResult> all = List.of(result(honest, 0.92, false), result(noise.honestAlone(), 0.855, false), result(noise, 0.85, true),
                result(inflate, 0.85, false));
        assertEquals("MISSED", Targets.verdict(Outcome.of(all.get(2)), outcomes(all)), "7 points under the twin with every provider honest");
        assertEquals("ok", Targets.defence(Outcome.of(all.get(2)), outcomes(all)), "half a point under the honest providers alone, every poisoned update rejected");
        assertEquals("MISSED", Targets.defence(Outcome.of(all.get(3)), outcomes(all)), "an inflating provider's work is honest: judged against every provider honest");
        assertEquals("ok", Targets.verdict(Outcome.of(all.get(1)), outcomes(all)), "the honest providers alone: only their acceptance is judged");
        assertTrue(LearningBench.table(all).contains("alone pt"), "the table shows the gap to the honest providers alone");
    }

    @Test
    void aRowExactlyAtItsBoundIsWithinIt() {
        final PlanEntry sybil = LearningPlan.parse(plan("{providers: 8, attack: sybil, malicious: 0.25}"), "t.yaml").entries().get(0);
        final PlanEntry honest = LearningPlan.parse(plan("{providers: 8}"), "t.yaml").entries().get(0);
        // 0.9425 - 0.9375 is 0.005000000000000004 in double: exactly the half point Sybils may cost.
        final List<EntryResult> at = List.of(result(honest, 0.9425, false), result(sybil, 0.9375, false));
        assertEquals("ok", Targets.verdict(Outcome.of(at.get(1)), outcomes(at)));
        final List<EntryResult> past = List.of(result(honest, 0.9425, false), result(sybil, 0.937, false));
        assertEquals("MISSED", Targets.verdict(Outcome.of(past.get(1)), outcomes(past)), "a twentieth of a point more is past it");
    }

    @Test
    void aConfigurationOnSeveralSeedsIsAlsoJudgedOnItsMeans() {
        final List<EntryResult> all = new java.util.ArrayList<>();
        // Seed 7 a point under its honest providers alone, seed 8 a point over: each row misses the
        // half point Sybils may cost, their means are level.
        final double[][] accuracies = {{0.90, 0.885}, {0.88, 0.895}};
        final long[] seeds = {7, 8};
        for (int i = 0; i < 2; i++) {
            final PlanEntry sybil = LearningPlan.parse(plan("{providers: 8, attack: sybil, malicious: 0.25, seed: " + seeds[i] + "}"), "t.yaml")
                    .entries().get(0);
            all.add(result(sybil.honestAlone(), accuracies[i][0], false));
            all.add(result(sybil, accuracies[i][1], false));
        }
        final List<Outcome> rows = outcomes(all);
        assertEquals("MISSED", Targets.defence(rows.get(1), rows), "seed 7: a point under");
        assertEquals("ok", Targets.defence(rows.get(3), rows), "seed 8: a point over");
        final List<Outcome> means = SeedMeans.of(rows);
        assertEquals(2, means.size(), "the attacked configuration and its honest providers alone");
        assertEquals(List.of(7L, 8L), means.get(1).seeds());
        assertEquals(0.89, means.get(1).accuracy(), 1e-12);
        assertEquals("ok", Targets.defence(means.get(1), means), "level on the means");
        final String table = LearningBench.table(all);
        assertTrue(table.contains("means over seeds"), table);
        assertTrue(table.lines().anyMatch(l -> l.contains("sybil 25%") && !l.contains("seed=") && l.contains(" 2 ") && l.contains("88.50%")
                && l.contains("89.50%") && l.contains("0.00")), table);
        // The report's table has the printed one's lines, column for column.
        final List<List<String>> cells = SeedMeans.cells(rows);
        assertEquals(2, cells.size());
        assertEquals(List.of("2", "89.00%", "88.50%", "89.50%", "ok", "0.00", "ok"),
                List.of(cells.get(1).get(2), cells.get(1).get(3), cells.get(1).get(4), cells.get(1).get(5), cells.get(1).get(8), cells.get(1).get(9),
                        cells.get(1).get(10)));
        assertEquals(SeedMeans.HEADER.size(), cells.get(1).size());
        // One seed alone has no means.
        assertEquals(List.of(), SeedMeans.of(outcomes(all.subList(0, 2))));
        assertTrue(!LearningBench.table(all.subList(0, 2)).contains("means over seeds"));
    }

    private static List<Outcome> outcomes(final List<EntryResult> results) {
        return results.stream().map(Outcome::of).toList();
    }

    /** A finished entry of one round: its final accuracy, its two attackers' updates rejected (poisoned) or none. */
    private static EntryResult result(final PlanEntry e, final double accuracy, final boolean poisoned) {
        final List<dln.api.view.UpdateView> updates = new java.util.ArrayList<>();
        final java.util.Set<String> poisonedIds = new java.util.HashSet<>();
        for (int i = 0; i < e.session().providers(); i++) {
            final boolean bad = poisoned && e.session().isMalicious(i);
            updates.add(new dln.api.view.UpdateView("u" + i, "m", new dln.api.view.LedgerIdentity("Org1MSP", "p" + i), "cid", List.of(), 1, 100, 1,
                    bad ? dln.api.UpdateStatus.REJECTED : dln.api.UpdateStatus.ACCEPTED, 0.9, null, null, 0.01));
            if (bad) {
                poisonedIds.add("u" + i);
            }
        }
        final int n = e.session().providers();
        final int bad = poisonedIds.size();
        final dln.session.demo.RoundRow row = new dln.session.demo.RoundRow("federated", 1, n - bad, bad, bad, bad, accuracy, 100, 10, 10, 10, 200);
        return new EntryResult(e, "in-process", new dln.session.demo.LearningSession.Result("m", null, List.of(row), List.of(0.95), updates, List.of(),
                poisonedIds, List.of()), 1);
    }

    @Test
    void aBadPlanFileIsExitCodeOneBeforeAnythingRuns(@TempDir final Path dir) throws IOException {
        final Path f = Files.writeString(dir.resolve("bad.yaml"), plan("{providers: -1}"));
        assertEquals(ExitCodes.USER_ERROR, ExitCodes.run(new LearningBench(), "--plan", f.toString()));
        assertEquals(ExitCodes.USER_ERROR, ExitCodes.run(new LearningBench(), "--plan", dir.resolve("missing.yaml").toString()));
    }
}
