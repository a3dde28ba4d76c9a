package dln.bench.chaos;

/** {@code --kill-every MIN-MAX}: seconds between two kills. */
final class KillInterval {

    private KillInterval() {
    }

    /** {min, max} in seconds; IllegalArgumentException names what is wrong. */
    static long[] parse(final String text) {
        final String[] p = text.trim().split("-", -1);
        try {
            final long min = Long.parseLong(p[0].trim());
            final long max = p.length == 1 ? min : Long.parseLong(p[1].trim());
            if (p.length > 2 || min < 1 || max < min || max > 3600) {
                throw new NumberFormatException();
            }
            return new long[] {min, max};
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--kill-every must be MIN-MAX seconds with 1 <= MIN <= MAX <= 3600 (e.g. 20-40), got '" + text + "'");
        }
    }
}
