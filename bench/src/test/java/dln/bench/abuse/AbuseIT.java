package dln.bench.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.core.ledger.ConnectionProfile;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fast part of the abuse suite on the real network: every shared refused call (bad argument
 * counts, encodings and sizes for every transaction, unknown names, bad numbers) through the
 * gateway as its actor, each refused with exactly its rule; the network's own TLS, CA, peer,
 * orderer and admin certificates named as committee members; garbage, truncated, oversized and
 * wrong-architecture weight files rejected by the committee with the reason on the ledger. The crowd round (32 providers at
 * once) and the role cases on its state are the bench's: {@code ./dln bench abuse}.
 */
class AbuseIT {

    @Test
    void everySharedCaseIsRefusedWithItsRuleOnTheNetwork() {
        final List<AbuseBench.Observed> all = AbuseBench.observeAll(ConnectionProfile.load(profile()), null);
        assertTrue(all.size() >= 120, "at least 120 cases, got " + all.size());
        final List<String> missed = all.stream().filter(o -> !o.ok())
                .map(o -> o.c().name() + ": expected " + o.c().rule().name() + ", observed " + o.observed()).toList();
        assertEquals(List.of(), missed, missed.size() + " of " + all.size() + " cases missed");
    }

    @Test
    void theNetworksOwnNonClientCertificatesAreRefusedAsCommitteeMembers() throws Exception {
        final ConnectionProfile profile = ConnectionProfile.load(profile());
        final List<StateCases.Observed> all;
        try (dln.session.consortium.NetworkConsortium network = new dln.session.consortium.NetworkConsortium(profile)) {
            all = PublicationCases.observe(network, PublicationCases.validation(), PublicationCases.networkCertificates(profile));
        }
        assertTrue(all.size() >= 10, "every certificate of the crypto folder and the self-naming member: " + all.size());
        assertEquals(List.of(), all.stream().filter(o -> !o.ok()).map(o -> o.name() + " by " + o.who() + ": expected " + o.rule()
                + ", observed " + o.observed()).toList());
    }

    @Test
    void malformedWeightFilesAreRejectedByTheCommitteeWithTheReasonOnTheLedger() throws Exception {
        final List<ArtefactCases.Observed> all;
        try (dln.session.consortium.NetworkConsortium network = new dln.session.consortium.NetworkConsortium(ConnectionProfile.load(profile()))) {
            all = ArtefactCases.observe(network, PublicationCases.validation());
        }
        assertEquals(4, all.size(), "garbage, truncated, oversized, another architecture");
        assertEquals(List.of(), all.stream().filter(o -> !o.ok()).map(o -> o.name() + ": " + o.observed()).toList());
    }

    /** DLN_PROFILE when set (a network on other ports), else the clone's .dln/connection.json. */
    private static Path profile() {
        final String env = System.getenv("DLN_PROFILE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        Path root = Path.of("").toAbsolutePath();
        while (!root.resolve("network/network.sh").toFile().exists()) {
            root = root.getParent();
        }
        return root.resolve(".dln/connection.json");
    }
}
