package dln.session.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Opens a written report in headless Chromium (Debian's {@code chromium}, installed by
 * {@code ./dln setup}) and checks that the browser really lays out both pictures.
 */
class ReportRenderIT {
    private static final Path CHROMIUM = Path.of(System.getProperty("dln.chromium", "/usr/bin/chromium"));

    /** Measures both SVGs after layout and writes the numbers into the DOM, where --dump-dom shows them. */
    private static final String PROBE = """
            <script>
            (function () {
              var out = [];
              ['acc-svg', 'dag-svg'].forEach(function (id) {
                var svg = document.getElementById(id);
                if (!svg) { out.push(id + ' missing'); return; }
                var b = svg.getBBox(), r = svg.getBoundingClientRect();
                out.push(id + ' bbox ' + Math.round(b.width) + 'x' + Math.round(b.height)
                    + ' box ' + Math.round(r.width) + 'x' + Math.round(r.height));
              });
              out.push('nodes ' + document.querySelectorAll('#dag-svg g.node').length);
              out.push('edges ' + document.querySelectorAll('#dag-svg path.edge').length);
              var pre = document.createElement('pre');
              pre.id = 'probe';
              pre.textContent = out.join('\\n');
              document.body.appendChild(pre);
            })();
            </script>
            """;

    @TempDir
    Path dir;

