package dln.session.report;

import java.util.List;
import java.util.Objects;

/** A small table of already formatted cells, e.g. per-round accepted/rejected counts or a plan's results. */
public record SummaryTable(String caption, List<String> header, List<List<String>> rows) {
    public SummaryTable {
        Objects.requireNonNull(caption, "caption");
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != header.size()) {
                throw new IllegalArgumentException("row " + i + " of table '" + caption + "' has " + rows.get(i).size()
                        + " cells, the header has " + header.size());
            }
        }
    }
}
