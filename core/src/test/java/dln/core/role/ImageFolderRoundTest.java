package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.core.attack.Adversary;
import dln.core.data.Dataset;
import dln.core.data.ImageFixtures;
import dln.core.data.ImageFolder;
import dln.core.data.Preprocessing;
import dln.core.model.ArchitectureSpec;
import dln.core.model.LayerSpec;
import dln.core.model.ModelSpec;
import dln.core.model.TrainingSpec;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.DataSource;
import dln.core.protocol.ModelContext;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.protocol.SanityLimits;
import dln.core.training.TrainingListener;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One federated round on an image folder, on the in-process consortium, each role naming the data
 * as its client does: the publisher {@code images:<folder>:validation} (the folder's classes and
 * the model's input size go into the recipe), each provider {@code images:<folder>:train:iid:i/3}
 * read through the recipe it finds on the ledger.
 */
class ImageFolderRoundTest {

    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final List<String> PROVIDERS = List.of("org1/User3", "org2/User3", "org3/User3");
    private static final long SEED = 7;

    @TempDir
    Path dir;

    private final Consortium net = new Consortium();

    @Test
    void aFederatedRoundOnAnImageFolder() throws Exception {
        final Path folder = ImageFixtures.colours(dir, 20, 5);
        // A small CNN for 3x8x8 colour images; the publisher's client sizes nothing else.
        final ArchitectureSpec arch = new ArchitectureSpec(List.of(3, 8, 8), List.of(
                LayerSpec.conv2d(4, 3, 1, "relu"), LayerSpec.maxpool(2, 2), LayerSpec.output(3)));
        final DataSource.Prepared prepared = DataSource.prepare("images:" + folder + ":validation", SEED, null, arch.input());
        final ModelSpec spec = new ModelSpec("colours", arch,
                new TrainingSpec("adam", 1e-2, 8, 1, 0).withPreprocessing(prepared.preprocessing().orElseThrow()), 42);
        final ModelView m = new PublisherWorkflow(net.participant("org1/User1"), net.directory()).publish(new PublicationRequest(spec.name(),
                spec, "accuracy", "federated", "fedavg", 2, 0.0, "median", COMMITTEE, prepared.data(), PROVIDERS.size(), 3600, 2));

        // On the ledger: the class folders' names and the input size, which every provider reads its folder with.
        final Preprocessing recipe = TrainingSpec.of(m.trainingRecipe()).preprocessing();
        assertEquals(ImageFixtures.COLOURS, recipe.classes());
        assertEquals(new ImageFolder.Shape(3, 8, 8), recipe.image());

        final List<CommitteeService> members = COMMITTEE.stream().map(this::committee).toList();
        members.forEach(CommitteeService::pass);
        assertEquals(dln.api.ModelStatus.OPEN, net.participant("org1/User1").ledger().getModel(m.id()).status(), "the committee approved it");
        for (int i = 0; i < PROVIDERS.size(); i++) {
            final String data = "images:" + folder + ":train:iid:" + (i + 1) + "/3";
            final ModelView seen = net.participant(PROVIDERS.get(i)).ledger().getModel(m.id());
            final Dataset mine = DataSource.load(data, SEED, TrainingSpec.of(seen.trainingRecipe()).preprocessing());
            assertEquals(java.util.Optional.empty(), DataSource.misfit(data, mine, ModelContext.of(seen).plan()));
            final ProviderWorkflow provider = new ProviderWorkflow(net.participant(PROVIDERS.get(i)), mine, null, Adversary.honest(), SEED + i,
                    new TrainingListener() { }, l -> { });
            assertEquals(1, provider.federatedStep(m.id()).orElseThrow().update().round());
        }
        for (int pass = 0; pass < 5 && net.participant("org1/User1").ledger().getRound(m.id(), 1).open(); pass++) {
            members.forEach(CommitteeService::pass);
        }
        final RoundView round = net.participant("org1/User1").ledger().getRound(m.id(), 1);
        assertFalse(round.open(), "round 1 closed");
        assertEquals(PROVIDERS.size(), round.accepted().size(), "with every update accepted");
        assertTrue(round.accepted().stream().allMatch(u -> net.participant("org1/User1").ledger().getUpdate(u).recipeHash().equals(m.recipeHash())),
                "every update names the image recipe's hash");
        // Round 2 starts from the aggregate of round 1's image-trained updates.
        final String data = "images:" + folder + ":train:iid:1/3";
        final ProviderWorkflow.Outcome next = new ProviderWorkflow(net.participant(PROVIDERS.get(0)),
                DataSource.load(data, SEED, recipe), null, Adversary.honest(), SEED, new TrainingListener() { }, l -> { })
                .federatedStep(m.id()).orElseThrow();
        assertEquals(2, next.update().round());
        assertNotEquals(List.of("initial"), next.start().parents());
    }

    private CommitteeService committee(final String member) {
        return new CommitteeService(new CommitteeWorkflow(net.participant(member), net.identity(member).key(), SanityLimits.DEFAULT, l -> { }),
                net.participant(member).ledger().events(), CommitteeService.Scope.everyModelNamingMe());
    }
}
