package dln.core.protocol;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dln.core.crypto.Digests;
import dln.core.crypto.FragmentCipher;
import dln.core.data.Dataset;
import dln.core.data.DatasetCodec;
import dln.core.data.Splits;
import dln.core.ledger.ConnectionProfile;
import dln.api.view.ModelView;
import dln.core.model.ArchitecturePlan;
import dln.core.model.ParameterInit;
import dln.core.model.SpecJson;
import dln.core.storage.WeightStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.List;

/**
 * Publishing: initial weights from the spec's seed, one validation fragment per committee member
 * encrypted to the key of its enrolment certificate, both on IPFS; the model on the ledger.
 */
public final class PublisherWorkflow {

    /** Where the publisher finds the committee members' certificates (their fragments are encrypted to their keys). */
    public interface Directory {
        /** The MSP id of {@code identity}'s organisation. */
        String mspId(String identity);

        /** {@code identity}'s enrolment certificate, PEM. */
        String certificatePem(String identity);

        /** The identities of a connection profile. */
        static Directory of(final ConnectionProfile profile) {
            return new Directory() {
                @Override
                public String mspId(final String identity) {
                    return profile.resolve(identity).organization().mspId();
                }

                @Override
                public String certificatePem(final String identity) {
                    try {
                        return Files.readString(Path.of(profile.resolve(identity).files().certFile()));
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            };
        }
    }

    private final Participant me;
    private final Directory directory;

    public PublisherWorkflow(final Participant me, final Directory directory) {
        this.me = me;
        this.directory = directory;
    }

    /** A publisher whose committee members are users of {@code profile}. */
    public PublisherWorkflow(final Participant me, final ConnectionProfile profile) {
        this(me, Directory.of(profile));
    }

    /** Publishes with initial weights from the spec's seed; the model starts as proposed. */
    public ModelView publish(final PublicationRequest r) {
        return publish(r, null);
    }

    /**
     * Publishes starting from {@code initialWeights} (null: from the spec's seed); the model starts
     * as proposed and opens when the committee approves. When the request's policy carries a
     * privacy budget, the model requires differentially private updates within it (docs/privacy.md).
     */
    public ModelView publish(final PublicationRequest r, final float[] initialWeights) {
        return publish(r, initialWeights, null);
    }

    /**
     * Publishes a model whose rounds aggregate masked updates (null: updates scored one by one);
     * see docs/privacy.md. The ledger refuses it with rules that need single updates.
     */
    public ModelView publish(final PublicationRequest r, final float[] initialWeights, final ModelView.SecureAggregation secureAggregation) {
        final ModelView.Privacy privacy = r.policy().privacy();
        try {
            final ArchitecturePlan plan = ArchitecturePlan.of(r.spec().architecture());
            ModelContext.recipeMisfit(r.spec().training(), plan).or(() -> ModelContext.metricMisfit(r.metric(), plan)).ifPresent(problem -> {
                throw new IllegalArgumentException(problem);
            });
            final float[] initial = initialWeights != null ? initialWeights : ParameterInit.initialise(plan, r.spec().seed());
            // Every CID is computed here first, so the ledger can check the whole publication
            // (a dry run) before anything is uploaded: a refused spec leaves nothing behind.
            final String initialCid = WeightStore.cidOf(plan.hash(), initial);
            final List<byte[]> ciphers = new java.util.ArrayList<>();
            final List<Dataset> parts = Splits.committeeFragments(r.validation(), r.committee().size(), r.spec().seed());
            final JsonArray committee = new JsonArray();
            final SecureRandom random = new SecureRandom();
            for (int i = 0; i < r.committee().size(); i++) {
                final String member = r.committee().get(i);
                final String pem = directory.certificatePem(member);
                final byte[] plain = DatasetCodec.toBytes(parts.get(i));
                final byte[] cipher = FragmentCipher.encrypt(plain, dln.core.crypto.Pem.certificate(pem), random);
                final JsonObject fragment = new JsonObject();
                ciphers.add(cipher);
                fragment.addProperty("cid", dln.ipfs.cid.FileCids.of(cipher).toString());
                fragment.addProperty("sha256", Digests.sha256Hex(plain));
                fragment.addProperty("samples", parts.get(i).size());
                final JsonObject m = new JsonObject();
                m.addProperty("mspId", directory.mspId(member));
                m.addProperty("certificatePem", pem);
                m.add("fragment", fragment);
                committee.add(m);
            }
            final JsonObject spec = new JsonObject();
            spec.addProperty("name", r.name());
            spec.add("architecture", JsonParser.parseString(SpecJson.canonical(r.spec().architecture())));
            spec.addProperty("architectureHash", plan.hash());
            spec.addProperty("initialWeightsCid", initialCid);
            spec.addProperty("metric", r.metric().wire());
            spec.addProperty("mode", r.mode().wire());
            spec.add("aggregation", dln.core.aggregation.AggregationRules.toLedger(r.rule()));
            final JsonObject acceptance = new JsonObject();
            acceptance.addProperty("quorum", r.quorum());
            acceptance.addProperty("threshold", r.threshold());
            acceptance.addProperty("combine", r.combine().wire());
            acceptance.addProperty("unavailable", r.unavailable().wire());
            acceptance.addProperty("policy", r.policy().acceptance().wire());
            if (r.policy().acceptance() == dln.api.AcceptancePolicy.CONTRIBUTION) {
                acceptance.addProperty("tolerance", r.policy().tolerance());
            }
            spec.add("acceptance", acceptance);
            final JsonObject weighting = new JsonObject();
            weighting.addProperty("policy", r.policy().weighting().policy().wire());
            if (r.policy().weighting().policy() == dln.api.WeightingPolicy.CAPPED) {
                weighting.addProperty("cap", r.policy().weighting().cap());
            }
            weighting.addProperty("perOrganisation", r.policy().weighting().perOrganisation());
            if (r.policy().weighting().trust() > 0) {
                weighting.addProperty("trust", r.policy().weighting().trust());
            }
            spec.add("weighting", weighting);
            if (r.policy().optimiser().name() != dln.api.OptimiserName.NONE) {
                spec.add("optimiser", dln.core.optimiser.ServerOptimisers.toLedger(r.policy().optimiser().canonical()));
            }
            spec.add("committee", committee);
            if (r.mode() == dln.api.Mode.FEDERATED) {
                final JsonObject rounds = new JsonObject();
                rounds.addProperty("minUpdates", r.minUpdates());
                rounds.addProperty("deadlineSeconds", r.deadlineSeconds());
                spec.add("rounds", rounds);
            } else {
                final JsonObject gossip = new JsonObject();
                gossip.addProperty("maxParents", r.maxParents());
                spec.add("gossip", gossip);
            }
            if (privacy != null) {
                spec.add("privacy", new com.google.gson.Gson().toJsonTree(privacy));
            }
            // How every provider trains it, approved with the rest: providers never train with settings of their own.
            spec.add("recipe", r.spec().training().recipe().toLedger());
            if (secureAggregation != null) {
                final JsonObject secure = new JsonObject();
                secure.addProperty("threshold", secureAggregation.threshold());
                spec.add("secureAggregation", secure);
            }
            me.ledger().checkPublication(spec);
            uploaded(initialCid, me.store().putWeights(plan.hash(), initial));
            for (int i = 0; i < ciphers.size(); i++) {
                uploaded(committee.get(i).getAsJsonObject().getAsJsonObject("fragment").get("cid").getAsString(), me.store().putBytes(ciphers.get(i)));
            }
            return me.ledger().publishModel(spec);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void uploaded(final String expected, final String stored) {
        if (!expected.equals(stored)) {
            throw new IllegalStateException("the content store named " + stored + " what this client computed as " + expected
                    + "; its import settings differ from Kubo's defaults");
        }
    }
}
