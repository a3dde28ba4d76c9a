package dln.bench.abuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.bench.consortium.InProcessConsortium;
import dln.core.attack.Attack;
import dln.core.training.TrainingListener;
import dln.session.demo.LearningSession;
import dln.session.demo.SessionConfig;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The state cases on the in-process ledger (the real contracts) after one federated round of four
 * providers and a model left proposed, as the bench runs them on the network after its crowd
 * round: each refused with its rule, none accepted.
 */
class StateCasesTest {

    @Test
    @Timeout(900)
    void everyStateCaseIsRefusedWithItsRule() throws Exception {
        final SessionConfig config = new SessionConfig("mlp", 4, 0, Attack.NONE, "iid", 1, 0, 1, 0.5, 2, "median", "fedavg", 7);
        try (InProcessConsortium consortium = new InProcessConsortium()) {
            final LearningSession.Result r = new LearningSession(config, consortium, line -> { }, who -> new TrainingListener() { })
                    .withoutBaseline().run();
            final List<String> everyone = new ArrayList<>(List.of(consortium.publisher(), "org2/User1", "org3/User1"));
            everyone.addAll(consortium.committee());
            everyone.addAll(consortium.providers(4));
            final String proposed = PublicationCases.proposed(consortium, PublicationCases.validation());
            final List<StateCases.Observed> all = StateCases.observe(r.federatedModel(), proposed, consortium.publisher(), consortium.committee(), everyone,
                    who -> consortium.participant(who).ledger());
            assertTrue(all.size() >= 30, "every case ran: " + all.size());
            assertTrue(all.stream().anyMatch(o -> o.rule() == dln.api.Rule.SELF_DISPUTE), "round 1's aggregate recorder was found");
            assertTrue(all.stream().anyMatch(o -> o.name().startsWith("a non-participant records")), "an outsider was found");
            assertEquals(List.of(), all.stream().filter(o -> !o.ok()).map(o -> o.name() + " by " + o.who() + ": expected " + o.rule()
                    + ", observed " + o.observed()).toList());
        }
    }

    @Test
    @Timeout(300)
    void everyMalformedWeightFileIsRejectedWithItsReasonOnTheLedger() throws Exception {
        try (InProcessConsortium consortium = new InProcessConsortium()) {
            final List<ArtefactCases.Observed> all = ArtefactCases.observe(consortium, PublicationCases.validation());
            assertEquals(4, all.size(), "garbage, truncated, oversized, another architecture");
            assertEquals(List.of(), all.stream().filter(o -> !o.ok()).map(o -> o.name() + ": " + o.observed()).toList());
        }
    }

    @Test
    @Timeout(300)
    void aMemberPublishingWithItselfOnTheCommitteeIsRefused() throws Exception {
        try (InProcessConsortium consortium = new InProcessConsortium()) {
            final List<StateCases.Observed> all = PublicationCases.observe(consortium, PublicationCases.validation(), java.util.Map.of());
            assertEquals(List.of("PUBLISHER_IN_COMMITTEE"), all.stream().map(StateCases.Observed::observed).toList());
        }
    }
}
