package dln.cli;

import dln.core.training.TrainingListener;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The bottom of a terminal as a board of one line per provider, redrawn in place, with every other
 * line the process prints scrolling above it.
 *
 * <p>Written by hand because the progressbar library cannot do it: it stacks concurrent bars by
 * positions that shift when one of them closes (the demo left stale and overwritten lines), and it
 * cannot keep the process's other output off the line it is drawing (round summaries were glued to
 * the last bar). The board owns standard output and standard error while it is open, so a summary
 * printed anywhere lands above the board, on its own line.
 */
final class ProgressBoard implements AutoCloseable {

    private static final String CLEAR_LINE = "\r\u001b[K";
    private static final String CLEAR_BELOW = "\u001b[J";
    private static final int BAR = 20;

    private final PrintStream terminal;
    private final PrintStream originalOut;
    private final PrintStream originalErr;
    private final int width;
    private final Map<String, String> rows = new LinkedHashMap<>();
    private final ScheduledExecutorService ticker;
    private final Thread onExit;
    private int drawn;
    private boolean dirty;
    private boolean closed;

    /**
     * Opens the board on the process's standard error and takes over both standard streams.
     *
     * @param width the characters one line may take (it must never wrap, or the redraw drifts)
     */
    ProgressBoard(final int width) {
        this.width = width;
        this.originalOut = System.out;
        this.originalErr = System.err;
        this.terminal = originalErr;
        System.setOut(new PrintStream(new LinesAbove(this), true, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(new LinesAbove(this), true, StandardCharsets.UTF_8));
        this.ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "progress-board");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleAtFixedRate(this::redrawIfChanged, 200, 200, TimeUnit.MILLISECONDS);
        // Ctrl-C ends the process between two redraws: leave the cursor below the board, on a fresh line.
        this.onExit = new Thread(this::close, "progress-board-exit");
        Runtime.getRuntime().addShutdownHook(onExit);
    }

    /** A listener that keeps {@code who}'s line up to date. */
    TrainingListener listener(final String who) {
        set(who, "waiting");
        return new Row(who);
    }

    /** Prints {@code line} above the board. */
    synchronized void println(final String line) {
        if (closed) {
            originalErr.println(line);
            return;
        }
        erase();
        terminal.print(line);
        terminal.print('\n');
        draw();
    }

    private synchronized void set(final String who, final String state) {
        rows.put(who, state);
        dirty = true;
    }

    private synchronized void redrawIfChanged() {
        if (dirty && !closed) {
            erase();
            draw();
        }
    }

    private void erase() {
        if (drawn > 0) {
            terminal.print("\u001b[" + drawn + "A");
        }
        terminal.print(CLEAR_LINE + CLEAR_BELOW);
    }

    private void draw() {
        StringBuilder out = new StringBuilder();
        for (Map.Entry<String, String> row : rows.entrySet()) {
            out.append(fit(String.format(Locale.ROOT, "%-24s %s", row.getKey(), row.getValue()))).append('\n');
        }
        terminal.print(out);
        terminal.flush();
        drawn = rows.size();
        dirty = false;
    }

    private String fit(final String line) {
        return line.length() <= width ? line : line.substring(0, width);
    }

    /** The last state of every line stays on screen; the streams are given back. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        erase();
        draw();
        closed = true;
        ticker.shutdownNow();
        System.setOut(originalOut);
        System.setErr(originalErr);
        if (Thread.currentThread() != onExit) {
            try {
                Runtime.getRuntime().removeShutdownHook(onExit);
            } catch (IllegalStateException alreadyExiting) {
                // The hook runs anyway and finds the board closed.
            }
        }
    }

    /** {@code done} of {@code total} as a fixed-width bar, e.g. {@code [=====     ]  42/52}. */
    static String bar(final long done, final long total, final String unit) {
        long max = Math.max(1, total);
        int filled = (int) Math.min(BAR, done * BAR / max);
        String digits = Long.toString(total);
        return "[" + "=".repeat(filled) + " ".repeat(BAR - filled) + "] "
                + String.format(Locale.ROOT, "%" + digits.length() + "d/%s%s", done, digits, unit);
    }

    /** One provider's line: training, then upload, then what was done. */
    private final class Row implements TrainingListener {
        private final String who;
        private int epochs;

        Row(final String who) {
            this.who = who;
        }

        @Override
        public void epochStarted(final int epoch, final int epochs, final int batches) {
            this.epochs = epochs;
            set(who, String.format(Locale.ROOT, "epoch %d/%d  %s", epoch + 1, epochs, bar(0, batches, "")));
        }

        @Override
        public void batchDone(final int epoch, final int batch, final int batches, final double loss) {
            set(who, String.format(Locale.ROOT, "epoch %d/%d  %s  loss %.4f", epoch + 1, epochs,
                    bar(batch + 1L, batches, ""), loss));
        }

        @Override
        public void uploaded(final long bytes, final long total) {
            long kb = (Math.max(total, bytes) + 999) / 1_000;
            if (total >= 0 && bytes >= total) {
                set(who, String.format(Locale.ROOT, "uploaded %d kB", kb));
            } else {
                set(who, String.format(Locale.ROOT, "upload     %s", bar((bytes + 999) / 1_000, kb, " kB")));
            }
        }
    }

    /** Collects what the process prints and hands it to the board a line at a time. */
    private static final class LinesAbove extends OutputStream {
        private final ProgressBoard board;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LinesAbove(final ProgressBoard board) {
            this.board = board;
        }

        @Override
        public synchronized void write(final int b) {
            if (b == '\n') {
                String text = line.toString(StandardCharsets.UTF_8);
                line.reset();
                board.println(text);
            } else {
                line.write(b);
            }
        }
    }
}
