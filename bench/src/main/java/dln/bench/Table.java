package dln.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The benchmarks' one table printer: a title, a header, aligned rows; first column left-aligned, the others right-aligned. */
public final class Table {
    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    /**
     * @param title the line above the table
     * @param header the column names; they set the number of columns
     */
    public Table(final String title, final String... header) {
        this.title = title;
        rows.add(header);
    }

    /** Adds a row; each cell is shown with {@code String.valueOf}. */
    public Table row(final Object... cells) {
        final String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = String.valueOf(cells[i]);
        }
        rows.add(r);
        return this;
    }

    /** The table as text, a blank line and its title first. */
    public String render() {
        final int cols = rows.get(0).length;
        final int[] w = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols && c < r.length; c++) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        final StringBuilder sb = new StringBuilder("\n== ").append(title).append(" ==\n");
        for (int i = 0; i < rows.size(); i++) {
            final String[] r = rows.get(i);
            for (int c = 0; c < cols; c++) {
                final String cell = c < r.length ? r[c] : "";
                sb.append(c == 0 ? String.format("%-" + w[c] + "s", cell) : String.format("  %" + w[c] + "s", cell));
            }
            sb.append('\n');
            if (i == 0) {
                int total = 0;
                for (int x : w) {
                    total += x + 2;
                }
                sb.append("-".repeat(total - 2)).append('\n');
            }
        }
        return sb.toString();
    }

    /** Prints {@link #render()} to standard output. */
    public void print() {
        System.out.print(render());
        System.out.flush();
    }

    /** A number formatted the same on every machine (Locale.ROOT: a point for decimals). */
    public static String f(final String fmt, final Object... a) {
        return String.format(Locale.ROOT, fmt, a);
    }
}
