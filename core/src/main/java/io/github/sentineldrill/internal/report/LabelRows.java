package io.github.sentineldrill.internal.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Places the labels of vertical markers on rows, row 0 nearest the plot: no two labels on a row overlap, and wherever
 * the rows allow, no marker's line runs through another marker's label. A label reads rightwards from its line, or
 * leftwards when it would pass the right edge.
 */
final class LabelRows {

    /** Between a line and its own label. */
    static final double LINE_PADDING = 4;
    /** Between two labels on a row. */
    private static final double GAP = 10;
    /** Between a label and a line that passes it. */
    private static final double CLEARANCE = 3;

    /** A label to place: its marker's x and the label's estimated width. */
    record Label(double x, double width) {
    }

    /** Where a label went: its row and its horizontal extent. */
    record Placement(int row, boolean rightOfLine, double start, double end) {

        boolean overlaps(Placement other) {
            return start < other.end + GAP && other.start < end + GAP;
        }

        boolean covers(double x) {
            return x > start - CLEARANCE && x < end + CLEARANCE;
        }
    }

    private LabelRows() {
    }

    /** The placements, in the order of {@code labels}. */
    static List<Placement> place(List<Label> labels, double maxX) {
        Placement[] placed = new Placement[labels.size()];
        List<Integer> rightToLeft = IntStream.range(0, labels.size()).boxed()
                .sorted(Comparator.comparingDouble((Integer i) -> labels.get(i).x()).reversed()
                        .thenComparing(Comparator.reverseOrder()))
                .toList();
        List<Placement> done = new ArrayList<>();
        List<Double> lines = new ArrayList<>();
        for (int i : rightToLeft) {
            Label label = labels.get(i);
            Placement placement = place(label, maxX, done, lines);
            placed[i] = placement;
            done.add(placement);
            lines.add(label.x());
        }
        return List.of(placed);
    }

    /** How many rows the placements use. */
    static int rows(List<Placement> placements) {
        return placements.stream().mapToInt(Placement::row).max().orElse(-1) + 1;
    }

    private static Placement place(Label label, double maxX, List<Placement> done, List<Double> lines) {
        boolean right = label.x() + LINE_PADDING + label.width() <= maxX;
        double start = right ? label.x() + LINE_PADDING : label.x() - LINE_PADDING - label.width();
        double end = start + label.width();
        int top = done.stream().mapToInt(Placement::row).max().orElse(-1) + 1;
        for (int row = 0; row <= top; row++) {
            Placement candidate = new Placement(row, right, start, end);
            if (clear(candidate, label.x(), done, lines)) {
                return candidate;
            }
        }
        for (int row = 0; ; row++) {
            Placement candidate = new Placement(row, right, start, end);
            if (done.stream().noneMatch(p -> p.row() == candidate.row() && p.overlaps(candidate))) {
                return candidate;
            }
        }
    }

    /** Neither overlapping a label on its row, nor crossed by a line from above, nor crossing a label below. */
    private static boolean clear(Placement candidate, double x, List<Placement> done, List<Double> lines) {
        for (int j = 0; j < done.size(); j++) {
            Placement other = done.get(j);
            boolean conflict = other.row() == candidate.row() ? other.overlaps(candidate)
                    : other.row() < candidate.row() ? other.covers(x)
                    : candidate.covers(lines.get(j));
            if (conflict) {
                return false;
            }
        }
        return true;
    }
}
