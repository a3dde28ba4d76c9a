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
 * wrong-architecture weight files rejected by the committee with the reason on the ledger; updates
 * whose weight files no node provides, which hold no member's pass and are recorded unavailable.
 * The crowd round (32 providers at once) and the role cases on its state are the bench's:
 * {@code ./dln bench abuse}.
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

    @Test
    void updatesWhoseWeightFilesNoNodeProvidesHoldNoPassAndAreRecordedUnavailable() throws Exception {
        final MissingContentCases.Outcome outcome;
        try (dln.session.consortium.NetworkConsortium network = new dln.session.consortium.NetworkConsortium(ConnectionProfile.load(profile()))) {
            outcome = MissingContentCases.observe(network, PublicationCases.validation());
        }
        final List<MissingContentCases.Observed> members = outcome.passes();
        assertEquals(3, members.size());
        for (int i = 0; i < 2; i++) {
            final MissingContentCases.Observed o = members.get(i);
            assertEquals(MissingContentCases.UPDATES, o.unavailable(), o.member() + " records every update unavailable");
            // Waiting would take Kubo's find timeout: the pass must end well before it (the bench's target, 4 s, is its table's).
            assertTrue(o.firstPass() < MissingContentCases.FIND_TIMEOUT.toSeconds(), o.member() + "'s first pass waited " + o.firstPass() + " s");
            assertTrue(o.seconds() <= MissingContentCases.PASS_TIMEOUTS * MissingContentCases.FIND_TIMEOUT.toSeconds(),
                    o.member() + " recorded them after " + o.seconds() + " s");
        }
        assertEquals(0, members.get(2).unavailable(), "the quorum decided them before the third member");
        assertEquals(0, outcome.otherwise(), "every update rejected on unavailable scores, nothing left pending");
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
