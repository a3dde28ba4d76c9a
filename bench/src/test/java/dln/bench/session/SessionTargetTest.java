package dln.bench.session;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dln.core.attack.Attack;
import dln.session.demo.SessionConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SessionTargetTest {

    private static SessionConfig session(final String model, final int epochs) {
        return new SessionConfig(model, 4, 0, Attack.NONE, "dirichlet:0.5", 5, 0, epochs, 0.5, 2, "median", "fedavg", 7);
    }

    @Test
    void theCoordinationTargetIsIssueFifteensForTheRoundItNames() {
        assertEquals(0.10, SessionBench.coordinationTarget(session("mlp", 1)).orElseThrow().share());
        assertEquals(0.02, SessionBench.coordinationTarget(session("lenet", 5)).orElseThrow().share());
        assertEquals(Optional.empty(), SessionBench.coordinationTarget(session("mlp", 3)), "no target for a round the issue does not name");
        assertEquals(Optional.empty(), SessionBench.coordinationTarget(session("mlp", 1).withDataset("digits")));
    }
}
