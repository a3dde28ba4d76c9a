package dln.bench.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.LedgerException;
import dln.api.LedgerFailure;
import dln.api.LedgerTransport;
import dln.api.Tx;
import dln.core.training.TrainingListener;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RoundPathTest {

    /** A clock the test moves by hand, in milliseconds. */
    private static final class Hand {
        long ms;

        long nanos() {
            return ms * 1_000_000;
        }
    }

    /** Takes {@code took} ms of the hand's clock for each call; refuses the transactions in {@code refuse}. */
    private static final class Ledger extends QuietLedger {
        private final Hand hand;
        private final long took;
        private final Set<Tx> refuse;

        Ledger(final Hand hand, final long took, final Set<Tx> refuse) {
            this.hand = hand;
            this.took = took;
            this.refuse = refuse;
        }

        @Override
        public byte[] submit(final Tx tx, final String... args) {
            hand.ms += took;
            if (refuse.contains(tx)) {
                throw new LedgerException(LedgerFailure.LEDGER_ERROR, tx + " refused");
            }
            return super.submit(tx, args);
        }

        @Override
        public byte[] evaluate(final Tx tx, final String... args) {
            hand.ms += took;
            return super.evaluate(tx, args);
        }
    }

    private static void train(final Hand hand, final TrainingListener l, final long ms) {
        l.epochStarted(0, 2, 10);
        l.epochDone(0, 1.0);
        l.epochStarted(1, 2, 10);
        hand.ms += ms;
        l.epochDone(1, 1.0);
    }

    @Test
    void aRoundIsCutIntoItsStepsFromTheTrainingsAndTheSubmissions() {
        final Hand hand = new Hand();
        final RoundPath path = new RoundPath(hand::nanos);
        final LedgerTransport provider = path.apply(new Ledger(hand, 50, Set.of()));
        final LedgerTransport member = path.apply(new Ledger(hand, 100, Set.of()));
        final LedgerTransport late = path.apply(new Ledger(hand, 30, Set.of(Tx.SUBMIT_SCORES)));
        final TrainingListener a = path.listener();
        final TrainingListener b = path.listener();
        path.mark();
        hand.ms += 20;
        provider.evaluate(Tx.GET_PROVIDER_WORK); // 20 -> 70: reads before training
        train(hand, a, 200); // 70 -> 270
        provider.submit(Tx.SUBMIT_UPDATE); // 270 -> 320
        train(hand, b, 150); // 320 -> 470
        hand.ms += 10;
        provider.submit(Tx.SUBMIT_UPDATE); // 480 -> 530: the last update
        member.evaluate(Tx.GET_MEMBER_WORK); // 530 -> 630
        hand.ms += 40; // measuring to 670
        member.submit(Tx.SUBMIT_SCORES); // 670 -> 770
        member.submit(Tx.SUBMIT_SCORES); // 770 -> 870: the deciding batch
        assertThrows(LedgerException.class, () -> late.submit(Tx.SUBMIT_SCORES), "the third batch, refused"); // 870 -> 900
        hand.ms += 100;
        path.mark();
        assertEquals(List.of(new RoundPath.Steps(70, 400, 60, 140, 200)), path.rounds(),
                "to training 70, trainings 70-470, the last update at 530, the first batch proposed at 670, the last recorded at 870");
        final String table = path.render();
        assertTrue(table.lines().anyMatch(l -> l.matches("1\\s+70\\s+400\\s+60\\s+140\\s+200")), table);
    }

    @Test
    void aRoundWithoutScoresShowsNoMeasuringAndTheMeanSkipsIt() {
        final Hand hand = new Hand();
        final RoundPath path = new RoundPath(hand::nanos);
        final LedgerTransport provider = path.apply(new Ledger(hand, 10, Set.of()));
        final LedgerTransport member = path.apply(new Ledger(hand, 10, Set.of()));
        final TrainingListener a = path.listener();
        path.mark(); // round 1: publication to its close
        train(hand, a, 100);
        provider.submit(Tx.SUBMIT_UPDATE);
        member.submit(Tx.SUBMIT_SCORES);
        path.mark();
        train(hand, a, 100); // round 2: a secure round, say, decided without score batches
        provider.submit(Tx.SUBMIT_UPDATE);
        path.mark();
        train(hand, a, 100); // round 3
        provider.submit(Tx.SUBMIT_UPDATE);
        hand.ms += 30;
        member.submit(Tx.SUBMIT_SCORES);
        path.mark();
        final List<RoundPath.Steps> rounds = path.rounds();
        assertEquals(new RoundPath.Steps(0, 100, 10, -1, -1), rounds.get(1));
        assertEquals(new RoundPath.Steps(0, 100, 10, 30, 10), rounds.get(2));
        final String table = path.render();
        assertTrue(table.lines().anyMatch(l -> l.matches("2\\s+0\\s+100\\s+10\\s+-\\s+-")), table);
        assertTrue(table.lines().anyMatch(l -> l.matches("mean 2-3\\s+0\\s+100\\s+10\\s+30\\s+10")), table);
    }
}
