package dln.cli;

import dln.core.training.TrainingListener;
import java.io.IOException;
import java.util.Map;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * How a client shows its providers' progress: on a terminal, a board with one redrawn line per
 * provider below everything else the process prints; elsewhere, plain lines. Open it for as long
 * as providers train, and close it before printing what must stay below the last line.
 */
public final class TrainingProgress implements AutoCloseable {

    /** A line of the board never takes more than this, however wide the terminal: it stays readable. */
    private static final int WIDEST = 120;
    /** The width assumed when the terminal does not say its own. */
    private static final int USUAL = 80;

    private final ProgressBoard board;

    private TrainingProgress(final ProgressBoard board) {
        this.board = board;
    }

    /**
     * A board when a person watches a terminal that can move its cursor; in a log, a pipe or a dumb
     * terminal a redrawn line leaves every frame behind, so there it is one line per epoch and per
     * upload.
     */
    public static TrainingProgress forConsole() {
        return new TrainingProgress(drawsBars(System.console() != null, System.getenv()) ? new ProgressBoard(lineWidth()) : null);
    }

    /** The listener for one provider, labelled {@code who} (e.g. its identity). */
    public TrainingListener listener(final String who) {
        return board != null ? board.listener(who) : new TrainingProgressLines(who, System.err);
    }

    /** Leaves every line's last state on screen and gives the process its streams back. */
    @Override
    public void close() {
        if (board != null) {
            board.close();
        }
    }

    /**
     * Whether the board can be drawn: it moves the cursor up to redraw, which a terminal without a
     * type (or of type "dumb", as in editors' consoles) does not do.
     *
     * @param console whether standard input and output are a terminal (on Java 17 the console is
     *                null unless both are)
     */
    static boolean drawsBars(final boolean console, final Map<String, String> environment) {
        String term = environment.getOrDefault("TERM", "");
        return console && !term.isBlank() && !"dumb".equals(term);
    }

    /** The width of the board's lines, read once from the terminal. */
    static int lineWidth() {
        try (Terminal terminal = TerminalBuilder.builder().system(true).dumb(true).build()) {
            return lineWidth(terminal.getWidth());
        } catch (IOException | RuntimeException e) {
            return lineWidth(0);
        }
    }

    /** One column is kept free: a line that filled the terminal would wrap and the redraw would drift. */
    static int lineWidth(final int columns) {
        return Math.min(WIDEST, (columns > 0 ? columns : USUAL) - 1);
    }
}
