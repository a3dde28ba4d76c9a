package dln.bench.chaos;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * How long the session stood still after each kill: the longest gap between two consecutive
 * decided updates among the gaps that end after the kill and start before the next kill (or the
 * session's end, which closes the last gap). A gap that spans two kills counts for both. Compare
 * with {@link #typicalGap}: a federated round's decisions wait for its training, so gaps of
 * several seconds are normal without any kill.
 */
public final class Stalls {

    private Stalls() {
    }

    /** One stall per kill, in time order; {@code decisions} in any order. */
    public static List<Duration> afterEach(final List<Instant> kills, final List<Instant> decisions, final Instant end) {
        final List<Instant> points = new ArrayList<>(decisions.stream().filter(t -> t.isBefore(end)).sorted().toList());
        points.add(end);
        final List<Instant> k = kills.stream().sorted().toList();
        final List<Duration> out = new ArrayList<>();
        for (int i = 0; i < k.size(); i++) {
            final Instant kill = k.get(i);
            final Instant bound = i + 1 < k.size() ? k.get(i + 1) : end;
            Instant prev = kill;
            Duration longest = Duration.ZERO;
            for (final Instant t : points) {
                if (!t.isAfter(kill)) {
                    prev = t;
                } else if (prev.isBefore(bound)) {
                    longest = max(longest, Duration.between(prev, t));
                    prev = t;
                }
            }
            out.add(longest);
        }
        return out;
    }

    /** The median gap between consecutive decisions over the whole session; zero with fewer than two. */
    public static Duration typicalGap(final List<Instant> decisions) {
        final List<Instant> d = decisions.stream().sorted().toList();
        final List<Duration> gaps = new ArrayList<>();
        for (int i = 1; i < d.size(); i++) {
            gaps.add(Duration.between(d.get(i - 1), d.get(i)));
        }
        return gaps.isEmpty() ? Duration.ZERO : gaps.stream().sorted().toList().get(gaps.size() / 2);
    }

    private static Duration max(final Duration a, final Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
