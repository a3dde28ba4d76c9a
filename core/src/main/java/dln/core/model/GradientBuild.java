package dln.core.model;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.nd4j.autodiff.samediff.SameDiff;

/**
 * Builds a graph's gradient function without its console noise: SameDiff 1.0.0-M2.1 prints
 * "Added differentiated op ..." with {@code System.out.println} for every op, which would break
 * the CLIs' progress bars. Standard output is swapped for a filter that drops exactly those lines
 * for the few milliseconds of the build, under a lock, and restored.
 */
final class GradientBuild {
    private static final Object LOCK = new Object();
    private static final String NOISE = "Added differentiated op";

    private GradientBuild() {
    }

    /** Builds the gradient function unless the graph has one. */
    static void createIfAbsent(SameDiff sd) {
        if (!sd.hasGradientFunction()) {
            create(sd);
        }
    }

    static void create(SameDiff sd) {
        synchronized (LOCK) {
            PrintStream original = System.out;
            System.setOut(new PrintStream(new LineFilter(original), true, StandardCharsets.UTF_8));
            try {
                sd.createGradFunction();
            } finally {
                System.out.flush();
                System.setOut(original);
            }
        }
    }

    /** Forwards complete lines that are not SameDiff's noise. */
    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final StringBuilder line = new StringBuilder();

        LineFilter(PrintStream target) {
            this.target = target;
        }

        @Override
        public void write(int b) {
            line.append((char) b);
            if (b == '\n') {
                String s = line.toString();
                line.setLength(0);
                if (!s.startsWith(NOISE)) {
                    target.print(s);
                }
            }
        }

        @Override
        public void flush() {
            if (line.length() > 0 && !line.toString().startsWith(NOISE)) {
                target.print(line);
            }
            line.setLength(0);
            target.flush();
        }
    }
}
