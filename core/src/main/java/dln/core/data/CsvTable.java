package dln.core.data;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A CSV file as text cells: a header row naming the columns, then one row of cells per
 * non-blank line, each with its line number so that every later problem can name it.
 *
 * <p>The reader is small and hand-written: no CSV library (commons-csv or another) is among the
 * project's dependencies or in the offline Maven cache, and what is needed is little: comma
 * separators, double-quoted fields with {@code ""} for a quote (RFC 4180), a UTF-8 BOM, CRLF or LF
 * line ends. A quoted field cannot span lines. The bytes are decoded as strict UTF-8: the first
 * invalid byte is reported as one line naming the file, the line and the byte
 * ({@link CsvEncodingException}).
 *
 * @param source the file's name for messages
 * @param header column names, unique and non-empty
 * @param rows   the cells of each data row, {@code header.size()} of them, trimmed
 * @param lines  the 1-based line number of each row
 */
public record CsvTable(String source, List<String> header, List<List<String>> rows, List<Integer> lines) {
    public CsvTable {
        Objects.requireNonNull(source, "source");
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        lines = List.copyOf(lines);
        if (rows.size() != lines.size()) {
            throw new IllegalArgumentException(rows.size() + " rows but " + lines.size() + " line numbers");
        }
    }

    /** Reads and parses a file; its path (as given) names it in messages. */
    public static CsvTable read(Path file) throws IOException {
        return parse(Files.readAllBytes(file), file.toString());
    }

    /**
     * Parses CSV bytes.
     *
     * @throws CsvEncodingException at the first byte that is not UTF-8
     * @throws CsvFormatException   for a bad header, or listing every row with the wrong field count or a bad quote
     */
    public static CsvTable parse(byte[] bytes, String source) {
        List<String> text = decodeLines(bytes, source);
        int first = 0;
        while (first < text.size() && text.get(first).isBlank()) {
            first++;
        }
        if (first == text.size()) {
            throw new CsvFormatException(List.of(source + ": empty file, expected a header naming the columns"));
        }
        List<String> problems = new ArrayList<>();
        List<String> header = split(stripBom(text.get(first)), first + 1, problems);
        if (!problems.isEmpty()) {
            throw new CsvFormatException(problems);
        }
        checkHeader(header, first + 1);
        List<List<String>> rows = new ArrayList<>();
        List<Integer> lines = new ArrayList<>();
        for (int i = first + 1; i < text.size(); i++) {
            String line = text.get(i);
            if (line.isBlank()) {
                continue;
            }
            List<String> cells = split(line, i + 1, problems);
            if (cells == null) {
                continue;
            }
            if (cells.size() != header.size()) {
                problems.add("line " + (i + 1) + ": expected " + header.size() + " fields, got " + cells.size());
                continue;
            }
            rows.add(cells);
            lines.add(i + 1);
        }
        if (!problems.isEmpty()) {
            throw new CsvFormatException(problems);
        }
        if (rows.isEmpty()) {
            throw new CsvFormatException(List.of(source + ": no data rows after the header"));
        }
        return new CsvTable(source, header, rows, lines);
    }

    /** Number of data rows. */
    public int size() {
        return rows.size();
    }

    /** Index of column {@code name}, or -1. */
    public int column(String name) {
        return header.indexOf(name);
    }

    /** Splits the file into lines (LF or CRLF), decoding strictly; the first bad byte ends the parse. */
    private static List<String> decodeLines(byte[] bytes, String source) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        List<String> lines = new ArrayList<>();
        int start = 0;
        int lineNo = 1;
        for (int i = 0; i <= bytes.length; i++) {
            if (i < bytes.length && bytes[i] != '\n') {
                continue;
            }
            int end = i > start && bytes[i - 1] == '\r' ? i - 1 : i;
            if (i < bytes.length || end > start) {
                lines.add(decode(dec, bytes, start, end, source, lineNo));
            }
            start = i + 1;
            lineNo++;
        }
        return lines;
    }

    private static String decode(CharsetDecoder dec, byte[] bytes, int from, int to, String source, int lineNo) {
        ByteBuffer in = ByteBuffer.wrap(bytes, from, to - from);
        CharBuffer out = CharBuffer.allocate(to - from);
        dec.reset();
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            int at = in.position();
            throw new CsvEncodingException(source, lineNo, at - from + 1, at, bytes[at]);
        }
        return out.flip().toString();
    }

    /** The cells of one line, or null (with a problem added) when a quote is unbalanced. */
    private static List<String> split(String line, int lineNo, List<String> problems) {
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == ',') {
                cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
                cell.setLength(0);
                wasQuoted = false;
            } else if (c == '"' && cell.toString().isBlank()) {
                quoted = true;
                wasQuoted = true;
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        if (quoted) {
            problems.add("line " + lineNo + ": a quoted field is not closed (a quoted field cannot span lines)");
            return null;
        }
        cells.add(wasQuoted ? cell.toString() : cell.toString().trim());
        return cells;
    }

    private static void checkHeader(List<String> header, int lineNo) {
        Set<String> seen = new HashSet<>();
        for (int c = 0; c < header.size(); c++) {
            String name = header.get(c);
            if (name.isEmpty()) {
                throw new CsvFormatException(List.of("line " + lineNo + ": column " + (c + 1) + " has an empty name"));
            }
            if (!seen.add(name)) {
                throw new CsvFormatException(List.of("line " + lineNo + ": duplicate column name '" + name + "'"));
            }
        }
    }

    private static String stripBom(String s) {
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