    @BeforeAll
    static void needsChromium() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "no headless browser at " + CHROMIUM
                + ": install it with 'apt-get install -y chromium' (./dln setup does) or set -Ddln.chromium=PATH");
    }

    @Test
    void bothPicturesRenderWithNonZeroSize() throws Exception {
        ReportModel model = ReportPreview.sample(4, 4, 30, 42L);
        Path report = new ReportWriter().write(model, dir.resolve("report.html"));

        // The test copy, not the product, gets the script: the real page's CSP forbids all scripts.
        String html = Files.readString(report, StandardCharsets.UTF_8)
                .replace("content=\"" + HtmlPage.CSP + "\"", "content=\"" + HtmlPage.CSP + "; script-src 'unsafe-inline'\"")
                .replace("</body>", PROBE + "</body>");
        Path probed = Files.writeString(dir.resolve("probed.html"), html, StandardCharsets.UTF_8);

        String dom = chromium("--dump-dom", probed.toUri().toString());
        Matcher probe = Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(probe.find(), "the probe did not run; DOM was:\n" + dom.substring(0, Math.min(2000, dom.length())));
        String result = probe.group(1);
        for (String id : List.of("acc-svg", "dag-svg")) {
            Matcher m = Pattern.compile(id + " bbox (\\d+)x(\\d+) box (\\d+)x(\\d+)").matcher(result);
            assertTrue(m.find(), id + " not measured: " + result);
            for (int g = 1; g <= 4; g++) assertTrue(Integer.parseInt(m.group(g)) > 50, id + " renders too small: " + result);
        }
        assertTrue(result.contains("nodes " + model.dag().nodes().size()), result);
        assertTrue(result.contains("edges " + model.dag().edges().size()), result);
    }

    @Test
    void screenshotShowsTheStatusColours() throws Exception {
        Path report = new ReportWriter().write(ReportPreview.sample(4, 3, 6, 1L), dir.resolve("report.html"));
        Path png = dir.resolve("shot.png");
        chromium("--screenshot=" + png, "--window-size=1200,2000", "--hide-scrollbars", report.toUri().toString());
        BufferedImage img = ImageIO.read(png.toFile());
        // Pixels of the node fills prove the DAG was painted, not only laid out.
        assertTrue(count(img, DagSvg.colours(NodeStatus.ACCEPTED).fill()) > 500, "no accepted (green) nodes painted");
        assertTrue(count(img, DagSvg.colours(NodeStatus.REJECTED).fill()) > 200, "no rejected (red) nodes painted");
        assertTrue(count(img, "#0072b2") > 200, "no chart line painted");
    }

    /** Where the session test saves its screenshot for the docs: {@code -Ddln.report.screenshot=docs/report.png}. */
    private static final String SCREENSHOT = System.getProperty("dln.report.screenshot", "");

    /** Reads back what the browser laid out: the legend's entries, the axis label's width, the handoff edges' lengths. */
    private static final String SESSION_PROBE = """
            <script>
            (function () {
              var out = [];
              document.querySelectorAll('ul.legend li').forEach(function (li) { out.push('legend ' + li.textContent); });
              document.querySelectorAll('#acc-svg text').forEach(function (t) {
                if (t.textContent.indexOf('centralised baseline: epoch') >= 0) out.push('axis ' + Math.round(t.getBBox().width) + ' ' + t.textContent);
              });
              document.querySelectorAll('#dag-svg text').forEach(function (t) {
                if (t.textContent.indexOf('from federated round') == 0) out.push('start ' + Math.round(t.getBBox().width) + ' ' + t.textContent);
              });
              document.querySelectorAll('#dag-svg path.edge').forEach(function (e) {
                var title = e.querySelector('title').textContent;
                if (/gossip\\/initial$/.test(title)) out.push('link ' + Math.round(e.getTotalLength()) + ' ' + title);
              });
              var pre = document.createElement('pre');
              pre.id = 'probe';
              pre.textContent = out.join('\\n');
              document.body.appendChild(pre);
            })();
            </script>
            """;

    @Test
    void sessionReportShowsLegendAxisAndTheLinkToTheFederatedRound() throws Exception {
        var config = Sessions.config(4, 1, 3, 2);
        ReportModel model = dln.session.demo.SessionReport.model(config, Sessions.result(config, false));
        Path report = new ReportWriter().write(model, dir.resolve("report.html"));

        String html = Files.readString(report, StandardCharsets.UTF_8)
                .replace("content=\"" + HtmlPage.CSP + "\"", "content=\"" + HtmlPage.CSP + "; script-src 'unsafe-inline'\"")
                .replace("</body>", SESSION_PROBE + "</body>");
        String dom = chromium("--dump-dom", Files.writeString(dir.resolve("probed.html"), html, StandardCharsets.UTF_8).toUri().toString());
        Matcher probe = Pattern.compile("<pre id=\"probe\">(.*?)</pre>", Pattern.DOTALL).matcher(dom);
        assertTrue(probe.find(), "the probe did not run");
        List<String> lines = List.of(probe.group(1).split("\n"));
        assertEquals(List.of("legend accepted", "legend rejected", "legend initial"),
                lines.stream().filter(l -> l.startsWith("legend ")).toList(), "only the states the DAG shows");
        assertTrue(lines.stream().anyMatch(l -> l.matches("axis (\\d{3,}) federated round, then gossip step \\(at 3 \\+ step\\);  centralised baseline: epoch")),
                () -> "axis label not laid out: " + lines);
        assertTrue(lines.stream().anyMatch(l -> l.matches("start (\\d{3,}) from federated round 3 aggregate")), () -> "gossip start: " + lines);
        List<String> links = lines.stream().filter(l -> l.matches("link (\\d+) f3p[0-2] \u2192 gossip/initial")).toList();
        assertEquals(3, links.size(), () -> "one drawn edge per accepted round-3 update: " + lines);
        links.forEach(l -> assertTrue(Integer.parseInt(l.split(" ")[1]) >= 20, l));

        // The page as a reader sees it; the PNG is kept for docs/ when asked for.
        Path png = dir.resolve("session.png");
        chromium("--screenshot=" + png, "--window-size=1100,1480", "--hide-scrollbars", "--force-device-scale-factor=1", report.toUri().toString());
        BufferedImage img = ImageIO.read(png.toFile());
        assertTrue(count(img, DagSvg.colours(NodeStatus.INITIAL).fill()) > 500, "no start boxes painted");
        assertTrue(count(img, DagSvg.colours(NodeStatus.ACCEPTED).fill()) > 500, "no accepted boxes painted");
        if (!SCREENSHOT.isEmpty()) {
            Path out = Path.of(SCREENSHOT).toAbsolutePath();
            Files.createDirectories(out.getParent());
            Files.copy(png, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static long count(BufferedImage img, String hex) {
        int want = Integer.parseInt(hex.substring(1), 16);
        long n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if ((img.getRGB(x, y) & 0xFFFFFF) == want) n++;
            }
        }
        return n;
    }

    private String chromium(String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium-profile")));
        cmd.addAll(List.of(args));
        Path stdout = dir.resolve("chromium.out");
        Path stderr = dir.resolve("chromium.err");
        Process p = new ProcessBuilder(cmd).redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
        if (!p.waitFor(90, TimeUnit.SECONDS)) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 90 s: " + cmd);
        }
        assertEquals(0, p.exitValue(), () -> "chromium failed: " + read(stderr));
        return read(stdout);
    }

    private static String read(Path f) {
        try {
            return Files.readString(f, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e + ")";
        }
    }
}
