package dln.core.data;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The small real datasets that the scikit-learn wheel ships as files under
 * {@code sklearn/datasets/data/}, as {@link SklearnWheel} extracts them into the data cache: one
 * UTF-8 CSV each, with a header row and the target in the last column, {@code target}.
 */
public enum SklearnDataset {
    /** Wisconsin diagnostic breast cancer: 569 records, 30 numeric features, 2 classes (0 malignant, 1 benign). */
    BREAST_CANCER("breast-cancer", 569, breastCancerColumns(), true),
    /** Handwritten digits: 1,797 images of 8x8 pixels with values 0..16, 10 classes. */
    DIGITS("digits", 1797, digitColumns(), true),
    /** Diabetes progression: 442 records, 10 features, a numeric target (regression). */
    DIABETES("diabetes", 442, List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"), false);

    private final String id;
    private final int records;
    private final List<String> features;
    private final boolean classification;

    SklearnDataset(String id, int records, List<String> features, boolean classification) {
        this.id = id;
        this.records = records;
        this.features = List.copyOf(features);
        this.classification = classification;
    }

    /** The name on command lines and in plans: breast-cancer, digits, diabetes. */
    public String id() {
        return id;
    }

    /** Records in the file. */
    public int records() {
        return records;
    }

    /** The feature columns, in file order (the target follows them). */
    public List<String> features() {
        return features;
    }

    /** Whether the target is a class (false: a number to regress). */
    public boolean classification() {
        return classification;
    }

    /** The cached CSV's file name. */
    public String fileName() {
        return id + ".csv";
    }

    /** The cached CSV's schema: {@code target}, every other column numeric. */
    public CsvSchema schema() {
        return CsvSchema.numeric("target");
    }

    /** Looks a dataset up by {@link #id()}; empty for another name. */
    public static java.util.Optional<SklearnDataset> byId(String id) {
        for (SklearnDataset d : values()) {
            if (d.id.equals(id.toLowerCase(Locale.ROOT))) {
                return java.util.Optional.of(d);
            }
        }
        return java.util.Optional.empty();
    }

    /** The names scikit-learn gives the 30 features (load_breast_cancer().feature_names). */
    private static List<String> breastCancerColumns() {
        List<String> base = List.of("radius", "texture", "perimeter", "area", "smoothness", "compactness", "concavity",
                "concave points", "symmetry", "fractal dimension");
        List<String> out = new ArrayList<>();
        base.forEach(b -> out.add("mean " + b));
        base.forEach(b -> out.add(b + " error"));
        base.forEach(b -> out.add("worst " + b));
        return out;
    }

    /** pixel_&lt;row&gt;_&lt;column&gt;, as load_digits().feature_names. */
    private static List<String> digitColumns() {
        List<String> out = new ArrayList<>();
        for (int r = 0; r < 8; r++) {
            for (int c = 0; c < 8; c++) {
                out.add("pixel_" + r + "_" + c);
            }
        }
        return out;
    }
}
