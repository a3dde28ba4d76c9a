package dln.core.protocol;

import dln.core.data.Dataset;
import dln.core.model.ModelSpec;
import java.util.List;

/**
 * Everything a publisher decides about a model.
 *
 * @param name a human name
 * @param spec architecture, training defaults and seed
 * @param metric "accuracy" or "loss"
 * @param mode "federated" or "gossip"
 * @param rule aggregation rule in CLI form ("fedavg", "trimmed-mean:0.2", "multi-krum:1:3", ...)
 * @param quorum scores needed to decide an update
 * @param threshold the combined score an update must reach (accuracy: at least; loss: at most)
 * @param combine "median" or "reputation_weighted_mean"
 * @param committee member identities ("org2/User2") from the connection profile
 * @param validation the validation set, split into one fragment per member
 * @param minUpdates federated: decided updates that close a round
 * @param deadlineSeconds federated: a round's deadline
 * @param maxParents gossip: parents per update
 */
public record PublicationRequest(String name, ModelSpec spec, String metric, String mode, String rule, int quorum, double threshold,
        String combine, List<String> committee, Dataset validation, int minUpdates, long deadlineSeconds, int maxParents) {

    public PublicationRequest {
        committee = List.copyOf(committee);
        if (!"accuracy".equals(metric) && !"loss".equals(metric)) {
            throw new IllegalArgumentException("metric must be accuracy or loss, got '" + metric + "'");
        }
        if (!"federated".equals(mode) && !"gossip".equals(mode)) {
            throw new IllegalArgumentException("mode must be federated or gossip, got '" + mode + "'");
        }
        if (committee.isEmpty()) {
            throw new IllegalArgumentException("name at least one committee member");
        }
        if (validation.size() < committee.size()) {
            throw new IllegalArgumentException("the validation set (" + validation.size() + " examples) is smaller than the committee");
        }
    }
}
