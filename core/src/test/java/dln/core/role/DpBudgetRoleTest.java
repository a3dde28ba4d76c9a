package dln.core.role;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.ModelStatus;
import dln.api.Rule;
import dln.api.privacy.DpSgdRun;
import dln.api.privacy.RdpAccountant;
import dln.api.view.LedgerIdentity;
import dln.api.view.ModelView;
import dln.api.view.UpdateView;
import dln.core.attack.Adversary;
import dln.core.attack.Attack;
import dln.core.data.Dataset;
import dln.core.data.TestData;
import dln.core.model.BuiltinModels;
import dln.core.model.ModelSpec;
import dln.core.privacy.DpSgdSettings;
import dln.core.privacy.DpSgdTrainer;
import dln.core.protocol.CommitteeWorkflow;
import dln.core.protocol.Participant;
import dln.core.protocol.ProtocolException;
import dln.core.protocol.ProviderWorkflow;
import dln.core.protocol.PublicationRequest;
import dln.core.protocol.PublisherWorkflow;
import dln.core.training.TrainingListener;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A model with a privacy budget on the in-process ledger (the real contracts): the provider trains
 * with DP-SGD, its updates record the epsilon it spent, and it refuses to train the run that would
 * pass the budget, before touching its data.
 */
class DpBudgetRoleTest {
    private static final List<String> COMMITTEE = Consortium.COMMITTEE;
    private static final ModelSpec MLP = BuiltinModels.mlp();
    private static final double SIGMA = 1.1;
    private static final double DELTA = 1e-5;

    private final Consortium net = new Consortium();

    @Test
    void aProviderStopsBeforeItsEpsilonPassesTheBudget() throws Exception {
        final TestData.RoleData data = TestData.roleDataOrSkip(11, 600, 300);
        final Dataset mine = data.train();
        final Dataset validation = data.validation();
        final DpSgdRun run = DpSgdTrainer.plannedRun(mine.size(), MLP.training(), new DpSgdSettings(1.0, SIGMA));
        final RdpAccountant acc = RdpAccountant.DLN;
        final double twoRuns = acc.epsilon(run.samplingRate(), SIGMA, 2 * run.steps(), DELTA);
        final double threeRuns = acc.epsilon(run.samplingRate(), SIGMA, 3 * run.steps(), DELTA);
        final double budget = (twoRuns + threeRuns) / 2;

        final Participant publisher = net.participant("org1/User1");
        final ModelView m = new PublisherWorkflow(publisher, net.directory()).publish(new PublicationRequest("dp gossip", MLP, "accuracy",
                "gossip", "fedavg", 2, 0.1, "median", COMMITTEE, validation, 2, 3600, 2)
                .with(dln.core.protocol.LearningPolicy.THRESHOLD.withPrivacy(new ModelView.Privacy(budget, DELTA, 1.0, SIGMA))));
        for (String member : COMMITTEE) {
            new CommitteeService(new CommitteeWorkflow(net.participant(member), net.identity(member).key(), dln.core.protocol.SanityLimits.DEFAULT,
                    line -> { }), publisher.ledger().events(), CommitteeService.Scope.everyModelNamingMe()).pass();
        }
        assertEquals(ModelStatus.OPEN, publisher.ledger().getModel(m.id()).status());

        final Participant me = net.participant("org1/User3");
        final ProviderWorkflow provider = new ProviderWorkflow(me, mine, MLP.training(), Adversary.alone(Attack.NONE, 1, 7), 7,
                TrainingListener.NONE, line -> { });
        final ModelView open = publisher.ledger().getModel(m.id());
        final ProviderService service = new ProviderService(provider, publisher.ledger().events(), java.time.Duration.ofMillis(50));
        service.stepNow(open);
        service.stepNow(open);
        final ProtocolException refused = assertThrows(ProtocolException.class, () -> service.stepNow(open));
        assertEquals(Rule.PRIVACY_BUDGET_EXCEEDED.name(), refused.code());

        final LedgerIdentity self = me.ledger().identity();
        final List<UpdateView> recorded = new ArrayList<>(me.ledger().listUpdates(m.id(), 0, null).stream()
                .filter(u -> self.equals(u.submitter())).toList());
        recorded.sort(Comparator.comparing(UpdateView::submittedAt));
        assertEquals(2, recorded.size(), "two runs fit the budget, the third was never trained");
        assertEquals(acc.epsilon(run.samplingRate(), SIGMA, run.steps(), DELTA), recorded.get(0).privacy().epsilon(), 1e-9);
        assertEquals(twoRuns, recorded.get(1).privacy().epsilon(), 1e-9);
        assertTrue(recorded.get(1).privacy().epsilon() <= budget);
        assertEquals(run, recorded.get(1).privacy().run());
    }

}
