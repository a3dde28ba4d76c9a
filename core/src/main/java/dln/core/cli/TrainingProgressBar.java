package dln.core.cli;

import dln.core.training.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Renders local training as one progress bar per epoch; the progressbar library draws it. */
public final class TrainingProgressBar implements TrainingListener {

    private final String who;
    private ProgressBar bar;

    /** @param who the label in front of the bar, e.g. the provider's identity */
    public TrainingProgressBar(final String who) {
        this.who = who;
    }

    @Override
    public void epochStarted(final int epoch, final int epochs, final int batches) {
        bar = new ProgressBarBuilder().setTaskName(String.format("%-24s epoch %d/%d", who, epoch + 1, epochs)).setInitialMax(batches)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(250).continuousUpdate().build();
    }

    @Override
    public void batchDone(final int epoch, final int batch, final int batches, final double loss) {
        if (bar != null) {
            bar.stepTo(batch + 1L);
        }
    }

    @Override
    public void epochDone(final int epoch, final double meanLoss) {
        if (bar != null) {
            bar.close();
            bar = null;
        }
    }
}
