package dln.session.report;

import java.util.List;

/**
 * A laid-out DAG: every node's box and every edge's route, in SVG user units with the origin
 * at the top left, exactly as ELK computed them.
 */
public record DagPicture(double width, double height, List<PlacedNode> nodes, List<RoutedEdge> edges) {
    public DagPicture {
        nodes = List.copyOf(nodes);
        edges = List.copyOf(edges);
    }

    /** A node's box and the two text lines it shows. */
    public record PlacedNode(DagNode node, double x, double y, double width, double height, List<String> lines) {
        public PlacedNode {
            lines = List.copyOf(lines);
        }
    }

    /** An edge as a polyline: start point, bend points, end point (at the child's box). */
    public record RoutedEdge(DagEdge edge, List<Point> points) {
        public RoutedEdge {
            points = List.copyOf(points);
        }
    }

    public record Point(double x, double y) {
    }
}
