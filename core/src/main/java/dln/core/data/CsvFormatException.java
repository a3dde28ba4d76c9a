package dln.core.data;

import java.util.List;

/** A CSV file has a bad header or bad rows; {@link #problems()} lists each with its line number. */
public class CsvFormatException extends DatasetFormatException {
    private final List<String> problems;

    public CsvFormatException(List<String> problems) {
        super(summary(problems));
        this.problems = List.copyOf(problems);
    }

    /** One entry per problem, each starting with {@code line N:}. */
    public List<String> problems() {
        return problems;
    }

    private static String summary(List<String> problems) {
        StringBuilder sb = new StringBuilder("invalid CSV (" + problems.size() + " problem"
                + (problems.size() == 1 ? "" : "s") + "):");
        problems.stream().limit(20).forEach(p -> sb.append("\n  ").append(p));
        if (problems.size() > 20) {
            sb.append("\n  ...");
        }
        return sb.toString();
    }
}
