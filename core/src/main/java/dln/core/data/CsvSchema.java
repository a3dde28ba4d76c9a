package dln.core.data;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Which columns of a CSV file are what: the target (the class to predict), the numeric features
 * (normalised to zero mean and unit variance with statistics of the training rows only) and the
 * categorical features (one-hot over the categories seen in the training rows). Columns named in
 * neither list are ignored, except that an empty numeric list means "every column that is not
 * the target, categorical or ignored".
 *
 * <p>Written on a command line as {@code target=<col>;numeric=<c1>,<c2>;categorical=<c3>;ignore=<c4>},
 * every part but the target optional, e.g. {@code target=diagnosis;categorical=sex,smoker}.
 *
 * @param target      the target column
 * @param numeric     numeric feature columns, in feature order; empty: all remaining columns
 * @param categorical categorical feature columns, one-hot after the numeric features
 * @param ignore      columns left out (an identifier, a free-text note)
 */
public record CsvSchema(String target, List<String> numeric, List<String> categorical, List<String> ignore) {
    public CsvSchema {
        Objects.requireNonNull(target, "target");
        if (target.isBlank()) {
            throw new IllegalArgumentException("schema: the target column has no name");
        }
        numeric = List.copyOf(numeric);
        categorical = List.copyOf(categorical);
        ignore = List.copyOf(ignore);
        Set<String> seen = new LinkedHashSet<>();
        seen.add(target);
        for (List<String> part : List.of(numeric, categorical, ignore)) {
            for (String c : part) {
                if (!seen.add(c)) {
                    throw new IllegalArgumentException("schema: column '" + c + "' is named twice (target, numeric, categorical and ignore are disjoint)");
                }
            }
        }
    }

    /** Target {@code target}, every other column numeric. */
    public static CsvSchema numeric(String target) {
        return new CsvSchema(target, List.of(), List.of(), List.of());
    }

    /**
     * Parses the command-line form (see the class comment).
     *
     * @throws IllegalArgumentException naming the part that is wrong
     */
    public static CsvSchema parse(String text) {
        String target = null;
        List<String> numeric = List.of();
        List<String> categorical = List.of();
        List<String> ignore = List.of();
        for (String part : text.split(";")) {
            if (part.isBlank()) {
                continue;
            }
            int eq = part.indexOf('=');
            if (eq < 0) {
                throw new IllegalArgumentException("schema part '" + part.trim() + "' is not key=value (keys: target, numeric, categorical, ignore)");
            }
            String key = part.substring(0, eq).trim().toLowerCase(Locale.ROOT);
            List<String> cols = columns(part.substring(eq + 1));
            switch (key) {
                case "target" -> {
                    if (cols.size() != 1) {
                        throw new IllegalArgumentException("schema: target names one column, got '" + part.substring(eq + 1).trim() + "'");
                    }
                    target = cols.get(0);
                }
                case "numeric" -> numeric = cols;
                case "categorical" -> categorical = cols;
                case "ignore" -> ignore = cols;
                default -> throw new IllegalArgumentException("schema: unknown key '" + key + "' (keys: target, numeric, categorical, ignore)");
            }
        }
        if (target == null) {
            throw new IllegalArgumentException("schema '" + text + "' names no target column (target=<column>)");
        }
        return new CsvSchema(target, numeric, categorical, ignore);
    }

    /**
     * The numeric columns for {@code table}: the named ones, or all that are not otherwise named.
     *
     * @throws CsvFormatException when a named column is not in the header
     */
    public List<String> numericColumns(CsvTable table) {
        List<String> missing = new ArrayList<>();
        for (String c : concat(List.of(target), numeric, categorical, ignore)) {
            if (table.column(c) < 0) {
                missing.add(c);
            }
        }
        if (!missing.isEmpty()) {
            throw new CsvFormatException(List.of(table.source() + ": header has no column" + (missing.size() == 1 ? " '" : "s '")
                    + String.join("', '", missing) + "' (columns: " + String.join(", ", table.header()) + ")"));
        }
        if (!numeric.isEmpty()) {
            return numeric;
        }
        List<String> rest = new ArrayList<>(table.header());
        rest.remove(target);
        rest.removeAll(categorical);
        rest.removeAll(ignore);
        return List.copyOf(rest);
    }

    private static List<String> concat(List<String> a, List<String> b, List<String> c, List<String> d) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        all.addAll(c);
        all.addAll(d);
        return all;
    }

    private static List<String> columns(String list) {
        List<String> out = new ArrayList<>();
        for (String c : list.split(",")) {
            if (!c.isBlank()) {
                out.add(c.trim());
            }
        }
        return out;
    }
}
