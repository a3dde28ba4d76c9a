package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.UpdateStatus;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.core.attack.Attack;
import dln.core.protocol.LearningPolicy;
import dln.session.report.ReportWriter;
import dln.session.report.SummaryTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Epsilon per provider per round, read from what the updates record, in the end table and report.html. */
class PrivacySpendingTest {
    private static final ModelView.Privacy BUDGET = new ModelView.Privacy(3, 1e-5, 1.0, 1.1);
    private static final SessionConfig CONFIG = new SessionConfig("mlp", 2, 0, Attack.NONE, "iid", 2, 1, 1, 0.5, 2, "median", "fedavg", 7L,
            LearningPolicy.THRESHOLD.withPrivacy(BUDGET));

    @Test
    void eachProvidersRecordedEpsilonLandsInItsRoundsColumn() {
        final PrivacySpending p = PrivacySpending.of(BUDGET, result()).orElseThrow();
        assertEquals(List.of("round 1", "round 2", "gossip 1"), p.columns());
        assertEquals(List.of(new PrivacySpending.Row("User3", List.of(0.5, 0.75, 0.4)),
                new PrivacySpending.Row("User4", Arrays.asList(0.6, null, 0.45))), p.rows(), "User4 made no update in round 2");
        assertEquals(0.75, p.maxEpsilon());
    }

    @Test
    void theEndTableAndTheReportShowTheSpendingOnlyWhenTheModelRequiredPrivacy() {
        final String table = SessionTable.render(CONFIG, result());
        assertTrue(table.contains("budget 3.000 per model"), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("User3") && l.contains("0.500") && l.contains("0.750") && l.contains("0.400")), table);
        assertTrue(table.lines().anyMatch(l -> l.startsWith("User4") && l.matches(".*0\\.600\\s+-\\s+0\\.450.*")), table);
        final SessionConfig plain = CONFIG.with(LearningPolicy.THRESHOLD);
        assertEquals(SessionTable.render(result()), SessionTable.render(plain, result()));

        final List<SummaryTable> tables = SessionReport.model(CONFIG, result()).tables();
        assertEquals(2, tables.size());
        assertEquals(List.of("provider", "round 1", "round 2", "gossip 1"), tables.get(1).header());
        assertEquals(List.of("User4", "0.600", "", "0.450"), tables.get(1).rows().get(1));
        final String html = new ReportWriter().render(SessionReport.model(CONFIG, result()));
        assertTrue(html.contains("epsilon at delta 1e-05 after its update (budget 3.000 per model)"), "the table's caption is on the page");
        assertEquals(1, SessionReport.model(plain, result()).tables().size());
    }

    private static LearningSession.Result result() {
        final List<UpdateView> fed = new ArrayList<>(List.of(update("a", 3, 1, 0.5, 1), update("b", 4, 1, 0.6, 2), update("c", 3, 2, 0.75, 3)));
        final List<UpdateView> gossip = List.of(update("d", 4, 0, 0.45, 5), update("e", 3, 0, 0.4, 4));
        final List<RoundRow> rows = List.of(new RoundRow("federated", 1, 2, 0, 0, 0, 0.8, 1, 1, 1, 1, 10),
                new RoundRow("federated", 2, 1, 0, 0, 0, 0.85, 1, 1, 1, 1, 10), new RoundRow("gossip", 1, 2, 0, 0, 0, 0.86, 1, 1, 1, 1, 10));
        return new LearningSession.Result("fed", "gossip", rows, List.of(0.9), fed, gossip, Set.of(), List.of());
    }

    private static UpdateView update(final String id, final int user, final int round, final double epsilon, final int second) {
        final LedgerIdentity who = new LedgerIdentity("Org1MSP", "x509::CN=User" + user + ",OU=client::CN=ca.org1.dln");
        return new UpdateView(id, "m", who, "cid-" + id, List.of(UpdateView.INITIAL), round, 600, 100, UpdateStatus.ACCEPTED, 0.8,
                Instant.ofEpochSecond(1_800_000_000L + second).toString(), null, null, new UpdateView.Privacy(1.1, 1.0, 0.05, 19, epsilon));
    }
}
