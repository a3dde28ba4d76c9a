package dln.core.data;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * How a CSV table becomes model input: the class of each target value, the statistics that
 * normalise each numeric column, and the category map of each categorical column. It is fitted
 * once, on the training rows only ({@link #fit}), and then applied unchanged to every row of
 * every split, so nothing about the validation or test rows leaks into the features. It is part
 * of the training recipe: its JSON form ({@link #toJson}) is what a publisher would put beside
 * the model so that every provider and committee member applies the same transformation.
 *
 * <p>Feature layout: the numeric columns in order, each {@code (value - mean) / scale}; then each
 * categorical column one-hot over its categories (a category not seen in training is all zeros).
 *
 * <p><b>Regression.</b> A numeric target ({@link CsvSchema} and {@link TabularData} decide which)
 * has no classes ({@code classes} empty) and a {@code regressionTarget}: the target column's
 * training mean and standard deviation. The examples' float targets are standardised with them,
 * {@code (y - mean) / scale}, like a numeric feature, so a model starts near its optimum's scale
 * and every error the committee measures is in units of the target's training standard deviation
 * (an RMSE of 1 is about what predicting the training mean scores); {@link #targetUnits} turns
 * such an error back into the target's unit.
 *
 * <p>An image folder's preprocessing ({@link #images}) has no columns: its {@code classes} are the
 * class folders' names (the class list every provider labels its folders with) and its {@code image}
 * the size every image is resized to, read as {@link ImageFolder} says.
 *
 * @param target           the target column ({@value #IMAGE_TARGET} for an image folder)
 * @param classes          target values in class order: class {@code k} is {@code classes.get(k)}; empty for a regression
 * @param numeric          the numeric columns with their training statistics
 * @param categorical      the categorical columns with their training categories
 * @param image            for an image folder, the input every image becomes; null for a table
 * @param regressionTarget a regression's target statistics; null for a classification
 */
public record Preprocessing(String target, List<String> classes, List<NumericColumn> numeric, List<CategoricalColumn> categorical,
                            ImageFolder.Shape image, NumericColumn regressionTarget) {
    /** The target of an image folder's preprocessing: the class is the folder an image is in. */
    public static final String IMAGE_TARGET = "folder";

    private static final Gson GSON = new GsonBuilder().disableHtmlEscaping().setPrettyPrinting().create();

    /**
     * A numeric column: its feature is {@code (value - mean) / scale}.
     *
     * @param name  column name
     * @param mean  mean over the training rows
     * @param scale population standard deviation over the training rows (1 when that is 0)
     */
    public record NumericColumn(String name, double mean, double scale) {
        public NumericColumn {
            Objects.requireNonNull(name, "name");
            if (!Double.isFinite(mean) || !(scale > 0) || !Double.isFinite(scale)) {
                throw new IllegalArgumentException("column '" + name + "': mean " + mean + " and scale " + scale + " must be finite, scale > 0");
            }
        }
    }

    /**
     * A categorical column, one-hot over {@code categories} (sorted).
     *
     * @param name       column name
     * @param categories the values seen in the training rows
     */
    public record CategoricalColumn(String name, List<String> categories) {
        public CategoricalColumn {
            Objects.requireNonNull(name, "name");
            categories = List.copyOf(categories);
        }
    }

    public Preprocessing {
        Objects.requireNonNull(target, "target");
        classes = List.copyOf(classes);
        numeric = List.copyOf(numeric);
        categorical = List.copyOf(categorical);
        if (regressionTarget == null && (classes.size() < 2 || classes.size() > 256)) {
            throw new IllegalArgumentException("target '" + target + "' has " + classes.size() + " classes; a classification needs 2 to 256");
        }
        if (regressionTarget != null && (!classes.isEmpty() || !regressionTarget.name().equals(target))) {
            throw new IllegalArgumentException("a regression target '" + target + "' has no classes and its statistics name it, got "
                    + classes + " and '" + regressionTarget.name() + "'");
        }
        if (image != null && (!numeric.isEmpty() || !categorical.isEmpty() || regressionTarget != null)) {
            throw new IllegalArgumentException("an image folder's preprocessing has no numeric or categorical columns and no regression target");
        }
        if (image == null && numeric.isEmpty() && categorical.stream().allMatch(c -> c.categories().isEmpty())) {
            throw new IllegalArgumentException("no feature columns besides the target '" + target + "'");
        }
    }

    /** A table's classification preprocessing. */
    public Preprocessing(String target, List<String> classes, List<NumericColumn> numeric, List<CategoricalColumn> categorical) {
        this(target, classes, numeric, categorical, null, null);
    }

    /** A table's preprocessing: a classification when {@code regressionTarget} is null. */
    public Preprocessing(String target, List<String> classes, List<NumericColumn> numeric, List<CategoricalColumn> categorical,
                         NumericColumn regressionTarget) {
        this(target, classes, numeric, categorical, null, regressionTarget);
    }

    /** An image folder's: its classes (the sorted class folder names) and the input its images are resized to. */
    public static Preprocessing images(List<String> classes, ImageFolder.Shape image) {
        return new Preprocessing(IMAGE_TARGET, classes, List.of(), List.of(), java.util.Objects.requireNonNull(image, "image"), null);
    }

    /** True when the target is a number to regress. */
    public boolean regression() {
        return regressionTarget != null;
    }

    /** An error measured on standardised targets (RMSE, MAE) in the target's unit: times the training standard deviation. */
    public double targetUnits(double standardisedError) {
        return regressionTarget == null ? standardisedError : standardisedError * regressionTarget.scale();
    }

    /**
     * Fits the statistics and category maps on {@code trainRows} of {@code table}. The table must
     * have passed {@link TabularData#check}; {@code classes} come from the whole table (which
     * classes exist is part of the problem, not a statistic); empty classes make a regression,
     * whose target's statistics are fitted on the training rows like a numeric column's.
     */
    public static Preprocessing fit(CsvTable table, CsvSchema schema, List<String> classes, int[] trainRows) {
        if (trainRows.length == 0) {
            throw new IllegalArgumentException("no training rows to fit the normalisation on");
        }
        List<NumericColumn> num = new ArrayList<>();
        for (String name : schema.numericColumns(table)) {
            num.add(numericColumn(table, name, trainRows));
        }
        List<CategoricalColumn> cat = new ArrayList<>();
        for (String name : schema.categorical()) {
            int c = table.column(name);
            TreeSet<String> seen = new TreeSet<>();
            for (int r : trainRows) {
                seen.add(table.rows().get(r).get(c));
            }
            cat.add(new CategoricalColumn(name, new ArrayList<>(seen)));
        }
        return new Preprocessing(schema.target(), classes, num, cat,
                classes.isEmpty() ? numericColumn(table, schema.target(), trainRows) : null);
    }

    private static NumericColumn numericColumn(CsvTable table, String name, int[] trainRows) {
        int c = table.column(name);
        double sum = 0;
        for (int r : trainRows) {
            sum += Double.parseDouble(table.rows().get(r).get(c));
        }
        double mean = sum / trainRows.length;
        double sq = 0;
        for (int r : trainRows) {
            double d = Double.parseDouble(table.rows().get(r).get(c)) - mean;
            sq += d * d;
        }
        double std = Math.sqrt(sq / trainRows.length);
        return new NumericColumn(name, mean, std > 1e-12 ? std : 1.0);
    }

    /** Features per example after this preprocessing. */
    public int numFeatures() {
        if (image != null) {
            return image.size();
        }
        return numeric.size() + categorical.stream().mapToInt(c -> c.categories().size()).sum();
    }

    /**
     * The examples of {@code rows} of {@code table} (a table with the same columns as the one
     * fitted on).
     *
     * @throws CsvFormatException naming the line and column of every cell that does not fit
     */
    public Dataset apply(CsvTable table, int[] rows) {
        if (image != null) {
            throw new IllegalArgumentException(table.source() + ": the model's recipe reads image folders (classes " + classes
                    + "), not a CSV; give images:<folder>");
        }
        int nf = numFeatures();
        int[] numIdx = numeric.stream().mapToInt(n -> table.column(n.name())).toArray();
        int[] catIdx = categorical.stream().mapToInt(n -> table.column(n.name())).toArray();
        int targetIdx = table.column(target);
        List<String> problems = new ArrayList<>();
        List<String> absent = new ArrayList<>();
        if (targetIdx < 0) {
            absent.add(target);
        }
        for (int i = 0; i < numIdx.length; i++) {
            if (numIdx[i] < 0) {
                absent.add(numeric.get(i).name());
            }
        }
        for (int i = 0; i < catIdx.length; i++) {
            if (catIdx[i] < 0) {
                absent.add(categorical.get(i).name());
            }
        }
        if (!absent.isEmpty()) {
            throw new CsvFormatException(List.of(table.source() + ": header lacks column(s) '" + String.join("', '", absent) + "'"));
        }
        float[] f = new float[rows.length * nf];
        int[] labels = new int[rows.length];
        float[] targets = new float[rows.length];
        for (int k = 0; k < rows.length; k++) {
            List<String> row = table.rows().get(rows[k]);
            int line = table.lines().get(rows[k]);
            if (regressionTarget != null) {
                String cell = row.get(targetIdx);
                double y = TabularData.number(cell);
                if (Double.isNaN(y)) {
                    problems.add("line " + line + ", column '" + target + "': "
                            + (TabularData.isMissing(cell) ? "missing value" : "'" + cell + "' is not a number"));
                }
                targets[k] = (float) ((y - regressionTarget.mean()) / regressionTarget.scale());
            } else {
                int label = classes.indexOf(row.get(targetIdx));
                if (label < 0) {
                    problems.add("line " + line + ", column '" + target + "': '" + row.get(targetIdx) + "' is not one of the classes " + classes);
                }
                labels[k] = Math.max(label, 0);
            }
            int o = k * nf;
            for (int i = 0; i < numIdx.length; i++) {
                String cell = row.get(numIdx[i]);
                double v = TabularData.number(cell);
                if (Double.isNaN(v)) {
                    problems.add("line " + line + ", column '" + numeric.get(i).name() + "': "
                            + (TabularData.isMissing(cell) ? "missing value" : "'" + cell + "' is not a number"));
                }
                f[o++] = (float) ((v - numeric.get(i).mean()) / numeric.get(i).scale());
            }
            for (int i = 0; i < catIdx.length; i++) {
                List<String> cats = categorical.get(i).categories();
                int at = cats.indexOf(row.get(catIdx[i]));
                if (at >= 0) {
                    f[o + at] = 1f;
                }
                o += cats.size();
            }
        }
        if (!problems.isEmpty()) {
            throw new CsvFormatException(problems);
        }
        return regressionTarget != null ? Dataset.regression(f, targets, nf) : new Dataset(f, labels, nf, classes.size());
    }

    /** Every row of {@code table}. */
    public Dataset apply(CsvTable table) {
        int[] all = new int[table.size()];
        for (int i = 0; i < all.length; i++) {
            all[i] = i;
        }
        return apply(table, all);
    }

    /** The JSON form (the recipe's preprocessing). */
    public String toJson() {
        return GSON.toJson(this);
    }

    /**
     * Parses {@link #toJson}'s form.
     *
     * @throws IllegalArgumentException on malformed JSON or invalid values
     */
    public static Preprocessing fromJson(String json) {
        try {
            Preprocessing p = GSON.fromJson(json, Preprocessing.class);
            if (p == null) {
                throw new IllegalArgumentException("empty preprocessing JSON");
            }
            return p;
        } catch (JsonParseException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new IllegalArgumentException("invalid preprocessing JSON: " + root.getMessage(), e);
        }
    }
}
