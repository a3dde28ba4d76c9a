package dln.session.demo;

import dln.core.attack.Attack;

/**
 * How a learning session runs.
 *
 * @param model built-in architecture: mlp or lenet
 * @param providers data providers (each an identity of the connection profile's providers role)
 * @param malicious how many of them attack
 * @param attack what the malicious ones do
 * @param partition how the training split is divided among providers: iid, dirichlet:&lt;alpha&gt;, shards:&lt;k&gt;, quantity:&lt;beta&gt;
 * @param rounds federated rounds (0: no federated phase)
 * @param gossipSteps gossip updates per provider after the federated rounds (0: no gossip phase)
 * @param localEpochs local epochs per step
 * @param threshold committee acceptance threshold on fragment accuracy (a regression: the largest fragment RMSE, standardised)
 * @param quorum committee scores that decide an update
 * @param combine how the quorum's scores combine: median or reputation_weighted_mean
 * @param rule aggregation rule (CLI form)
 * @param seed seed of splits, partitions, initial weights and training
 * @param learning how the committee decides and where aggregation weights come from
 * @param dataset the data: mnist, breast-cancer or digits ({@link dln.core.data.NamedDatasets})
 * @param secureThreshold 0: the committee scores every federated update; t &gt; 1: the federated rounds
 *        aggregate masked updates, recovered once t providers revealed their shares (docs/privacy.md)
 * @param client the providers' learning rate and batch in the published recipe; null: the built-in model's
 */
