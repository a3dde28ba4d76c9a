package dln.bench.chaos;

import dln.api.view.UpdateView;
import dln.bench.Table;
import dln.session.demo.SessionConfig;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The chaos bench's tables: every kill, kills per kind, the session, and the loss checks. */
final class ChaosReport {

    private ChaosReport() {
    }

    static void print(final Instant t0, final List<Kill> kills, final List<Duration> stalls, final List<String> kinds, final List<UpdateView> updates,
            final List<Instant> decided, final SessionConfig config, final ClientSession.Result result, final Duration took,
            final List<LossChecks.Check> checks) {
        final Table each = new Table("chaos: every kill", "#", "at (s)", "process", "back after (s)", "stall (s)");
        for (int i = 0; i < kills.size(); i++) {
            final Kill k = kills.get(i);
            each.row(i + 1, secs(Duration.between(t0, k.at())), k.process(), k.workDone() ? "work done" : k.restartedAfter() == null ? "never"
                    : secs(k.restartedAfter()), secs(stalls.get(i)));
        }
        each.print();

        final Table perKind = new Table("chaos: kills per kind", "kind", "kills", "back (or done)", "restart max (s)", "stall max (s)", "stall median (s)");
        for (final String kind : kinds) {
            final List<Integer> idx = java.util.stream.IntStream.range(0, kills.size()).filter(i -> kills.get(i).kind().equals(kind)).boxed().toList();
            final List<Duration> st = idx.stream().map(stalls::get).sorted().toList();
            perKind.row(kind, idx.size(), idx.stream().filter(i -> kills.get(i).recovered()).count(),
                    idx.stream().map(i -> kills.get(i).restartedAfter()).filter(java.util.Objects::nonNull).max(Duration::compareTo).map(ChaosReport::secs).orElse("-"),
                    st.isEmpty() ? "-" : secs(st.get(st.size() - 1)), st.isEmpty() ? "-" : secs(st.get(st.size() / 2)));
        }
        perKind.row("all", kills.size(), kills.stream().filter(Kill::recovered).count(), "",
                stalls.stream().max(Duration::compareTo).map(ChaosReport::secs).orElse("-"),
                stalls.isEmpty() ? "-" : secs(stalls.stream().sorted().toList().get(stalls.size() / 2)));
        perKind.print();

        final Table session = new Table("chaos: the session", "what", "value");
        session.row("session time (s)", secs(took));
        session.row("provider processes", config.providers());
        session.row("federated rounds (closed / asked)", result == null ? "-" : result.roundsClosed() + " / " + config.rounds());
        session.row("gossip updates (made / asked)", result == null ? "-" : result.gossipUpdates() + " / " + config.gossipSteps() * config.providers());
        session.row("updates submitted", updates.size());
        session.row("updates accepted", updates.stream().filter(UpdateView::accepted).count());
        session.row("updates rejected", updates.stream().filter(u -> !u.accepted() && !u.pending()).count());
        session.row("typical gap between decisions (s, median)", secs(Stalls.typicalGap(decided)));
        session.print();

        final Table loss = new Table("chaos: nothing lost, nothing duplicated", "check", "checked", "missed", "result");
        for (final LossChecks.Check c : checks) {
            loss.row(c.name(), c.checked(), c.missed(), c.ok() ? "ok" : "MISSED " + String.join("; ", c.examples()));
        }
        loss.print();
    }

    private static String secs(final Duration d) {
        return Table.f("%.1f", d.toMillis() / 1000.0);
    }
}
