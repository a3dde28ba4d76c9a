package dln.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingProgressLinesTest {

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final TrainingProgressLines progress = new TrainingProgressLines("org2/User3", new PrintStream(bytes, true, StandardCharsets.UTF_8));

    private List<String> lines() {
        return bytes.toString(StandardCharsets.UTF_8).lines().toList();
    }

    private void epoch(final int epoch, final int epochs, final int batches, final double meanLoss) {
        progress.epochStarted(epoch, epochs, batches);
        for (int b = 0; b < batches; b++) {
            progress.batchDone(epoch, b, batches, meanLoss);
        }
        progress.epochDone(epoch, meanLoss);
    }

    @Test
    void oneLinePerEpochAndOnePerUploadWithNoCarriageReturns() {
        epoch(0, 2, 50, 0.75);
        epoch(1, 2, 50, 0.25);
        for (long sent = 0; sent <= 1_600_000; sent += 100_000) {
            progress.uploaded(sent, 1_600_000);
        }
        assertEquals(List.of(
                "org2/User3               epoch 1/2: 50 batches, mean loss 0.7500",
                "org2/User3               epoch 2/2: 50 batches, mean loss 0.2500",
                "org2/User3               upload: 1600 kB"), lines());
        assertEquals(-1, bytes.toString(StandardCharsets.UTF_8).indexOf('\r'));
    }

    @Test
    void aRetriedUploadIsReportedOncePerCompletion() {
        progress.uploaded(500, 1_000);
        progress.uploaded(1_000, 1_000);
        progress.uploaded(1_000, 1_000);
        progress.uploaded(0, 1_000);
        progress.uploaded(1_000, 1_000);
        assertEquals(List.of("org2/User3               upload: 1 kB", "org2/User3               upload: 1 kB"), lines());
    }

    @Test
    void anUploadOfUnknownSizeSaysNothingUntilItIsKnown() {
        progress.uploaded(4_000, -1);
        assertEquals(List.of(), lines());
    }
}
