package dln.cli;

import dln.core.training.TrainingListener;
import java.io.PrintStream;
import java.util.Locale;

/** Progress for a log or a pipe: one line when an epoch ends and one when an upload completes, nothing in between. */
final class TrainingProgressLines implements TrainingListener {

    private final String who;
    private final PrintStream out;
    private int epochs;
    private int batches;
    // A retried upload starts again from zero; it is reported when it completes, and only once.
    private boolean uploadReported;

    /**
     * @param who the label in front of each line, e.g. the provider's identity
     * @param out where the lines go (the bars' stream: standard error)
     */
    TrainingProgressLines(final String who, final PrintStream out) {
        this.who = who;
        this.out = out;
    }

    @Override
    public synchronized void epochStarted(final int epoch, final int epochs, final int batches) {
        this.epochs = epochs;
        this.batches = batches;
    }

    @Override
    public synchronized void epochDone(final int epoch, final double meanLoss) {
        out.println(String.format(Locale.ROOT, "%-24s epoch %d/%d: %d batches, mean loss %.4f", who, epoch + 1, epochs, batches, meanLoss));
        out.flush();
    }

    @Override
    public synchronized void uploaded(final long bytes, final long total) {
        if (total < 0 || bytes < total) {
            uploadReported = false;
            return;
        }
        if (!uploadReported) {
            uploadReported = true;
            out.println(String.format(Locale.ROOT, "%-24s upload: %d kB", who, (bytes + 999) / 1_000));
            out.flush();
        }
    }
}
