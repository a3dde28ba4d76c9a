package dln.session.demo;

import dln.api.UpdateStatus;
import dln.api.ModelStatus;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.ledger.ConnectionProfile;
import dln.api.DlnLedger;
import dln.api.LedgerException;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.ScoreView;
import dln.api.view.UpdateView;
import dln.ipfs.KuboClient;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The three client programs as separate processes on the real network: bad inputs, crashes and restarts. */
class ClientsIT {

    private final Path root = SessionIT.ItPaths.root();
    private final Path profilePath = SessionIT.ItPaths.profile();
    private final ConnectionProfile profile = ConnectionProfile.load(profilePath);
    private final Cli cli = new Cli(root, profilePath);

    private String publish(final int minUpdates, final String... more) throws Exception {
        final List<String> args = new java.util.ArrayList<>(List.of("publish", "--identity", "org1/User1", "--model", "mlp",
                "--min-updates", Integer.toString(minUpdates), "--quorum", "2", "--threshold", "0.3", "--committee", "org1/User2,org2/User2,org3/User2"));
        args.addAll(List.of(more));
        final Cli.Result r = cli.run("publisher", args.toArray(String[]::new));
        assertEquals(0, r.exit(), r.err());
        return r.out().trim();
    }

    private static void assertUserError(final Cli.Result r, final String expected) {
        assertEquals(1, r.exit(), "exit code; stderr: " + r.err());
        assertEquals(1, r.errLines().stream().filter(l -> l.startsWith("error:")).count(), "one error line: " + r.err());
        assertTrue(r.err().contains(expected), "mentions " + expected + ": " + r.err());
        assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void badInputsGetOneClearLineExitOneAndChangeNothing() throws Exception {
        final String model = publish(3);
        final Path badSpec = Files.writeString(Files.createTempFile("bad-spec", ".json"), "{\"name\":\"x\",\"architecture\":{\"input\":[784],\"layers\":[{\"type\":\"dense\"}]}}");
        final Path badProfile = Files.createTempFile("profile", ".json");
        // The same network description with every peer on a port nothing listens on: "network not running".
        Files.writeString(badProfile, Files.readString(profilePath).replaceAll("127\\.0\\.0\\.1:(7051|8051|9051)", "127.0.0.1:1"));
        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, "org1/User1")) {
            final ModelView before = ledger.getModel(model);
            final long height = cli.height();

            assertUserError(cli.run("provider", "train", "m-00000000000000000000000000000000", "--identity", "org2/User3",
                    "--data", "mnist:train:iid:1/4"), "MODEL_NOT_FOUND");
            assertUserError(cli.run("provider", "train", model, "--identity", "org9/User1", "--data", "mnist:train:iid:1/4"), "UNKNOWN_IDENTITY");
            assertUserError(cli.run("provider", "train", model, "--identity", "org2/User3", "--data", "/no/such/file.csv"), "no such data file");
            assertUserError(cli.run("committee", "review", model, "--identity", "org3/User7"), "NOT_COMMITTEE_MEMBER");
            // The training recipe is the model's on the ledger: a provider's own options are refused, a recipe out of bounds too.
            assertUserError(cli.run("provider", "train", model, "--identity", "org2/User3", "--data", "mnist:train:iid:1/4", "--lr", "0.1",
                    "--epochs", "2"), "--epochs, --lr: model " + model + " trains with its recipe on the ledger");
            assertUserError(cli.run("publisher", "publish", "--identity", "org1/User1", "--recipe", "{\"batchSize\": 0}"), "recipe.batchSize");
            assertUserError(cli.run("publisher", "publish", "--identity", "org1/User1", "--recipe", "{\"epochs\": 2}"), "no field 'epochs'");
            assertUserError(cli.run("publisher", "publish", "--identity", "org1/User1", "--model", badSpec.toString()), "spec");
            assertUserError(cli.run("provider", "train", model, "--identity", "org2/User3", "--data", "mnist:train:iid:1/4",
                    "--profile", badProfile.toString()), "network");
            assertUserError(cli.run("publisher", "status", model, "--profile", "/no/such/profile.json"), "network/network.sh up");
            assertUserError(cli.run("publisher", "advance", model, "1", "--identity", "org1/User1"), "NOT_SECURE_AGGREGATION");
            // export --out: a missing folder, a folder, and a folder's name with a trailing slash write nothing.
            final Path folder = Files.createTempDirectory("export");
            assertUserError(cli.run("publisher", "export", model, "--out", folder.resolve("no/such/model.zip").toString()), "does not exist");
            assertUserError(cli.run("publisher", "export", model, "--out", folder.toString()), "is a folder");
            assertUserError(cli.run("publisher", "export", model, "--out", folder.resolve("missing") + "/"), "is a folder");
            try (var written = Files.list(folder)) {
                assertEquals(0, written.count(), "export wrote nothing");
            }

            // An identity by its files: a member organisation's certificate works, others do not.
            final ConnectionProfile.UserFiles user5 = profile.organizations().get("org2").users().get("User5");
            final Cli.Result byFiles = cli.run("committee", "review", model, "--cert", user5.certFile(), "--key", user5.keyFile());
            assertUserError(byFiles, "NOT_COMMITTEE_MEMBER");
            assertTrue(byFiles.err().contains("org2/User5"), "acted as User5 of org2: " + byFiles.err());
            final Path ordererAdmin = root.resolve(".dln/crypto/ordererOrganizations/orderer.dln/users/Admin@orderer.dln/msp");
            assertUserError(cli.run("publisher", "list", "--cert", ordererAdmin.resolve("signcerts/Admin@orderer.dln-cert.pem").toString(),
                    "--key", user5.keyFile()), "no organisation");
            assertUserError(cli.run("publisher", "list", "--cert", user5.certFile()), "--cert and --key go together");
            final String user4Key = profile.organizations().get("org2").users().get("User4").keyFile();
            assertUserError(cli.run("publisher", "list", "--cert", user5.certFile(), "--key", user4Key), "does not belong to the certificate");

            // A score from a non-member, straight to the ledger, is refused by the peers.
            final LedgerException e = org.junit.jupiter.api.Assertions.assertThrows(LedgerException.class,
                    () -> ledger.submitScore("u-00000000000000000000000000000000", 0.9, 10));
            assertTrue(e.is(dln.api.Rule.UPDATE_NOT_FOUND) || e.is(dln.api.Rule.NOT_COMMITTEE_MEMBER), e.code());

            assertEquals(height, cli.height(), "no bad input wrote a block");
            final ModelView after = ledger.getModel(model);
            assertEquals(before, after, "the model's record is unchanged");
            assertEquals(List.of(), ledger.listUpdates(model, 0, null), "no update was recorded");
        }
    }

    @Test
    void aModelItsValidationDataCannotFeedIsRefusedBeforeAnythingIsWritten() throws Exception {
        // The MNIST MLP's spec (784 inputs) with validation data of 64 features: no member could ever test it.
        final Path spec = Files.writeString(Files.createTempFile("mlp784", ".json"), "{\"name\":\"mlp\",\"architecture\":{\"input\":[784],"
                + "\"layers\":[{\"type\":\"dense\",\"units\":20,\"activation\":\"relu\"},{\"type\":\"output\",\"units\":10,"
                + "\"activation\":\"softmax\",\"loss\":\"mcxent\"}]},\"training\":{\"optimizer\":\"adam\",\"learningRate\":0.001,"
                + "\"batchSize\":32,\"localEpochs\":1,\"fedProxMu\":0.0},\"seed\":42}");
        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, "org1/User1")) {
            final int models = ledger.listModels().size();
            final long height = cli.height();
            assertUserError(cli.run("publisher", "publish", "--identity", "org1/User1", "--model", spec.toString(), "--validation",
                    "digits:validation", "--quorum", "2", "--committee", "org1/User2,org2/User2,org3/User2"), "takes 784 inputs but the validation data");
            assertEquals(height, cli.height(), "nothing was written");
            assertEquals(models, ledger.listModels().size());
        }
    }

    @Test
    void corruptWeightsOnIpfsAreRejectedByTheCommittee() throws Exception {
        final String model = publish(1);
        for (String m : List.of("org1/User2", "org2/User2")) {
            assertEquals(0, cli.run("committee", "review", model, "--identity", m).exit());
        }
        final KuboClient ipfs = KuboClient.builder(profile.ipfs().api()).build();
        final Path garbage = Files.write(Files.createTempFile("garbage", ".bin"), "DLNW but not really a weight file".getBytes());
        final String cid = ipfs.add(garbage, true).cid().toString();
        try (DlnLedger provider = dln.core.ledger.FabricLedger.connect(profile, "org3/User6")) {
            final UpdateView u = provider.submitUpdate(model, cid, List.of(UpdateView.INITIAL), 1, 100, 5000,
                    provider.getModel(model).recipeHash());
            final Cli.Result r1 = cli.run("committee", "review", model, "--identity", "org1/User2");
            final Cli.Result r2 = cli.run("committee", "review", model, "--identity", "org2/User2");
            assertTrue((r1.out() + r2.out()).contains("weights unusable"), r1.out() + r2.out());
            assertEquals(dln.api.UpdateStatus.REJECTED, provider.getUpdate(u.id()).status());
            assertTrue(provider.getScores(u.id()).stream().allMatch(sc -> sc.value() == 0.0 && sc.reason() != null
                    && sc.reason().startsWith("weights unusable")), "lowest scores with the reason on the ledger");
            final Cli.Result status = cli.run("publisher", "status", model);
            assertTrue(status.out().contains("rejected by") && status.out().contains("weights unusable"), "status shows why: " + status.out());
        }
    }

    @Test
    void killedProviderAndCommitteeResumeWithoutDuplicates() throws Exception {
        // Twenty local epochs, the recipe's: long enough to kill provider A mid-training. Three were
        // not on a fast host (0.3 s an epoch): the kill after "epoch 2/3" landed after A's
        // submission, and the restarted A, owing two new contributions, waited for a third round.
        final String model = publish(2, "--epochs", "20");
        final File serveLog = File.createTempFile("serve", ".log");
        Process serve1 = cli.builder("committee", "serve", "--identity", "org1/User2").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(serveLog)).start();
        final Process serve2 = cli.builder("committee", "serve", "--identity", "org2/User2").redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(File.createTempFile("serve2", ".log"))).start();
        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, "org1/User1")) {
            Cli.waitFor(() -> ledger.getModel(model).status() == ModelStatus.OPEN, "the committee to open " + model);

            // Provider A is killed mid-training, then started again with the same command.
            final File aLog = File.createTempFile("providerA", ".log");
            final String[] a = {"run", model, "--identity", "org1/User6", "--data", "mnist:train:iid:1/2", "--steps", "2"};
            Process pa = cli.builder("provider", a).redirectErrorStream(true).redirectOutput(aLog).start();
            Cli.waitFor(() -> Files.readString(aLog.toPath()).contains("epoch 1/20"), "provider A to be training");
            pa.destroyForcibly().waitFor();
            assertTrue(ledger.listUpdates(model, 1, null).isEmpty(), "A was killed before it submitted: " + Files.readString(aLog.toPath()));

            final Cli.Result b = cli.run("provider", "run", model, "--identity", "org2/User6", "--data", "mnist:train:iid:2/2", "--steps", "1");
            assertEquals(0, b.exit(), b.err());
            // The committee member is killed too while updates are in flight, and restarted.
            serve1.destroyForcibly().waitFor();
            serve1 = cli.builder("committee", "serve", "--identity", "org1/User2").redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(serveLog)).start();
            final Cli.Result aAgain = cli.run("provider", a);
            assertEquals(0, aAgain.exit(), aAgain.err());
            final Cli.Result b2 = cli.run("provider", "run", model, "--identity", "org2/User6", "--data", "mnist:train:iid:2/2", "--steps", "1");
            assertEquals(0, b2.exit(), b2.err());
            Cli.waitFor(() -> ledger.listUpdates(model, 0, UpdateStatus.PENDING).isEmpty(), "every update to be decided");

            final List<UpdateView> updates = ledger.listUpdates(model, 0, null);
            final Map<String, Long> perProviderRound = updates.stream()
                    .collect(Collectors.groupingBy(u -> u.submitter().shortName() + "@" + u.round(), Collectors.counting()));
            assertEquals(4, updates.size(), "two providers, two rounds: " + perProviderRound);
            perProviderRound.forEach((k, n) -> assertEquals(1L, n, "exactly one update for " + k));
            for (UpdateView u : updates) {
                final Map<LedgerIdentity, Long> byMember = ledger.getScores(u.id()).stream()
                        .collect(Collectors.groupingBy(ScoreView::member, Collectors.counting()));
                byMember.forEach((m, n) -> assertEquals(1L, n, m.shortName() + " scored " + u.id() + " once"));
            }
            // publisher status counts what the ledger holds, statuses spelt as the ledger spells them.
            final long accepted1 = updates.stream().filter(u -> u.round() == 1 && u.accepted()).count();
            // Each round-2 update carries its provider's round-1 decision, as the peers' chaincode counted it.
            for (UpdateView u2 : updates.stream().filter(u -> u.round() == 2).toList()) {
                final UpdateView u1 = updates.stream().filter(u -> u.round() == 1 && u.submitter().equals(u2.submitter())).findFirst().orElseThrow();
                assertEquals(new UpdateView.Track(u1.accepted() ? 1 : 0, u1.status() == UpdateStatus.REJECTED ? 1 : 0), u2.track(), u2.id());
                assertEquals(UpdateView.Track.NEWCOMER, u1.track(), u1.id());
            }
            final Cli.Result status = cli.run("publisher", "status", model);
            assertEquals(0, status.exit(), status.err());
            assertTrue(status.out().lines().anyMatch(l -> l.matches("1\\s+closed\\s+" + accepted1 + "\\s.*")), status.out());
            assertTrue(status.out().contains("weighting claimed") && status.out().lines().anyMatch(l -> l.matches(".*\\s2\\s+[01]/[01]\\s.*")),
                    status.out());
        } finally {
            serve1.destroyForcibly();
            serve2.destroyForcibly();
        }
    }

    @Test
    void providersTrainWithThePublishedRecipeAndTheirUpdatesNameIt() throws Exception {
        // Breast cancer: its preprocessing (fitted on the training split) goes into the recipe with the publisher's choices.
        final String model = publish(1, "--validation", "breast-cancer:validation", "--epochs", "2",
                "--recipe", "{\"optimiser\": {\"name\": \"nesterovs\"}, \"learningRate\": 0.05, \"schedule\": {\"name\": \"cosine\"}}");
        for (String m : List.of("org1/User2", "org2/User2")) {
            assertEquals(0, cli.run("committee", "review", model, "--identity", m).exit());
        }
        try (DlnLedger ledger = dln.core.ledger.FabricLedger.connect(profile, "org1/User1")) {
            final ModelView m = ledger.getModel(model);
            assertEquals(ModelStatus.OPEN, m.status());
            final dln.api.TrainingRecipe recipe = m.trainingRecipe();
            assertEquals("nesterovs", recipe.optimiser().name());
            assertEquals(0.05, recipe.learningRate());
            assertEquals("cosine", recipe.schedule().name());
            assertEquals(2, recipe.localEpochs());
            assertEquals(8, recipe.batchSize(), "a built-in on a small dataset trains with batch 8");
            assertEquals(30, recipe.preprocessing().getAsJsonArray("numeric").size());
            assertEquals(recipe.hash(), m.recipeHash());

            final Cli.Result train = cli.run("provider", "train", model, "--identity", "org3/User6", "--data", "breast-cancer:train:iid:1/3");
            assertEquals(0, train.exit(), train.err());
            assertTrue(train.err().contains("trains with its recipe " + m.recipeHash().substring(0, 12) + ": nesterovs"), train.err());
            final List<UpdateView> updates = ledger.listUpdates(model, 1, null);
            assertEquals(1, updates.size());
            assertEquals(m.recipeHash(), updates.get(0).recipeHash());
            final Cli.Result status = cli.run("publisher", "status", model);
            assertTrue(status.out().contains("training recipe " + m.recipeHash().substring(0, 12) + ": nesterovs"), status.out());
            // Another seed's split has other statistics than the recipe's: refused before training.
            final Cli.Result otherSeed = cli.run("provider", "train", model, "--identity", "org2/User6", "--data", "breast-cancer:train:iid:2/3",
                    "--seed", "8");
            assertUserError(otherSeed, "use the publisher's --seed");
        }
    }
}
