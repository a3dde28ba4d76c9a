package dln.session.report;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.eclipse.elk.alg.layered.options.LayeredMetaDataProvider;
import org.eclipse.elk.alg.layered.options.LayeredOptions;
import org.eclipse.elk.alg.layered.options.NodePlacementStrategy;
import org.eclipse.elk.alg.layered.options.OrderingStrategy;
import org.eclipse.elk.core.RecursiveGraphLayoutEngine;
import org.eclipse.elk.core.data.LayoutMetaDataService;
import org.eclipse.elk.core.math.ElkPadding;
import org.eclipse.elk.core.options.CoreOptions;
import org.eclipse.elk.core.options.Direction;
import org.eclipse.elk.core.options.EdgeRouting;
import org.eclipse.elk.core.util.BasicProgressMonitor;
import org.eclipse.elk.graph.ElkBendPoint;
import org.eclipse.elk.graph.ElkEdge;
import org.eclipse.elk.graph.ElkEdgeSection;
import org.eclipse.elk.graph.ElkNode;
import org.eclipse.elk.graph.util.ElkGraphUtil;

/**
 * Lays the update DAG out with Eclipse ELK's layered (Sugiyama) algorithm, left to right, so that
 * descent reads as time: every update sits to the right of its parents. ELK runs here as a plain
 * library: no OSGi, no Eclipse extension registry, just its metadata provider registered by hand.
 * Public for the console (dln.console), which draws the live DAG exactly as the report does.
 */
public final class DagLayout {
    static final String FONT_FAMILY = Font.SANS_SERIF;
    static final int FONT_SIZE = 12;
    static final double LINE_HEIGHT = 15;
    private static final double PAD_X = 10;
    private static final double PAD_Y = 7;
    private static final double MIN_WIDTH = 64;
    private static final int MAX_LABEL_CHARS = 22;

    private final Font font = new Font(FONT_FAMILY, Font.PLAIN, FONT_SIZE);
    private final FontRenderContext frc = new FontRenderContext(null, true, true);

    public DagLayout() {
        // ELK's service is a process-wide singleton that Eclipse would fill from plugin.xml; outside
        // Eclipse the algorithm must be registered explicitly. Registering again only replaces the
        // same entries, so every instance may do it.
        LayoutMetaDataService.getInstance().registerLayoutMetaDataProviders(new LayeredMetaDataProvider());
    }

    public DagPicture layout(Dag dag) {
        ElkNode root = ElkGraphUtil.createGraph();
        root.setProperty(CoreOptions.ALGORITHM, LayeredOptions.ALGORITHM_ID);
        root.setProperty(CoreOptions.DIRECTION, Direction.RIGHT);
        // Polylines: a federated round names every accepted update of the previous round as a parent,
        // and orthogonal routing turned those complete bipartite layers into wide bundles of parallel
        // tracks; merged (hyper)edges were compact but hid which parent feeds which child.
        root.setProperty(CoreOptions.EDGE_ROUTING, EdgeRouting.POLYLINE);
        root.setProperty(CoreOptions.PADDING, new ElkPadding(16));
        root.setProperty(LayeredOptions.SPACING_NODE_NODE, 14.0);
        root.setProperty(LayeredOptions.SPACING_NODE_NODE_BETWEEN_LAYERS, 56.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_NODE_BETWEEN_LAYERS, 14.0);
        root.setProperty(LayeredOptions.SPACING_EDGE_EDGE_BETWEEN_LAYERS, 6.0);
        // Linear segments keeps long gossip DAGs compact and level: with the default Brandes-Koepf
        // placement a 300-update DAG drifted to 2.5x the height, its start far below the first screen.
        root.setProperty(LayeredOptions.NODE_PLACEMENT_STRATEGY, NodePlacementStrategy.LINEAR_SEGMENTS);
        // Submission order breaks ties in crossing minimisation, so providers keep a stable
        // vertical order from round to round instead of shuffling.
        root.setProperty(LayeredOptions.CONSIDER_MODEL_ORDER_STRATEGY, OrderingStrategy.NODES_AND_EDGES);

        List<DagNode> ordered = new ArrayList<>(dag.nodes());
        ordered.sort(Comparator.comparingLong(DagNode::timeMillis)); // stable: equal times keep ledger order
        Map<String, ElkNode> elkById = new HashMap<>();
        Map<ElkNode, DagNode> nodeByElk = new HashMap<>();
        Map<ElkNode, List<String>> linesByElk = new HashMap<>();
        for (DagNode n : ordered) {
            ElkNode e = ElkGraphUtil.createNode(root);
            e.setIdentifier(n.id());
            List<String> lines = lines(n);
            double textWidth = lines.stream().mapToDouble(this::textWidth).max().orElse(0);
            e.setDimensions(Math.max(MIN_WIDTH, Math.ceil(textWidth + 2 * PAD_X)), lines.size() * LINE_HEIGHT + 2 * PAD_Y);
            elkById.put(n.id(), e);
            nodeByElk.put(e, n);
            linesByElk.put(e, lines);
        }
        Map<ElkEdge, DagEdge> edgeByElk = new HashMap<>();
        for (DagEdge d : dag.edges()) {
            edgeByElk.put(ElkGraphUtil.createSimpleEdge(elkById.get(d.parent()), elkById.get(d.child())), d);
        }

        if (!dag.isEmpty()) {
            new RecursiveGraphLayoutEngine().layout(root, new BasicProgressMonitor());
        }

        List<DagPicture.PlacedNode> placed = new ArrayList<>();
        for (ElkNode e : root.getChildren()) {
            placed.add(new DagPicture.PlacedNode(nodeByElk.get(e), e.getX(), e.getY(), e.getWidth(), e.getHeight(), linesByElk.get(e)));
        }
        List<DagPicture.RoutedEdge> routed = new ArrayList<>();
        for (ElkEdge e : root.getContainedEdges()) {
            List<DagPicture.Point> pts = new ArrayList<>();
            // Simple edges between siblings have one section whose coordinates are relative to root.
            for (ElkEdgeSection s : e.getSections()) {
                if (pts.isEmpty()) pts.add(new DagPicture.Point(s.getStartX(), s.getStartY()));
                for (ElkBendPoint b : s.getBendPoints()) pts.add(new DagPicture.Point(b.getX(), b.getY()));
                pts.add(new DagPicture.Point(s.getEndX(), s.getEndY()));
            }
            routed.add(new DagPicture.RoutedEdge(edgeByElk.get(e), pts));
        }
        return new DagPicture(root.getWidth(), root.getHeight(), placed, routed);
    }

    /**
     * First line the provider (shortened: the full name is in the tooltip), second the node's
     * detail if it has one (written by the report, not read from the ledger, so shown in full),
     * else the score or status.
     */
    static List<String> lines(DagNode n) {
        String label = n.label().length() > MAX_LABEL_CHARS
                ? n.label().substring(0, MAX_LABEL_CHARS - 1) + "\u2026" : n.label();
        String second = n.detail() != null ? n.detail()
                : n.score() != null ? String.format(Locale.ROOT, "%.3f", n.score()) : n.status().word();
        return List.of(label, second);
    }

    private double textWidth(String s) {
        return font.getStringBounds(s, frc).getWidth();
    }
}
