package dln.core.data;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Loads users' numeric CSV files: a header line naming the columns, one of which is the label
 * column (an integer class in [0, numClasses)); every other column is a float feature. All bad rows
 * are reported at once, by line number, rather than failing at the first.
 */
public final class CsvDatasets {
    private CsvDatasets() {
    }

    /** Loads a CSV file; see {@link #read(Reader, String, int)}. */
    public static Dataset load(Path file, String labelColumn, int numClasses) throws IOException {
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, labelColumn, numClasses);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new DatasetFormatException(file + " is not UTF-8 text (a binary file, or another encoding?); save it as a UTF-8 CSV with a header row");
        }
    }

    /**
     * Parses CSV text.
     *
     * @throws CsvFormatException listing the header problem or every bad row by line number
     */
    public static Dataset read(Reader reader, String labelColumn, int numClasses) throws IOException {
        BufferedReader in = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        String headerLine = in.readLine();
        if (headerLine == null || headerLine.isBlank()) {
            throw new CsvFormatException(List.of("line 1: empty file, expected a header naming the columns"));
        }
        String[] header = split(stripBom(headerLine));
        int labelIdx = headerIndex(header, labelColumn);
        int nf = header.length - 1;
        if (nf < 1) {
            throw new CsvFormatException(List.of("line 1: no feature columns besides '" + labelColumn + "'"));
        }
        List<String> problems = new ArrayList<>();
        FloatRows rows = new FloatRows(nf);
        String line;
        int lineNo = 1;
        float[] row = new float[nf];
        while ((line = in.readLine()) != null) {
            lineNo++;
            if (line.isBlank()) {
                continue;
            }
            String[] cells = split(line);
            if (cells.length != header.length) {
                problems.add("line " + lineNo + ": expected " + header.length + " fields, got " + cells.length);
                continue;
            }
            boolean ok = true;
            int label = -1;
            int f = 0;
            for (int c = 0; c < cells.length; c++) {
                String cell = cells[c];
                if (c == labelIdx) {
                    try {
                        label = Integer.parseInt(cell);
                    } catch (NumberFormatException e) {
                        label = -1;
                    }
                    if (label < 0 || label >= numClasses) {
                        problems.add("line " + lineNo + ": label '" + cell + "' is not an integer in [0, " + numClasses + ")");
                        ok = false;
                    }
                    continue;
                }
                try {
                    float v = Float.parseFloat(cell);
                    if (!Float.isFinite(v)) {
                        throw new NumberFormatException();
                    }
                    row[f++] = v;
                } catch (NumberFormatException e) {
                    problems.add("line " + lineNo + ": column '" + header[c] + "' value '" + cell + "' is not a finite number");
                    ok = false;
                    f++;
                }
            }
            if (ok) {
                rows.add(row, label);
            }
        }
        if (!problems.isEmpty()) {
            throw new CsvFormatException(problems);
        }
        if (rows.size() == 0) {
            throw new CsvFormatException(List.of("line " + lineNo + ": no data rows after the header"));
        }
        return new Dataset(rows.features(), rows.labels(), nf, numClasses);
    }

    private static int headerIndex(String[] header, String labelColumn) {
        Set<String> seen = new HashSet<>();
        int idx = -1;
        for (int c = 0; c < header.length; c++) {
            if (header[c].isEmpty()) {
                throw new CsvFormatException(List.of("line 1: column " + (c + 1) + " has an empty name"));
            }
            if (!seen.add(header[c])) {
                throw new CsvFormatException(List.of("line 1: duplicate column name '" + header[c] + "'"));
            }
            if (header[c].equals(labelColumn)) {
                idx = c;
            }
        }
        if (idx < 0) {
            throw new CsvFormatException(List.of("line 1: header has no label column '" + labelColumn
                    + "' (columns: " + String.join(", ", header) + ")"));
        }
        return idx;
    }

    private static String[] split(String line) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cells[i].trim();
        }
        return cells;
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }

    /** Growable row store. */
    private static final class FloatRows {
        private final int width;
        private float[] f = new float[1024];
        private int[] l = new int[64];
        private int n;

        FloatRows(int width) {
            this.width = width;
            this.f = new float[64 * width];
        }

        void add(float[] row, int label) {
            if (n == l.length) {
                l = java.util.Arrays.copyOf(l, n * 2);
                f = java.util.Arrays.copyOf(f, n * 2 * width);
            }
            System.arraycopy(row, 0, f, n * width, width);
            l[n++] = label;
        }

        int size() {
            return n;
        }

        float[] features() {
            return java.util.Arrays.copyOf(f, n * width);
        }

        int[] labels() {
            return java.util.Arrays.copyOf(l, n);
        }
    }
}
