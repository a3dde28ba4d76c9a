package dln.bench.learning;

import dln.core.aggregation.AggregationRules;
import dln.core.attack.Attack;
import dln.core.data.Partitions;
import dln.session.demo.SessionConfig;
import java.util.Locale;

/**
 * One configuration of an experiment plan.
 *
 * @param model mlp or lenet
 * @param providers data providers
 * @param partition iid, dirichlet:&lt;alpha&gt;, shards:&lt;k&gt; or quantity:&lt;beta&gt;
 * @param mode federated or gossip
 * @param rule aggregation rule (CLI form)
 * @param combine median or reputation_weighted_mean
 * @param threshold committee acceptance threshold (fragment accuracy)
 * @param quorum committee scores per decision
 * @param steps federated rounds, or gossip updates per provider
 * @param epochs local epochs per step
 * @param attack what malicious providers do
 * @param malicious fraction of providers that attack, in [0, 1]
 * @param seed seed of everything random
 * @param learning acceptance policy, weighting and server optimiser
 * @param dataset mnist, breast-cancer or digits
 * @param client the providers' learning rate and batch (plan keys lr, batch); null: the built-in model's
 * @param alone the honest providers of an attacked entry without its attackers: the same partitions
 *     for the same providers, the attackers' seats empty ({@link #honestAlone}); attack is then none
 */
