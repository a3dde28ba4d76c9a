package dln.core.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A CSV table with a schema, checked and split: every missing or non-numeric cell is reported
 * at once by line and column; the table is then shuffled (seeded) into train, validation and test
 * exactly as {@link Splits#split} cuts, the {@link Preprocessing} is fitted on the training rows
 * alone, and all three splits go through it.
 */
public final class TabularData {
    /** Cells read as missing (compared ignoring case): empty, NA, N/A, NaN, null, ?. */
    private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null", "?");

    private TabularData() {
    }

    /**
     * A split with the preprocessing that produced it.
     *
     * @param split         the train, validation and test examples
     * @param preprocessing fitted on the training rows
     */
    public record Prepared(DataSplit split, Preprocessing preprocessing) {
    }

    /**
     * Checks, splits, fits on train and transforms.
     *
     * @throws CsvFormatException listing every missing value and bad cell by line and column
     */
    public static Prepared prepare(CsvTable table, CsvSchema schema, double validationFraction, double testFraction, long seed) {
        return prepare(table, schema, false, validationFraction, testFraction, seed);
    }

    /**
     * The same, for a classification ({@code regression} false: the target's values are classes)
     * or a regression (true: the target is a number, every cell checked as the numeric features'
     * are, and standardised with the training rows' statistics; see {@link Preprocessing}).
     */
    public static Prepared prepare(CsvTable table, CsvSchema schema, boolean regression, double validationFraction, double testFraction,
                                   long seed) {
        List<String> classes;
        if (regression) {
            checkCells(table, schema, true);
            classes = List.of();
        } else {
            classes = check(table, schema);
        }
        if (validationFraction < 0 || testFraction < 0 || validationFraction + testFraction >= 1) {
            throw new IllegalArgumentException("fractions must be >= 0 and sum below 1, got " + validationFraction + " + " + testFraction);
        }
        int n = table.size();
        int[] p = Shuffle.permutation(n, seed);
        int nTest = (int) Math.floor(n * testFraction);
        int nVal = (int) Math.floor(n * validationFraction);
        int nTrain = n - nVal - nTest;
        int[] train = Arrays.copyOfRange(p, 0, nTrain);
        Preprocessing pre = Preprocessing.fit(table, schema, classes, train);
        return new Prepared(new DataSplit(pre.apply(table, train), pre.apply(table, Arrays.copyOfRange(p, nTrain, nTrain + nVal)),
                pre.apply(table, Arrays.copyOfRange(p, nTrain + nVal, n))), pre);
    }

    /**
     * Checks every cell the schema uses and returns the classes (see {@link #classes}).
     *
     * @throws CsvFormatException listing every problem: {@code line N, column 'c': missing value}
     *                            or {@code ... 'x' is not a number}
     */
    public static List<String> check(CsvTable table, CsvSchema schema) {
        checkCells(table, schema, false);
        return classes(table, schema.target());
    }

    private static void checkCells(CsvTable table, CsvSchema schema, boolean numericTarget) {
        List<String> numericCols = new ArrayList<>(schema.numericColumns(table));
        if (numericTarget) {
            numericCols.add(schema.target());
        }
        if (schema.numericColumns(table).isEmpty() && schema.categorical().isEmpty()) {
            throw new CsvFormatException(List.of(table.source() + ": no feature columns besides the target '" + schema.target() + "'"));
        }
        int[] num = numericCols.stream().mapToInt(table::column).toArray();
        List<String> others = new ArrayList<>(schema.categorical());
        if (!numericTarget) {
            others.add(schema.target());
        }
        int[] oth = others.stream().mapToInt(table::column).toArray();
        List<String> problems = new ArrayList<>();
        for (int r = 0; r < table.size(); r++) {
            List<String> row = table.rows().get(r);
            int line = table.lines().get(r);
            for (int i = 0; i < num.length; i++) {
                String cell = row.get(num[i]);
                if (isMissing(cell)) {
                    problems.add("line " + line + ", column '" + numericCols.get(i) + "': missing value");
                } else if (Double.isNaN(number(cell))) {
                    problems.add("line " + line + ", column '" + numericCols.get(i) + "': '" + cell + "' is not a number");
                }
            }
            for (int i = 0; i < oth.length; i++) {
                if (isMissing(row.get(oth[i]))) {
                    problems.add("line " + line + ", column '" + others.get(i) + "': missing value");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new CsvFormatException(problems);
        }
    }

    /**
     * The target's classes over the whole table: when every value is a whole number from 0, the
     * numbers {@code 0..max} (so class k is the value k, even if some value is absent); otherwise
     * the distinct values sorted.
     */
    public static List<String> classes(CsvTable table, String target) {
        int c = table.column(target);
        TreeMap<Integer, String> ints = new TreeMap<>();
        TreeSet<String> all = new TreeSet<>();
        boolean integral = true;
        for (List<String> row : table.rows()) {
            String v = row.get(c);
            all.add(v);
            if (integral) {
                try {
                    int k = Integer.parseInt(v);
                    integral = k >= 0 && k < 256;
                    ints.put(k, v);
                } catch (NumberFormatException e) {
                    integral = false;
                }
            }
        }
        List<String> out = new ArrayList<>();
        if (integral) {
            for (int k = 0; k <= ints.lastKey(); k++) {
                out.add(ints.getOrDefault(k, Integer.toString(k)));
            }
        } else {
            out.addAll(all);
        }
        if (out.size() < 2 || out.size() > 256) {
            throw new CsvFormatException(List.of(table.source() + ": target '" + target + "' has " + out.size()
                    + " distinct value(s); a classification needs 2 to 256 classes (a numeric target is a regression)"));
        }
        return out;
    }

    /** Whether a cell is a missing value. */
    static boolean isMissing(String cell) {
        return MISSING.contains(cell.trim().toLowerCase(Locale.ROOT));
    }

    /** The cell as a finite number, or NaN. */
    static double number(String cell) {
        if (isMissing(cell)) {
            return Double.NaN;
        }
        try {
            double v = Double.parseDouble(cell);
            return Double.isFinite(v) ? v : Double.NaN;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
