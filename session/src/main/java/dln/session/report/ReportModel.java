package dln.session.report;

import java.util.List;
import java.util.Objects;

/**
 * Everything one report shows. Empty parts are left out of the page (the evaluation harness has
 * no single DAG; a report written before round 1 has no accuracy yet).
 *
 * @param title      page heading
 * @param tables     summary tables, shown in order
 * @param accuracy   accuracy curve points; one chart line per distinct series name, in order of first appearance
 * @param references horizontal reference lines on the accuracy chart (the centralised baseline)
 * @param dag        the update DAG of the session's model
 * @param notes      free-text paragraphs (plain text, escaped on output)
 * @param xAxis      what the accuracy chart's x axis counts; a session's chart mixes federated
 *                   rounds, gossip steps and baseline epochs, and must say so rather than "Round"
 */
public record ReportModel(String title, List<SummaryTable> tables, List<RoundPoint> accuracy,
                          List<ReferenceLine> references, Dag dag, List<String> notes, String xAxis) {
    /** The x axis of a chart whose every series counts rounds. */
    public static final String ROUNDS = "Round";

    public ReportModel {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(xAxis, "xAxis");
        Objects.requireNonNull(dag, "dag");
        tables = List.copyOf(tables);
        accuracy = List.copyOf(accuracy);
        references = List.copyOf(references);
        notes = List.copyOf(notes);
    }

    /** A report whose chart counts rounds only (an evaluation plan's federated runs). */
    public ReportModel(String title, List<SummaryTable> tables, List<RoundPoint> accuracy,
                       List<ReferenceLine> references, Dag dag, List<String> notes) {
        this(title, tables, accuracy, references, dag, notes, ROUNDS);
    }
}
