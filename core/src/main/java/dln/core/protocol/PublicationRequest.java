package dln.core.protocol;

import dln.api.Combine;
import dln.api.Metric;
import dln.api.Mode;
import dln.api.UnavailablePolicy;
import dln.api.WireName;
import dln.core.data.Dataset;
import dln.core.model.ModelSpec;
import java.util.List;

/**
 * Everything a publisher decides about a model.
 *
 * @param name a human name
 * @param spec architecture, training defaults and seed
 * @param metric what the committee measures
 * @param mode synchronous rounds or a gossip DAG
 * @param rule aggregation rule in CLI form ("fedavg", "trimmed-mean:0.2", "multi-krum:1:3", ...)
 * @param quorum scores needed to decide an update
 * @param threshold the combined score an update must reach (accuracy: at least; loss: at most)
 * @param combine how the quorum's scores become one
 * @param committee member identities ("org2/User2") from the connection profile
 * @param validation the validation set, split into one fragment per member
 * @param minUpdates federated: decided updates that close a round
 * @param deadlineSeconds federated: a round's deadline
 * @param maxParents gossip: parents per update
 * @param unavailable what scores recorded as unavailable count for (null: abstain, the ledger's default)
 * @param policy how the committee decides and where aggregation weights come from
 */
public record PublicationRequest(String name, ModelSpec spec, Metric metric, Mode mode, String rule, int quorum, double threshold,
        Combine combine, List<String> committee, Dataset validation, int minUpdates, long deadlineSeconds, int maxParents,
        UnavailablePolicy unavailable, LearningPolicy policy) {

    public PublicationRequest {
        policy = policy == null ? LearningPolicy.THRESHOLD : policy;
        unavailable = unavailable == null ? UnavailablePolicy.ABSTAIN : unavailable;
        committee = List.copyOf(committee);
        if (committee.isEmpty()) {
            throw new IllegalArgumentException("name at least one committee member");
        }
        if (validation.size() < committee.size()) {
            throw new IllegalArgumentException("the validation set (" + validation.size() + " examples) is smaller than the committee");
        }
    }

    /** Unavailable scores abstain. */
    public PublicationRequest(final String name, final ModelSpec spec, final Metric metric, final Mode mode, final String rule, final int quorum,
            final double threshold, final Combine combine, final List<String> committee, final Dataset validation, final int minUpdates,
            final long deadlineSeconds, final int maxParents) {
        this(name, spec, metric, mode, rule, quorum, threshold, combine, committee, validation, minUpdates, deadlineSeconds, maxParents,
                UnavailablePolicy.ABSTAIN, LearningPolicy.THRESHOLD);
    }

    /** The same, with metric, mode and combination as typed on a command line ("accuracy", "federated", "median"). */
    public PublicationRequest(final String name, final ModelSpec spec, final String metric, final String mode, final String rule, final int quorum,
            final double threshold, final String combine, final List<String> committee, final Dataset validation, final int minUpdates,
            final long deadlineSeconds, final int maxParents) {
        this(name, spec, metric, mode, rule, quorum, threshold, combine, committee, validation, minUpdates, deadlineSeconds, maxParents,
                "abstain");
    }

    /** As typed on a command line, with the unavailable-score policy ("abstain" or "reject"). */
    public PublicationRequest(final String name, final ModelSpec spec, final String metric, final String mode, final String rule, final int quorum,
            final double threshold, final String combine, final List<String> committee, final Dataset validation, final int minUpdates,
            final long deadlineSeconds, final int maxParents, final String unavailable) {
        this(name, spec, wire(Metric.class, metric, "metric"), wire(Mode.class, mode, "mode"), rule, quorum, threshold,
                wire(Combine.class, combine, "combine"), committee, validation, minUpdates, deadlineSeconds, maxParents,
                wire(UnavailablePolicy.class, unavailable, "unavailable"), LearningPolicy.THRESHOLD);
    }

    /** The same request under {@code learning}. */
    public PublicationRequest with(final LearningPolicy learning) {
        return new PublicationRequest(name, spec, metric, mode, rule, quorum, threshold, combine, committee, validation, minUpdates,
                deadlineSeconds, maxParents, unavailable, learning);
    }

    private static <E extends Enum<E> & WireName> E wire(final Class<E> type, final String text, final String what) {
        return WireName.parse(type, text).orElseThrow(() -> new IllegalArgumentException(what + " must be one of "
                + java.util.Arrays.stream(type.getEnumConstants()).map(WireName::wire).toList() + ", got '" + text + "'"));
    }
}
