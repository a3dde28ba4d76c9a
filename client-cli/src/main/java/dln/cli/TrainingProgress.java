package dln.cli;

import dln.core.training.TrainingListener;

/** Picks how a client shows a provider's progress: redrawn bars on a terminal, plain lines elsewhere. */
public final class TrainingProgress {

    private TrainingProgress() {}

    /**
     * Bars when a person watches a terminal; in a log or a pipe a redrawn bar leaves every frame
     * behind (each line about three times), so there it is one line per epoch and per upload.
     *
     * @param who the label in front of each bar or line, e.g. the provider's identity
     */
    public static TrainingListener forConsole(final String who) {
        // On Java 17 the console is null unless both standard input and output are a terminal.
        return System.console() != null ? new TrainingProgressBar(who) : new TrainingProgressLines(who, System.err);
    }
}
