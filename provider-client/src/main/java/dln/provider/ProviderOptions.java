package dln.provider;

import dln.cli.ClientOptions;
import dln.core.attack.Adversary;
import dln.core.attack.Attack;
import dln.core.data.Dataset;
import dln.core.ledger.ConnectionProfile;
import dln.core.model.TrainingSpec;
import dln.core.protocol.DataSource;
import dln.core.protocol.Participant;
import dln.core.protocol.ProviderWorkflow;
import java.io.IOException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** What train and run share: the model, the identity, the private data and how to train. */
class ProviderOptions {

    @Mixin
    ClientOptions client;
    @Parameters(index = "0", paramLabel = "MODEL", description = "model id")
    String modelId;
    @Option(names = "--data", required = true, description = "private data: a CSV file (read through the model's recipe when it has a"
            + " preprocessing, else a label column), images:<folder> (one sub-folder per class, with the recipe's classes and image size),"
            + " or <dataset>:train:<iid|dirichlet:a|shards:k|quantity:b>:<i>/<n>; checked against the model's input and classes before training")
    String data;
    @Option(names = "--seed", defaultValue = "7", description = "seed of the data split and of training")
    long seed;
    // The training recipe is the model's, on the ledger: these are refused with one line, not used (docs/models-and-data.md).
    @Option(names = "--epochs", hidden = true, description = "refused: the model's recipe on the ledger sets the local epochs")
    Integer epochs;
    @Option(names = "--batch", hidden = true, description = "refused: the model's recipe on the ledger sets the batch size")
    Integer batch;
    @Option(names = "--lr", hidden = true, description = "refused: the model's recipe on the ledger sets the learning rate")
    Double lr;
    @Option(names = "--fedprox", hidden = true, description = "refused: the model's recipe on the ledger sets FedProx mu")
    Double fedprox;
    @Option(names = "--attack", defaultValue = "none", hidden = true, description = "for experiments: behave maliciously")
    String attack;
    @Option(names = "--attack-providers", defaultValue = "10", hidden = true,
            description = "for experiments: how many providers an informed attack (alie, min-max, ...) assumes the federation has")
    int attackProviders;

    ConnectionProfile profile() {
        return client.profile();
    }

    String identity(final ConnectionProfile p) {
        return client.identityOr(null);
    }

    /** @param progress where training and upload progress go (the command's {@link dln.cli.TrainingProgress}) */
    ProviderWorkflow workflow(final Participant me, final dln.cli.TrainingProgress progress) throws IOException {
        refuseTrainingOptions();
        DataSource.requireFile(data);
        // The data goes through the recipe's preprocessing, when it has one: the statistics are the model's, never fitted here.
        final dln.api.view.ModelView m = me.ledger().getModel(modelId);
        final TrainingSpec recipe = TrainingSpec.of(m.trainingRecipe());
        System.err.printf("%s: model %s trains with its recipe %s: %s%n", me.label(), m.id(), m.recipeHash().substring(0, 12), recipe.describe());
        final Dataset d = DataSource.load(data, seed, recipe.preprocessing());
        // Refused before any training: data the model cannot take would only fail later, or train nonsense.
        DataSource.misfit(data, d, dln.core.protocol.ModelContext.of(m).plan()).ifPresent(why -> {
            throw new IllegalArgumentException(why + "; give data model " + m.id() + " takes (publisher status " + m.id() + " shows its recipe)");
        });
        System.err.printf("%s: %d private examples%n", me.label(), d.size());
        return new ProviderWorkflow(me, d, null, Adversary.alone(Attack.parse(attack), attackProviders, seed), seed,
                progress.listener(me.label()), s -> System.err.println("warning: " + s));
    }

    /**
     * A provider trains with the model's recipe on the ledger, which every update names by its
     * hash: its own training options would be refused by the ledger, so they are refused here first.
     */
    private void refuseTrainingOptions() {
        final java.util.List<String> given = new java.util.ArrayList<>();
        if (epochs != null) {
            given.add("--epochs");
        }
        if (batch != null) {
            given.add("--batch");
        }
        if (lr != null) {
            given.add("--lr");
        }
        if (fedprox != null) {
            given.add("--fedprox");
        }
        if (!given.isEmpty()) {
            throw new IllegalArgumentException(String.join(", ", given) + ": model " + modelId + " trains with its recipe on the ledger"
                    + " (publisher status " + modelId + " shows it); a provider cannot set its own, drop " + String.join(" ", given));
        }
    }

    /** The identity's enrolment key: secure aggregation derives the round's mask keys from it and opens its shares with it. */
    java.security.PrivateKey privateKey() throws IOException {
        final ConnectionProfile p = profile();
        return dln.core.crypto.Pem.privateKey(java.nio.file.Files.readString(java.nio.file.Path.of(p.resolve(identity(p)).files().keyFile())));
    }

    Participant connect() {
        final ConnectionProfile p = profile();
        return client.connect(p, identity(p));
    }
}
