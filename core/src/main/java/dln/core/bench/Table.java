package dln.core.bench;

import java.util.ArrayList;
import java.util.List;

/** Prints an aligned text table: first column left-aligned, the others right-aligned. */
final class Table {
    private final String title;
    private final List<String[]> rows = new ArrayList<>();

    Table(String title, String... header) {
        this.title = title;
        rows.add(header);
    }

    Table row(Object... cells) {
        String[] r = new String[cells.length];
        for (int i = 0; i < cells.length; i++) {
            r[i] = String.valueOf(cells[i]);
        }
        rows.add(r);
        return this;
    }

    void print() {
        int cols = rows.get(0).length;
        int[] w = new int[cols];
        for (String[] r : rows) {
            for (int c = 0; c < cols && c < r.length; c++) {
                w[c] = Math.max(w[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder("\n== ").append(title).append(" ==\n");
        for (int i = 0; i < rows.size(); i++) {
            String[] r = rows.get(i);
            for (int c = 0; c < cols; c++) {
                String cell = c < r.length ? r[c] : "";
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
        System.out.print(sb);
        System.out.flush();
    }

    static String f(String fmt, Object... a) {
        return String.format(fmt, a);
    }
}
