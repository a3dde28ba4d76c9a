package dln.session.demo;

import dln.core.attack.Attack;
import dln.core.ledger.ConnectionProfile;
import dln.session.consortium.NetworkConsortium;
import java.nio.file.Files;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The options of a learning session, shared by `demo`, `bench session` and `bench chaos`. */
public final class SessionOptions {

    @Option(names = "--free-users", hidden = true,
            description = "with --check, where no network is set up yet: the users it will enrol for providers (the launcher counts them from network.conf)")
    Integer freeUsers;

    @Option(names = "--dataset", defaultValue = "mnist", description = "the data: mnist, breast-cancer (30 features, 2 classes), digits (8x8, 10 classes) or diabetes (10 features, a float target: a regression, scored in RMSE), the last three from the scikit-learn wheel (default ${DEFAULT-VALUE})")
    String dataset;
    @Option(names = "--model", defaultValue = "mlp", description = "built-in architecture: mlp or lenet (default ${DEFAULT-VALUE})")
    String model;
    @Option(names = "--providers", defaultValue = "4", description = "data providers (default ${DEFAULT-VALUE})")
    int providers;
    @Option(names = "--malicious", defaultValue = "0", description = "how many providers attack (default ${DEFAULT-VALUE})")
    int malicious;
    @Option(names = "--attack", defaultValue = "sign-flip", description = "what the malicious providers do: sign-flip, noise, label-flip, free-rider, boosted, little-is-enough, alie, ipm, min-max, min-sum, inflate, sybil, ledger-alie, ledger-ipm, ledger-min-max, ledger-min-sum, ledger-noise; alie, min-max, min-sum and sybil need --malicious 2 or more (default ${DEFAULT-VALUE})")
    String attack;
    @Option(names = "--alpha", defaultValue = "0.5", description = "Dirichlet label skew of the partitions; a regression (diabetes) has no labels and is partitioned IID (default ${DEFAULT-VALUE})")
    double alpha;
    @Option(names = "--rounds", defaultValue = "3", description = "federated rounds (default ${DEFAULT-VALUE})")
    int rounds;
    @Option(names = "--gossip-steps", defaultValue = "2", description = "gossip updates per provider (default ${DEFAULT-VALUE})")
    int gossipSteps;
    @Option(names = "--epochs", defaultValue = "1", description = "local epochs per step (default ${DEFAULT-VALUE})")
    int epochs;
    @Option(names = "--threshold", defaultValue = "0.5", description = "committee acceptance threshold, fragment accuracy (a regression: the largest fragment RMSE, in units of the target's standard deviation) (default ${DEFAULT-VALUE})")
    double threshold;
    @Option(names = "--quorum", defaultValue = "2", description = "committee scores that decide an update (default ${DEFAULT-VALUE})")
    int quorum;
    @Option(names = "--combine", defaultValue = "median", description = "median or reputation_weighted_mean (default ${DEFAULT-VALUE})")
    String combine;
    @Option(names = "--rule", defaultValue = "fedavg", description = "aggregation rule: fedavg, median, trimmed-mean:<beta>, multi-krum:<f>:<m>, norm-clip:<clip>, adaptive-clip:<factor>, centered-clip:<tau>:<iterations> (default ${DEFAULT-VALUE})")
    String rule;
    @Option(names = "--seed", defaultValue = "7", description = "seed (default ${DEFAULT-VALUE})")
    long seed;
    @Option(names = "--acceptance", defaultValue = "contribution:3", description = "how the committee decides: threshold (fragment accuracy), or contribution[:<k>] (no more than k standard errors worse with the update than without) (default ${DEFAULT-VALUE})")
    String acceptance;
    @Option(names = "--weighting", defaultValue = "median_capped,trust:1", description = "aggregation weights: claimed, equal, median_capped, capped:<samples>, each optionally ,per-org and ,trust:<power 0-8> (weights scaled by each provider's accepted share) (default ${DEFAULT-VALUE})")
    String weighting;
    @Option(names = "--optimiser", defaultValue = "none", description = "server optimiser: none, fedavgm[:<lr>[:<momentum>]], fedadam[:<lr>:<beta1>:<beta2>:<tau>], fedyogi[...] (default ${DEFAULT-VALUE})")
    String optimiser;
    @Option(names = "--privacy", defaultValue = dln.core.protocol.LearningPolicy.NO_PRIVACY, description = "none, or a differential-privacy budget: epsilon=<e>[,delta=<d>][,noise=<sigma>][,clip=<C>]; providers train with DP-SGD and each one's epsilon per model stays within the budget (defaults delta=1e-5, noise=1.5, clip=1.0; docs/privacy.md; default ${DEFAULT-VALUE})")
    String privacy;

    @Option(names = "--secure-aggregation", defaultValue = "0", paramLabel = "T", description = "federated rounds aggregate masked updates (Bonawitz et al. 2017), recovered once T providers revealed their shares; the committee scores each round's aggregate only. Needs --rule fedavg, --weighting equal and --acceptance threshold; 0 turns it off (default ${DEFAULT-VALUE})")
    int secureAggregation;

    /** The session these options describe; IllegalArgumentException names a bad value. */
    public SessionConfig config() {
        if (!(alpha > 0)) {
            throw new IllegalArgumentException("--alpha must be positive");
        }
        // Dirichlet skew draws shares per class; a regression has none (Partitions refuses it), so it is dealt IID.
        final String partition = dln.core.data.NamedDatasets.regression(dataset.toLowerCase(Locale.ROOT)) ? "iid" : "dirichlet:" + alpha;
        return new SessionConfig(model.toLowerCase(Locale.ROOT), providers, malicious, Attack.parse(attack), partition, rounds, gossipSteps,
                epochs, threshold, quorum, combine, rule, seed, dln.core.protocol.LearningPolicy.parse(acceptance, weighting, optimiser, privacy), dataset.toLowerCase(Locale.ROOT),
                secureAggregation);
    }

    /**
     * The launcher's check of the providers' identities, before it builds or starts anything (on a
     * fresh machine the network takes minutes): against the profile of the network set up, or the
     * users a network not set up yet will enrol ({@code --free-users}).
     *
     * @throws IllegalArgumentException naming both counts when {@code providers} exceeds them
     */
    public void checkProviders(final int providers) {
        if (freeUsers != null) {
            NetworkConsortium.requireFreeUsers(providers, freeUsers);
        } else if (Files.exists(ConnectionProfile.defaultPath())) {
            NetworkConsortium.providerIdentities(ConnectionProfile.load(ConnectionProfile.defaultPath()), providers);
        }
    }
}
