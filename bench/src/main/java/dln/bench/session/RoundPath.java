package dln.bench.session;

import dln.api.ForwardingTransport;
import dln.api.LedgerTransport;
import dln.api.Tx;
import dln.bench.Table;
import dln.core.training.TrainingListener;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.function.LongSupplier;
import java.util.function.UnaryOperator;

/**
 * A federated round's path in time, from what every participant did: the trainings (from the
 * providers' progress) and the submissions of updates and scores (from their ledger calls), cut
 * into rounds at the same marks as {@link CallsByRound}. The session table's "waiting" lumps
 * the committee's measuring with the score blocks; this splits the round into the steps that
 * follow one another on its path, so a change can be seen where it acts (docs/performance.md,
 * twenty-sixth session: found with a probe of the same points).
 */
final class RoundPath implements UnaryOperator<LedgerTransport> {

    /** One submission: its transaction, when it was proposed and answered, and whether it was recorded. */
    record Call(Tx tx, long start, long end, boolean recorded) {}

    /** A provider's training run, start to end. */
    record Training(long start, long end) {}

    /**
     * The steps of one round, in milliseconds, each from the end of the one before; -1 where the
     * round had no such step (a round without scores, a secure round).
     *
     * @param toTraining   the round's start to the first training
     * @param training     the first training's start to the last training's end (the providers take turns)
     * @param toLastUpdate the last training's end to the last update recorded (upload and submission)
     * @param measuring    the last update recorded to the first score batch proposed (the members' reads, reviews and measurements)
     * @param scoring      the first score batch proposed to the last one recorded (their blocks, one after another)
     */
    record Steps(long toTraining, long training, long toLastUpdate, long measuring, long scoring) {}

    private final LongSupplier nanos;
    private final List<Call> calls = new ArrayList<>();
    private final List<Training> trainings = new ArrayList<>();
    private final List<Long> marks = new ArrayList<>();

    RoundPath() {
        this(System::nanoTime);
    }

    RoundPath(final LongSupplier nanos) {
        this.nanos = nanos;
    }

    @Override
    public LedgerTransport apply(final LedgerTransport transport) {
        return new ForwardingTransport(transport) {
            @Override
            public byte[] submit(final Tx tx, final String... args) {
                final long start = nanos.getAsLong();
                boolean recorded = false;
                try {
                    final byte[] out = super.submit(tx, args);
                    recorded = true;
                    return out;
                } finally {
                    add(new Call(tx, start, nanos.getAsLong(), recorded));
                }
            }
        };
    }

    /** A provider's progress listener that records its trainings (a run is its epochs, first to last). */
    TrainingListener listener() {
        return new TrainingListener() {
            private long start;
            private int epochs;

            @Override
            public void epochStarted(final int epoch, final int of, final int batches) {
                if (epoch == 0) {
                    start = nanos.getAsLong();
                    epochs = of;
                }
            }

            @Override
            public void epochDone(final int epoch, final double meanLoss) {
                if (epoch == epochs - 1) {
                    add(new Training(start, nanos.getAsLong()));
                }
            }
        };
    }

    /** Closes the span since the last mark (the first mark opens round 1). */
    synchronized void mark() {
        marks.add(nanos.getAsLong());
    }

    private synchronized void add(final Call c) {
        calls.add(c);
    }

    private synchronized void add(final Training t) {
        trainings.add(t);
    }

    /** The steps of each closed round, in order. */
    synchronized List<Steps> rounds() {
        final List<Steps> out = new ArrayList<>();
        for (int i = 1; i < marks.size(); i++) {
            out.add(steps(marks.get(i - 1), marks.get(i)));
        }
        return out;
    }

    private Steps steps(final long from, final long to) {
        final List<Training> runs = trainings.stream().filter(t -> t.start() >= from && t.end() <= to).toList();
        final OptionalLong firstTraining = runs.stream().mapToLong(Training::start).min();
        final OptionalLong lastTraining = runs.stream().mapToLong(Training::end).max();
        final OptionalLong lastUpdate = within(from, to).filter(c -> c.tx() == Tx.SUBMIT_UPDATE && c.recorded()).mapToLong(Call::end).max();
        final OptionalLong firstScores = lastUpdate.isEmpty() ? OptionalLong.empty()
                : within(from, to).filter(c -> scores(c.tx()) && c.start() >= lastUpdate.getAsLong()).mapToLong(Call::start).min();
        final OptionalLong lastScores = firstScores.isEmpty() ? OptionalLong.empty()
                : within(from, to).filter(c -> scores(c.tx()) && c.recorded() && c.start() >= firstScores.getAsLong()).mapToLong(Call::end).max();
        return new Steps(millis(OptionalLong.of(from), firstTraining), millis(firstTraining, lastTraining), millis(lastTraining, lastUpdate),
                millis(lastUpdate, firstScores), millis(firstScores, lastScores));
    }

    private java.util.stream.Stream<Call> within(final long from, final long to) {
        return calls.stream().filter(c -> c.start() >= from && c.end() <= to);
    }

    private static boolean scores(final Tx tx) {
        return tx == Tx.SUBMIT_SCORES || tx == Tx.SUBMIT_SCORE;
    }

    private static long millis(final OptionalLong from, final OptionalLong to) {
        return from.isEmpty() || to.isEmpty() || to.getAsLong() < from.getAsLong() ? -1 : (to.getAsLong() - from.getAsLong()) / 1_000_000;
    }

    /** A table of each round's steps and the mean of the rounds after the first; empty before a round closed. */
    String render() {
        final List<Steps> rounds = rounds();
        if (rounds.isEmpty()) {
            return "";
        }
        final Table t = new Table("a federated round's path, one step after another (ms)", "round", "to training", "training", "to last update",
                "members measure", "score blocks");
        for (int i = 0; i < rounds.size(); i++) {
            final Steps s = rounds.get(i);
            t.row(i + 1, cell(s.toTraining()), cell(s.training()), cell(s.toLastUpdate()), cell(s.measuring()), cell(s.scoring()));
        }
        if (rounds.size() > 1) {
            final List<Steps> later = rounds.subList(1, rounds.size());
            t.row("mean 2-" + rounds.size(), mean(later, Steps::toTraining), mean(later, Steps::training), mean(later, Steps::toLastUpdate),
                    mean(later, Steps::measuring), mean(later, Steps::scoring));
        }
        return t.render() + "to last update: upload and submission after the last training; members measure: from the last update recorded to the"
                + " first score batch proposed;\nscore blocks: to the last batch recorded (a round's quorum decides in its last)."
                + " Round 1 starts at the model's publication.\n";
    }

    private static String cell(final long ms) {
        return ms < 0 ? "-" : Long.toString(ms);
    }

    private static String mean(final List<Steps> rounds, final java.util.function.ToLongFunction<Steps> step) {
        final long[] known = rounds.stream().mapToLong(step).filter(ms -> ms >= 0).toArray();
        return known.length == 0 ? "-" : String.format(Locale.ROOT, "%.0f", java.util.Arrays.stream(known).average().orElseThrow());
    }
}
