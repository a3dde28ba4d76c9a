package dln.provider;

import dln.cli.ClientOptions;
import dln.core.attack.Adversary;
import dln.core.attack.Attack;
import dln.core.data.Dataset;
import dln.core.ledger.ConnectionProfile;
import dln.core.model.BuiltinModels;
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
    @Option(names = "--data", required = true, description = "private data: a CSV file, or mnist:train:<iid|dirichlet:a|shards:k>:<i>/<n>")
    String data;
    @Option(names = "--seed", defaultValue = "7", description = "seed of the data split and of training")
    long seed;
    @Option(names = "--epochs", defaultValue = "1", description = "local epochs per step")
    int epochs;
    @Option(names = "--batch", description = "batch size (default: the built-in spec's)")
    Integer batch;
    @Option(names = "--lr", description = "learning rate (default: the built-in spec's)")
    Double lr;
    @Option(names = "--fedprox", defaultValue = "0", description = "FedProx proximal term mu (0: off)")
    double fedprox;
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
        final Dataset d = DataSource.load(data, seed);
        final TrainingSpec base = BuiltinModels.mlp().training();
        final TrainingSpec t = new TrainingSpec(base.optimizer(), lr != null ? lr : base.learningRate(), batch != null ? batch : base.batchSize(),
                epochs, fedprox);
        System.err.printf("%s: %d private examples, %d local epoch(s)%n", me.label(), d.size(), epochs);
        return new ProviderWorkflow(me, d, t, Adversary.alone(Attack.parse(attack), attackProviders, seed), seed,
                progress.listener(me.label()), s -> System.err.println("warning: " + s));
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
