package dln.cli;

import dln.core.training.TrainingListener;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Renders local training as one progress bar per epoch, then the upload in bytes, on a terminal;
 * the progressbar library draws them. {@link TrainingProgress} picks plain lines elsewhere.
 */
final class TrainingProgressBar implements TrainingListener {

    private final String who;
    private ProgressBar bar;
    private ProgressBar upload;

    /** @param who the label in front of the bar, e.g. the provider's identity */
    TrainingProgressBar(final String who) {
        this.who = who;
    }

    @Override
    public void epochStarted(final int epoch, final int epochs, final int batches) {
        bar = builder(String.format("%-24s epoch %d/%d", who, epoch + 1, epochs), batches).build();
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

    @Override
    public synchronized void uploaded(final long bytes, final long total) {
        if (upload == null) {
            upload = builder(String.format("%-24s upload", who), Math.max(total, bytes)).setUnit(" kB", 1_000).build();
        }
        upload.stepTo(bytes);
        if (total >= 0 && bytes >= total) {
            upload.close();
            upload = null;
        }
    }

    private ProgressBarBuilder builder(final String task, final long max) {
        return new ProgressBarBuilder().setTaskName(task).setInitialMax(max).setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250);
    }
}
