/**
 * The offline HTML report of a learning session or an evaluation run.
 *
 * <p>Fill a {@link dln.session.report.ReportModel} (summary tables, accuracy points per series,
 * the centralised baseline as a {@link dln.session.report.ReferenceLine}, the update
 * {@link dln.session.report.Dag}, notes) and hand it to {@link dln.session.report.ReportWriter}.
 * The accuracy chart is drawn by JFreeChart into JFreeSVG; the DAG is laid out by Eclipse ELK
 * (layered, left to right) and transcribed to SVG. The page carries everything inline and a
 * Content-Security-Policy that forbids any fetch or script.
 */
package dln.session.report;
