package dln.committee;

import dln.cli.ClientOptions;
import dln.core.crypto.Pem;
import dln.core.ledger.ConnectionProfile;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.Participant;
import dln.core.protocol.SanityLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The member's identity, its fragment key and its sanity limits. */
class MemberOptions {

    @Mixin
    ClientOptions client;
    @Option(names = "--max-distance", defaultValue = "5.0", description = "largest ||update - parents|| / ||parents|| accepted as sane")
    double maxDistance;
    @Option(names = "--max-regression", defaultValue = "0.15", description = "largest drop below the parents' score accepted as sane")
    double maxRegression;
    @Option(names = "--min-trend-cosine", defaultValue = "0.05",
            description = "federated, round 2 on: lowest cosine accepted between an update's step and the previous round's step (default ${DEFAULT-VALUE})")
    double minTrendCosine;

    @Option(names = "--unavailable-patience", defaultValue = "600",
            description = "seconds a member keeps retrying weights it cannot fetch from IPFS before it records the score as unavailable "
                    + "(not zero; the model's acceptance.unavailable says what that counts for) (default ${DEFAULT-VALUE})")
    long unavailablePatienceSeconds;

    @Option(names = "--max-parameters", paramLabel = "N",
            description = "the largest architecture this member approves, in parameters: what its machine can fetch, hold and evaluate "
                    + "(a 100M-parameter model runs within a 3 GiB heap; docs/models-and-data.md, \"Big models\") (default ${DEFAULT-VALUE})")
    long maxParameters = SanityLimits.DEFAULT_MAX_PARAMETERS;

    ConnectionProfile profile;
    String who;

    CommitteeWorkflow connect() throws IOException {
        return connect(CommitteeWorkflow.DEFAULT_FETCH_WAIT);
    }

    /** @param fetchWait the longest a pass waits for the weight files it fetches (the rest is fetched on in the background) */
    CommitteeWorkflow connect(final java.time.Duration fetchWait) throws IOException {
        if (maxParameters <= 0) {
            throw new IllegalArgumentException("--max-parameters must be positive, got " + maxParameters);
        }
        if (unavailablePatienceSeconds < 0 || unavailablePatienceSeconds > 7 * 24 * 3600) {
            throw new IllegalArgumentException("--unavailable-patience must be 0..604800 seconds, got " + unavailablePatienceSeconds);
        }
        profile = client.profile();
        who = client.identityOr(null);
        final ConnectionProfile.ResolvedIdentity id = profile.resolve(who);
        final Participant me = client.connect(profile, who);
        return new CommitteeWorkflow(me, Pem.privateKey(Files.readString(Path.of(id.files().keyFile()))),
                new SanityLimits(SanityLimits.DEFAULT.minRelativeDistance(), maxDistance, SanityLimits.DEFAULT.maxExamplesPerSecond(), maxRegression,
                        minTrendCosine).withUnavailablePatience(java.time.Duration.ofSeconds(unavailablePatienceSeconds))
                        .withMaxParameters(maxParameters),
                line -> System.out.println(who + ": " + line), fetchWait);
    }
}
