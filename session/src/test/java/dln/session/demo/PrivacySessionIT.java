package dln.session.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.DlnLedger;
import dln.api.LedgerException;
import dln.api.Rule;
import dln.api.privacy.DpSgdRun;
import dln.api.privacy.RdpAccountant;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import dln.core.attack.Attack;
import dln.core.ledger.ConnectionProfile;
import dln.core.ledger.FabricLedger;
import dln.core.protocol.LearningPolicy;
import dln.core.storage.WeightStore;
import dln.core.training.TrainingListener;
import dln.session.consortium.NetworkConsortium;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A federated session with differential privacy on the real network (epsilon 3): every update
 * records its DP-SGD run and the epsilon its provider spent, as the chaincode recomputed it, the
 * session completes, and an update whose run would pass the budget is refused by the chaincode
 * with PRIVACY_BUDGET_EXCEEDED.
 */
class PrivacySessionIT {
    private static final ModelView.Privacy BUDGET = new ModelView.Privacy(3.0, 1e-5, 1.0, 1.3);

    @Test
    void everyUpdateRecordsItsSpendingAndTheChaincodeRefusesAnUpdatePastTheBudget() throws Exception {
        final ConnectionProfile profile = ConnectionProfile.load(SessionIT.ItPaths.profile());
        final SessionConfig config = new SessionConfig("mlp", 4, 0, Attack.NONE, "iid", 2, 0, 1, 0.5, 2, "median", "fedavg", 13,
                LearningPolicy.parse("contribution:3", "median_capped", "none", "epsilon=3,delta=1e-5,noise=1.3,clip=1.0"));
        final List<String> lines = new ArrayList<>();
        final LearningSession.Result r;
        try (NetworkConsortium network = new NetworkConsortium(profile)) {
            r = new LearningSession(config, network, lines::add, who -> TrainingListener.NONE).withoutBaseline().run();
        }
        final String modelId = r.federatedModel();
        try (DlnLedger publisher = FabricLedger.connect(profile, profile.roles().publisher())) {
            try {
                final ModelView model = publisher.getModel(modelId);
                assertEquals(BUDGET, model.privacy(), "the model carries the budget given on the command line");
                assertEquals(3, model.currentRound(), "both rounds closed: the session completed");
                for (int round = 1; round <= 2; round++) {
                    final RoundView closed = publisher.getRound(modelId, round);
                    assertFalse(closed.open());
                    assertFalse(closed.accepted().isEmpty(), "round " + round + " accepted DP updates");
                }

                // Every update records its run and its provider's epsilon so far, which the accountant reproduces.
                final List<UpdateView> updates = new ArrayList<>(r.federatedUpdates());
                assertEquals(8, updates.size(), "4 providers x 2 rounds");
                updates.sort(Comparator.comparing(UpdateView::submittedAt));
                final RdpAccountant acc = RdpAccountant.DLN;
                final Map<LedgerIdentity, double[]> spent = new HashMap<>();
                for (UpdateView u : updates) {
                    final UpdateView.Privacy p = u.privacy();
                    assertNotNull(p, "update " + u.id() + " records its DP-SGD run");
                    assertEquals(BUDGET.noiseMultiplier(), p.noiseMultiplier());
                    assertEquals(BUDGET.clip(), p.clip());
                    final double[] curve = acc.compose(spent.getOrDefault(u.submitter(), new double[acc.size()]), p.run().curve(acc));
                    spent.put(u.submitter(), curve);
                    assertEquals(acc.epsilon(curve, BUDGET.delta()).epsilon(), p.epsilon(), 1e-9, "epsilon of " + u.id());
                    assertTrue(p.epsilon() > 0 && p.epsilon() <= BUDGET.epsilon(), "within the budget: " + p.epsilon());
                }
                final PrivacySpending table = PrivacySpending.of(BUDGET, r).orElseThrow();
                assertEquals(4, table.rows().size());
                for (PrivacySpending.Row row : table.rows()) {
                    assertTrue(row.epsilon().get(1) > row.epsilon().get(0), "a provider's epsilon grows with its rounds: " + row);
                }
                assertTrue(SessionTable.render(config, r).contains(table.caption()));

                // A provider whose run would pass the budget: the chaincode refuses it, by name.
                final String provider = NetworkConsortium.providerIdentities(profile, 1).get(0);
                try (DlnLedger own = FabricLedger.connect(profile, provider)) {
                    final RoundView open = own.getRound(modelId, 3);
                    final DpSgdRun tooLong = new DpSgdRun(0.05, BUDGET.noiseMultiplier(), BUDGET.clip(), 20_000);
                    final double[] curve = acc.compose(spent.get(own.identity()), tooLong.curve(acc));
                    final double epsilon = acc.epsilon(curve, BUDGET.delta()).epsilon();
                    assertTrue(epsilon > BUDGET.epsilon(), "the run passes the budget: " + epsilon);
                    final String cid = WeightStore.cidOf(model.architectureHash(), new float[] {1, 2, 3});
                    final LedgerException refused = assertThrows(LedgerException.class, () -> own.submitUpdate(modelId, cid, open.parents(), 3,
                            600, 1000, model.recipeHash(), new UpdateView.Privacy(tooLong.noiseMultiplier(), tooLong.clip(), tooLong.samplingRate(), tooLong.steps(),
                                    epsilon)));
                    assertTrue(refused.is(Rule.PRIVACY_BUDGET_EXCEEDED), refused.code() + ": " + refused.getMessage());
                    assertTrue(own.listUpdates(modelId, 3, null).stream().noneMatch(u -> u.submitter().equals(own.identity())),
                            "nothing was recorded");
                }
            } finally {
                publisher.closeModel(modelId);
            }
        }
    }
}