public record PlanEntry(String model, int providers, String partition, String mode, String rule, String combine, double threshold, int quorum,
        int steps, int epochs, Attack attack, double malicious, long seed, dln.core.protocol.LearningPolicy learning, String dataset,
        SessionConfig.ClientRecipe client, boolean alone) {

    /** An entry with all its providers. */
    public PlanEntry(final String model, final int providers, final String partition, final String mode, final String rule, final String combine,
            final double threshold, final int quorum, final int steps, final int epochs, final Attack attack, final double malicious, final long seed,
            final dln.core.protocol.LearningPolicy learning, final String dataset, final SessionConfig.ClientRecipe client) {
        this(model, providers, partition, mode, rule, combine, threshold, quorum, steps, epochs, attack, malicious, seed, learning, dataset, client, false);
    }

    /** An entry with the built-in model's recipe. */
    public PlanEntry(final String model, final int providers, final String partition, final String mode, final String rule, final String combine,
            final double threshold, final int quorum, final int steps, final int epochs, final Attack attack, final double malicious, final long seed,
            final dln.core.protocol.LearningPolicy learning, final String dataset) {
        this(model, providers, partition, mode, rule, combine, threshold, quorum, steps, epochs, attack, malicious, seed, learning, dataset, null);
    }

    /** An entry on MNIST. */
    public PlanEntry(final String model, final int providers, final String partition, final String mode, final String rule, final String combine,
            final double threshold, final int quorum, final int steps, final int epochs, final Attack attack, final double malicious, final long seed,
            final dln.core.protocol.LearningPolicy learning) {
        this(model, providers, partition, mode, rule, combine, threshold, quorum, steps, epochs, attack, malicious, seed, learning,
                dln.core.data.NamedDatasets.MNIST);
    }

    /** Checks every value; IllegalArgumentException says which entry and field is wrong. */
    public PlanEntry {
        if (!"mlp".equals(model) && !"lenet".equals(model)) {
            throw new IllegalArgumentException("model must be mlp or lenet, got '" + model + "'");
        }
        dataset = dln.core.data.NamedDatasets.check(dataset == null ? dln.core.data.NamedDatasets.MNIST : dataset);
        if (!"mlp".equals(model) && !dln.core.data.NamedDatasets.MNIST.equals(dataset)) {
            throw new IllegalArgumentException("model " + model + " takes 28x28 images; use model mlp with dataset " + dataset);
        }
        if (dln.core.data.NamedDatasets.regression(dataset)) {
            // The plan's table and targets are accuracies; a regression's RMSE would print as a percentage.
            throw new IllegalArgumentException("dataset " + dataset + " is a regression (scored in RMSE); the learning bench measures accuracy:"
                    + " run it with ./dln demo --dataset " + dataset + " or ./dln bench session --dataset " + dataset);
        }
        if (providers < 1 || providers > 64) {
            throw new IllegalArgumentException("providers must be 1..64, got " + providers);
        }
        Partitions.parse(partition);
        if (!"federated".equals(mode) && !"gossip".equals(mode)) {
            throw new IllegalArgumentException("mode must be federated or gossip, got '" + mode + "'");
        }
        AggregationRules.parse(rule);
        if (!"median".equals(combine) && !"reputation_weighted_mean".equals(combine)) {
            throw new IllegalArgumentException("combine must be median or reputation_weighted_mean, got '" + combine + "'");
        }
        if (!(threshold >= 0 && threshold <= 1)) {
            throw new IllegalArgumentException("threshold must be an accuracy in [0, 1], got " + threshold);
        }
        if (quorum < 1 || quorum > 3) {
            throw new IllegalArgumentException("quorum must be 1..3 (the demo committee has 3 members), got " + quorum);
        }
        if (steps < 1 || epochs < 1) {
            throw new IllegalArgumentException("steps and epochs must be at least 1");
        }
        if (!(malicious >= 0 && malicious <= 1)) {
            throw new IllegalArgumentException("malicious is a fraction of providers in [0, 1], got " + malicious);
        }
        if (alone && (attack != Attack.NONE || malicious == 0 || malicious == 1)) {
            throw new IllegalArgumentException("an entry of honest providers alone names no attack and a fraction of absent attackers in (0, 1)");
        }
        attack.requireTeam(maliciousCount(malicious, providers));
    }

    /**
     * This attacked entry's honest providers without its attackers: what the consortium would learn
     * if the attackers sent nothing at all. An attacker's data never reaches the others whatever
     * the defence does, so this, not the entry with every provider honest, is the accuracy a
     * defence can at best keep (on skewed data the attackers may hold most of a class).
     */
    public PlanEntry honestAlone() {
        if (attack == Attack.NONE || malicious == 0) {
            throw new IllegalStateException(label() + " has no attackers to leave out");
        }
        return new PlanEntry(model, providers, partition, mode, rule, combine, threshold, quorum, steps, epochs, Attack.NONE, malicious, seed, learning,
                dataset, client, true);
    }

    /**
     * The data this entry runs on: the split of all its providers, of which an entry of honest
     * providers alone keeps the honest ones' partitions (the attackers are the last providers,
     * {@link SessionConfig#isMalicious}); the union, validation and test sets stay whole.
     */
    public dln.session.demo.SessionData data() throws java.io.IOException {
        final SessionConfig all = alone ? new PlanEntry(model, providers, partition, mode, rule, combine, threshold, quorum, steps, epochs, Attack.NONE, 0,
                seed, learning, dataset, client).session() : session();
        final dln.session.demo.SessionData d = dln.session.demo.SessionData.load(all);
        return alone ? new dln.session.demo.SessionData(d.partitions().subList(0, providers - maliciousCount()), d.union(), d.validation(), d.test(),
                d.preprocessing()) : d;
    }

    /** Malicious providers: the fraction rounded, at least one when the fraction is positive. */
    public int maliciousCount() {
        return maliciousCount(malicious, providers);
    }

    private static int maliciousCount(final double fraction, final int providers) {
        return fraction == 0 ? 0 : Math.max(1, (int) Math.round(fraction * providers));
    }

    /** The session that runs this entry. */
    public SessionConfig session() {
        final boolean fed = "federated".equals(mode);
        return new SessionConfig(model, alone ? providers - maliciousCount() : providers, alone ? 0 : maliciousCount(), attack, partition,
                fed ? steps : 0, fed ? 0 : steps, epochs, threshold,
                quorum, combine, rule, seed, learning, dataset).withClient(client);
    }

    /** This configuration on the default seed: the key its rows on several seeds share. */
    public PlanEntry acrossSeeds() {
        return new PlanEntry(model, providers, partition, mode, rule, combine, threshold, quorum, steps, epochs, attack, malicious, DEFAULT_SEED, learning,
                dataset, client, alone);
    }

    /** The seed of an entry that names none; labels name any other. */
    public static final long DEFAULT_SEED = 7;

    /**
     * A short label for tables and charts: "mlp federated 10 rounds n=4 iid fedavg sign-flip 30%" ("10 rounds of 2 epochs" beyond
     * one; "digits mlp ..." on a dataset other than MNIST; " seed=8" after all for a seed other than
     * {@link #DEFAULT_SEED}, so rows of several seeds stay apart in rounds.csv and scores.csv).
     */
    public String label() {
        return (dln.core.data.NamedDatasets.MNIST.equals(dataset) ? "" : dataset + " ") + String.format(Locale.ROOT, "%s %s %d %s%s n=%d %s %s%s", model, mode, steps, "federated".equals(mode) ? "rounds" : "steps",
                epochs == 1 ? "" : " of " + epochs + " epochs", providers, partition, rule,
                alone ? " without its " + Math.round(100 * malicious) + "% attackers"
                        : attack == Attack.NONE || malicious == 0 ? "" : " " + attack.wire() + " " + Math.round(100 * malicious) + "%")
                + (learning.equals(dln.core.protocol.LearningPolicy.THRESHOLD) ? "" : " [" + learning.describe() + "]")
                + (client == null ? "" : String.format(Locale.ROOT, " lr=%s batch=%d", client.learningRate(), client.batchSize())
                        + (client.minLocalSteps() == 0 ? "" : " min-steps=" + client.minLocalSteps())
                        + (client.fedProxMu() == 0 ? "" : " prox=" + client.fedProxMu()))
                + (seed == DEFAULT_SEED ? "" : " seed=" + seed);
    }
}
