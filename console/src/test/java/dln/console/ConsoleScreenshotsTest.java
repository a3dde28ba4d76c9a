package dln.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dln.api.view.RoundView;
import dln.api.view.UpdateView;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The screenshots of docs/console.md: a federated model of three rounds and a gossip model of a
 * dozen steps on the in-process ledger, each page rendered by headless Chromium. Runs only when
 * asked, with the directory to write to:
 * {@code mvn -pl console -am test -Dtest=ConsoleScreenshotsTest -Dsurefire.failIfNoSpecifiedTests=false -Ddln.console.screenshots=$PWD/docs/console}
 */
class ConsoleScreenshotsTest {

    @Test
    void everyPageRendersInChromium() throws Exception {
        final String dir = System.getProperty("dln.console.screenshots");
        Assumptions.assumeTrue(dir != null && !dir.isBlank(), "screenshots only when -Ddln.console.screenshots=DIR is given");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/chromium")), "Debian's chromium is not installed");
        final InProcessMembers net = new InProcessMembers();
        final String federated = federated(net);
        final String gossip = gossip(net);
        final UpdateView rejected = net.as("org1/User1").listUpdates(federated, 0, dln.api.UpdateStatus.REJECTED).get(0);
        try (ConsoleServer console = ConsoleServer.start(net.as("org3/User1"), "127.0.0.1", 0)) {
            final String base = "http://127.0.0.1:" + console.port();
            final Map<String, String> pages = new LinkedHashMap<>();
            pages.put("models", "/");
            pages.put("model-federated", "/models/" + federated);
            pages.put("model-gossip", "/models/" + gossip);
            pages.put("dag", "/models/" + gossip + "/dag");
            pages.put("timing", "/models/" + federated + "/timing");
            pages.put("update", "/updates/" + rejected.id());
            pages.put("identities", "/identities");
            pages.put("record", "/ledger/update/" + rejected.id());
            pages.put("not-found", "/models/m-0123456789abcdef0123456789abcdef");
            Files.createDirectories(Path.of(dir));
            for (Map.Entry<String, String> p : pages.entrySet()) {
                final Path png = Path.of(dir, p.getKey() + ".png");
                Files.deleteIfExists(png);
                // No virtual-time budget: it waits for the network to go idle, which a page's event stream never does.
                final Process chromium = new ProcessBuilder("chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                        "--user-data-dir=" + Files.createTempDirectory("console-chromium"), "--force-device-scale-factor=1",
                        "--window-size=1280,900", "--screenshot=" + png, base + p.getValue())
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                try {
                    assertTrue(chromium.waitFor(90, TimeUnit.SECONDS), "chromium took too long on " + p.getValue());
                } finally {
                    chromium.destroyForcibly();
                }
                assertEquals(0, chromium.exitValue(), "chromium failed on " + p.getValue());
                assertTrue(Files.size(png) > 10_000, p.getKey() + ".png was written");
            }
        }
    }

    /** Three rounds of four providers; one update per round rejected with a reason, aggregates recorded. */
    private static String federated(final InProcessMembers net) {
        final String model = net.publishAndOpen("mnist-mlp federated", "federated");
        final List<String> providers = List.of("org1/User3", "org2/User3", "org3/User3", "org1/User4");
        for (int round = 1; round <= 3; round++) {
            final List<String> parents = net.as("org1/User1").getRound(model, round).parents();
            final List<UpdateView> in = new ArrayList<>();
            for (String p : providers) {
                in.add(net.submit(p, model, parents, round));
            }
            for (int i = 0; i < in.size(); i++) {
                final boolean bad = i == round % in.size();
                final double base = 0.80 + 0.04 * round + 0.005 * i;
                net.score(in.get(i).id(), bad ? 0.11 : base, bad ? 0.09 : base + 0.004, bad ? "sanity: update norm 48.2 is above the limit 10.0" : null);
            }
            final RoundView r = net.as("org1/User1").getRound(model, round);
            assertTrue(r.closed(), "round " + round + " closed by quorum");
            net.as("org1/User3").recordAggregate(model, round, net.cid());
        }
        return model;
    }

    /** Twelve gossip steps, each on the best one or two accepted updates so far. */
    private static String gossip(final InProcessMembers net) {
        final String model = net.publishAndOpen("mnist-mlp gossip", "gossip");
        final List<String> providers = List.of("org1/User5", "org2/User5", "org3/User5");
        final List<String> accepted = new ArrayList<>();
        for (int step = 0; step < 12; step++) {
            final List<String> parents = accepted.isEmpty() ? List.of(UpdateView.INITIAL)
                    : accepted.subList(Math.max(0, accepted.size() - 2), accepted.size());
            final UpdateView u = net.submit(providers.get(step % 3), model, List.copyOf(parents), 0);
            final boolean bad = step % 5 == 4;
            final double score = 0.82 + 0.01 * step;
            net.score(u.id(), bad ? 0.2 : score, bad ? 0.25 : score + 0.003, bad ? "sanity: accuracy below the parent's by 0.61" : null);
            if (!bad) {
                accepted.add(u.id());
            }
        }
        return model;
    }
}
