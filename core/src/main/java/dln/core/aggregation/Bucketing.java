package dln.core.aggregation;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Bucketing (Karimireddy, He &amp; Jaggi 2022, "Byzantine-Robust Learning on Heterogeneous
 * Datasets via Bucketing"): shuffle the updates, average them in buckets of {@code bucketSize},
 * and give the bucket means to a robust rule. Averaging first shrinks the spread honest
 * non-IID updates have, which robust rules would otherwise mistake for an attack.
 *
 * <p>Written as the robust rule's optional last parameter: {@code median:2},
 * {@code trimmed-mean:0.2:2}, {@code multi-krum:1:3:2}, {@code centered-clip:1:3:2}.
 *
 * <p>The shuffle is {@link BucketPermutation}'s, seeded from the sorted update ids, so every
 * participant forms the same buckets. Bucket b holds the shuffled positions
 * {@code b*s .. min(n, (b+1)*s) - 1}: ceil(n/s) buckets, the last one possibly smaller. Each
 * bucket's mean is sample-weighted over its members in canonical order (as FedAvg) and carries
 * their summed sample counts, so a bucket stands for its members as one larger participant;
 * it takes the smallest of its members' ids, unique because buckets are disjoint, so a bucket of
 * one is exactly its update and bucket size 1 gives the inner rule's bits. Multi-Krum's f counts
 * Byzantine buckets, not updates.
 *
 * @param bucketSize how many updates each bucket averages, &gt;= 1
 * @param inner      the robust rule applied to the bucket means
 */
public record Bucketing(int bucketSize, AggregationRule inner) implements AggregationRule {

    public Bucketing {
        if (bucketSize < 1) {
            throw new IllegalArgumentException("bucket size must be a whole number >= 1, e.g. median:2; got " + bucketSize);
        }
        java.util.Objects.requireNonNull(inner, "inner");
    }

    @Override
    public Set<RuleInput> needs() {
        Set<RuleInput> needs = EnumSet.of(RuleInput.SAMPLE_WEIGHTS);
        needs.addAll(inner.needs());
        return Set.copyOf(needs);
    }

    /** Enough updates that there are as many buckets as the inner rule needs: ceil(n/s) &gt;= k. */
    @Override
    public int minimumUpdates() {
        return (inner.minimumUpdates() - 1) * bucketSize + 1;
    }

    @Override
    public float[] aggregate(AggregationInput input) {
        if (input.size() < minimumUpdates()) {
            throw new IllegalArgumentException(describe() + " needs at least " + minimumUpdates() + " updates to form the "
                    + inner.minimumUpdates() + " buckets " + inner.describe() + " needs, got " + input.size());
        }
        return inner.aggregate(AggregationInput.of(buckets(input), input.reference().orElse(null)));
    }

    /** The bucket means, in bucket order. */
    List<ModelUpdate> buckets(AggregationInput input) {
        List<ModelUpdate> updates = input.updates();
        int n = updates.size();
        int[] perm = BucketPermutation.of(updates.stream().map(ModelUpdate::updateId).toList());
        List<ModelUpdate> out = new ArrayList<>((n + bucketSize - 1) / bucketSize);
        for (int start = 0; start < n; start += bucketSize) {
            int[] members = java.util.Arrays.copyOfRange(perm, start, Math.min(n, start + bucketSize));
            java.util.Arrays.sort(members);
            if (members.length == 1) {
                out.add(updates.get(members[0]));
                continue;
            }
            long samples = 0;
            for (int i : members) {
                samples = Math.addExact(samples, updates.get(i).samples());
            }
            out.add(new ModelUpdate(updates.get(members[0]).updateId(), VectorMath.weightedMean(input, members), samples));
        }
        return out;
    }

    @Override
    public String describe() {
        return "bucketing(s=" + bucketSize + "," + inner.describe() + ")";
    }
}
