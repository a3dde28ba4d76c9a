package dln.provider;

import dln.core.training.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/** Training progress as a bar per epoch, drawn by the progressbar library on stderr. */
final class ProgressBarListener implements TrainingListener {

    private final String who;
    private ProgressBar bar;

    ProgressBarListener(final String who) {
        this.who = who;
    }

    @Override
    public void epochStarted(final int epoch, final int epochs, final int batches) {
        bar = new ProgressBarBuilder().setTaskName(who + " epoch " + (epoch + 1) + "/" + epochs).setInitialMax(batches)
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
