package dln.session.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes a {@link ReportModel} as one self-contained {@code report.html}: no external scripts,
 * fonts or stylesheets, so it opens offline from a file anywhere.
 *
 * <pre>{@code
 * new ReportWriter().write(model, Path.of("report.html"));
 * }</pre>
 */
public final class ReportWriter {
    // Both SVGs end up in one HTML document, which has a single id namespace.
    private final AccuracyChart chart = new AccuracyChart("acc-");
    private final DagLayout layout = new DagLayout();
    private final DagSvg dagSvg = new DagSvg("dag-");
    private final HtmlPage page = new HtmlPage();

    /** The page as a string; parts of the model that are empty are left out. */
    public String render(ReportModel model) {
        String chartSvg = model.accuracy().isEmpty() ? null : chart.svg(model.accuracy(), model.references(), model.xAxis());
        String dag = model.dag().isEmpty() ? null : dagSvg.svg(layout.layout(model.dag()));
        return page.page(model, chartSvg, dag);
    }

    /**
     * Writes the page to {@code file} (UTF-8), replacing it atomically so a reader, or a demo
     * interrupted mid-write, never sees half a report. Returns the file.
     */
    public Path write(ReportModel model, Path file) throws IOException {
        String html = render(model);
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, ".report", ".html.tmp");
        try {
            Files.writeString(tmp, html, StandardCharsets.UTF_8);
            // A temp file is owner-only; a report is meant to be shared like any other output file.
            if (Files.getFileStore(tmp).supportsFileAttributeView("posix")) {
                Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-r--r--"));
            }
            Files.move(tmp, abs, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
        return abs;
    }
}