public record SessionConfig(String model, int providers, int malicious, Attack attack, String partition, int rounds, int gossipSteps,
        int localEpochs, double threshold, int quorum, String combine, String rule, long seed, dln.core.protocol.LearningPolicy learning,
        String dataset, int secureThreshold, ClientRecipe client) {

    /**
     * The part of the published training recipe a session may choose instead of the built-in
     * model's (docs/evaluation.md, the recipe sweep): the providers' optimiser learning rate and
     * mini-batch, a floor on the optimiser steps of an update, and FedProx's proximal term. The centralised baseline keeps
     * the built-in recipe, which suits centralised training better, so a recipe tuned for federated
     * rounds cannot narrow the gap by lowering the bar.
     *
     * @param learningRate  the local optimiser's learning rate, &gt; 0
     * @param batchSize     the local mini-batch, &ge; 1
     * @param minLocalSteps optimiser steps an update takes at least (0: off; TrainingRecipe#minLocalSteps)
     * @param fedProxMu     FedProx's proximal coefficient mu in [0, TrainingRecipe#MAX_FEDPROX_MU] (0: off)
     */
    public record ClientRecipe(double learningRate, int batchSize, int minLocalSteps, double fedProxMu) {
        public ClientRecipe {
            if (!(learningRate > 0) || Double.isInfinite(learningRate) || batchSize < 1 || minLocalSteps < 0 || !(fedProxMu >= 0 && fedProxMu <= dln.api.TrainingRecipe.MAX_FEDPROX_MU)) {
                throw new IllegalArgumentException("the client recipe needs a positive learning rate, a batch of at least 1, a"
                        + " floor of steps of at least 0 and a FedProx mu in [0, " + dln.api.TrainingRecipe.MAX_FEDPROX_MU + "], got lr " + learningRate + ", batch " + batchSize
                        + ", min-steps " + minLocalSteps + ", prox " + fedProxMu);
            }
        }

        /** No proximal term. */
        public ClientRecipe(final double learningRate, final int batchSize, final int minLocalSteps) {
            this(learningRate, batchSize, minLocalSteps, 0);
        }

        /** No floor on steps. */
        public ClientRecipe(final double learningRate, final int batchSize) {
            this(learningRate, batchSize, 0);
        }
    }

    /** A session with the built-in model's recipe. */
    public SessionConfig(final String model, final int providers, final int malicious, final Attack attack, final String partition,
                         final int rounds, final int gossipSteps, final int localEpochs, final double threshold, final int quorum,
                         final String combine, final String rule, final long seed, final dln.core.protocol.LearningPolicy learning,
                         final String dataset, final int secureThreshold) {
        this(model, providers, malicious, attack, partition, rounds, gossipSteps, localEpochs, threshold, quorum, combine, rule, seed, learning,
                dataset, secureThreshold, null);
    }

    /** This session with the providers' learning rate and batch of {@code c} (null: the built-in model's). */
    public SessionConfig withClient(final ClientRecipe c) {
        return new SessionConfig(model, providers, malicious, attack, partition, rounds, gossipSteps, localEpochs, threshold, quorum, combine,
                rule, seed, learning, dataset, secureThreshold, c);
    }

    /** A session whose committee scores every update. */
    public SessionConfig(final String model, final int providers, final int malicious, final Attack attack, final String partition,
                         final int rounds, final int gossipSteps, final int localEpochs, final double threshold, final int quorum,
                         final String combine, final String rule, final long seed, final dln.core.protocol.LearningPolicy learning,
                         final String dataset) {
        this(model, providers, malicious, attack, partition, rounds, gossipSteps, localEpochs, threshold, quorum, combine, rule, seed, learning,
                dataset, 0);
    }

    /** This session with securely aggregated federated rounds of threshold {@code t} (0: off). */
    public SessionConfig withSecureAggregation(final int t) {
        return new SessionConfig(model, providers, malicious, attack, partition, rounds, gossipSteps, localEpochs, threshold, quorum, combine,
                rule, seed, learning, dataset, t, client);
    }

    /** True when the federated rounds aggregate masked updates. */
    public boolean secure() {
        return secureThreshold > 0;
    }

    /** A session on MNIST. */
    public SessionConfig(final String model, final int providers, final int malicious, final Attack attack, final String partition,
                         final int rounds, final int gossipSteps, final int localEpochs, final double threshold, final int quorum,
                         final String combine, final String rule, final long seed, final dln.core.protocol.LearningPolicy learning) {
        this(model, providers, malicious, attack, partition, rounds, gossipSteps, localEpochs, threshold, quorum, combine, rule, seed, learning,
                dln.core.data.NamedDatasets.MNIST);
    }

    /** A session under the ledger's default policies (absolute threshold, claimed weights). */
    public SessionConfig(final String model, final int providers, final int malicious, final Attack attack, final String partition,
                         final int rounds, final int gossipSteps, final int localEpochs, final double threshold, final int quorum,
                         final String combine, final String rule, final long seed) {
        this(model, providers, malicious, attack, partition, rounds, gossipSteps, localEpochs, threshold, quorum, combine, rule, seed,
                dln.core.protocol.LearningPolicy.THRESHOLD);
    }

    /** This session under {@code policy}. */
    public SessionConfig with(final dln.core.protocol.LearningPolicy policy) {
        return new SessionConfig(model, providers, malicious, attack, partition, rounds, gossipSteps, localEpochs, threshold, quorum, combine,
                rule, seed, policy, dataset, secureThreshold, client);
    }

    /** This session on another dataset. */
    public SessionConfig withDataset(final String name) {
        return new SessionConfig(model, providers, malicious, attack, partition, rounds, gossipSteps, localEpochs, threshold, quorum, combine,
                rule, seed, learning, name, secureThreshold, client);
    }

    public SessionConfig {
        learning = learning == null ? dln.core.protocol.LearningPolicy.THRESHOLD : learning;
        dataset = dln.core.data.NamedDatasets.check(dataset == null ? dln.core.data.NamedDatasets.MNIST : dataset);
        if (!"mlp".equals(model) && !dln.core.data.NamedDatasets.MNIST.equals(dataset)) {
            throw new IllegalArgumentException("--model " + model + " takes 28x28 images; use --model mlp with --dataset " + dataset);
        }
        // Checked before anything trains: a misspelt rule must not cost a baseline's training.
        dln.core.aggregation.AggregationRules.parse(rule);
        if (dln.api.WireName.parse(dln.api.Combine.class, combine).isEmpty()) {
            throw new IllegalArgumentException("--combine must be median or reputation_weighted_mean, got '" + combine + "'");
        }
        if (providers < 1) {
            throw new IllegalArgumentException("--providers must be at least 1");
        }
        if (malicious < 0 || malicious > providers) {
            throw new IllegalArgumentException("--malicious must be between 0 and --providers (" + providers + ")");
        }
        attack.requireTeam(malicious);
        if (rounds < 0 || rounds + gossipSteps < 1) {
            throw new IllegalArgumentException("rounds cannot be negative, and a session needs rounds or gossip steps");
        }
        if (gossipSteps < 0) {
            throw new IllegalArgumentException("--gossip-steps cannot be negative");
        }
        if (localEpochs < 1) {
            throw new IllegalArgumentException("--epochs must be at least 1");
        }
        dln.core.data.Partitions.parse(partition);
        if (!"median".equals(combine) && !"reputation_weighted_mean".equals(combine)) {
            throw new IllegalArgumentException("combine must be median or reputation_weighted_mean, got '" + combine + "'");
        }
        if (secureThreshold != 0 && (secureThreshold < 2 || secureThreshold > providers)) {
            throw new IllegalArgumentException("--secure-aggregation takes a threshold between 2 and --providers (" + providers + "), got "
                    + secureThreshold);
        }
        if (secureThreshold != 0 && (!"fedavg".equals(rule) || learning.acceptance() != dln.api.AcceptancePolicy.THRESHOLD
                || !dln.core.secagg.SecureWeights.supported(learning.weighting()))) {
            // The ledger would refuse the publication (SECURE_AGGREGATION_INCOMPATIBLE); said here before anything trains.
            throw new IllegalArgumentException("--secure-aggregation hides single updates: it needs --rule fedavg --weighting equal"
                    + " (or capped:<n>) --acceptance threshold");
        }
        if (threshold < 0 || threshold > 1) {
            throw new IllegalArgumentException("--threshold is in [0, 1]: an accuracy, or a regression's RMSE in units of the target's standard deviation");
        }
    }

    /** Whether provider {@code i} (0-based) attacks: the last {@code malicious} ones do. */
    public boolean isMalicious(final int i) {
        return i >= providers - malicious;
    }
}
