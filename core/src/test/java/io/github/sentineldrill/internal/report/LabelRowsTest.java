package io.github.sentineldrill.internal.report;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/** The rows of the timeline's labels: never two overlapping on a row, and no line through a label where avoidable. */
class LabelRowsTest {

    private static final double MAX_X = 1100;

    @Test
    void labelsApartShareTheFirstRow() {
        List<LabelRows.Placement> placed = LabelRows.place(List.of(
                new LabelRows.Label(100, 80), new LabelRows.Label(300, 80), new LabelRows.Label(500, 80)), MAX_X);

        assertThat(placed).extracting(LabelRows.Placement::row).containsExactly(0, 0, 0);
        assertThat(placed).allMatch(LabelRows.Placement::rightOfLine);
    }

    @Test
    void aClusterBecomesAStaircaseThatNoLineCrosses() {
        List<LabelRows.Label> labels = List.of(new LabelRows.Label(400, 100), new LabelRows.Label(402, 100),
                new LabelRows.Label(405, 120), new LabelRows.Label(430, 90), new LabelRows.Label(700, 90));

        List<LabelRows.Placement> placed = LabelRows.place(labels, MAX_X);

        assertThat(placed).extracting(LabelRows.Placement::row).containsExactly(3, 2, 1, 0, 0);
        assertNoOverlap(placed);
        assertNoLineThroughALabel(labels, placed);
    }

    @Test
    void aLabelAtTheRightEdgeReadsLeftwards() {
        LabelRows.Placement placed = LabelRows.place(List.of(new LabelRows.Label(1080, 100)), MAX_X).get(0);

        assertThat(placed.rightOfLine()).isFalse();
        assertThat(placed.end()).isLessThan(1080);
        assertThat(placed.start()).isGreaterThan(0);
    }

    @Test
    void noTwoLabelsOverlapOnARowWhateverTheirPositions() {
        Random random = new Random(42);
        for (int round = 0; round < 200; round++) {
            List<LabelRows.Label> labels = new ArrayList<>();
            for (int i = random.nextInt(20); i >= 0; i--) {
                labels.add(new LabelRows.Label(random.nextDouble() * MAX_X, 40 + random.nextDouble() * 160));
            }
            assertNoOverlap(LabelRows.place(labels, MAX_X));
        }
    }

    private static void assertNoOverlap(List<LabelRows.Placement> placed) {
        for (int i = 0; i < placed.size(); i++) {
            for (int j = i + 1; j < placed.size(); j++) {
                LabelRows.Placement a = placed.get(i);
                LabelRows.Placement b = placed.get(j);
                assertThat(a.row() == b.row() && a.start() < b.end() && b.start() < a.end())
                        .as("%s and %s", a, b).isFalse();
            }
        }
    }

    private static void assertNoLineThroughALabel(List<LabelRows.Label> labels, List<LabelRows.Placement> placed) {
        for (int i = 0; i < placed.size(); i++) {
            for (int j = 0; j < placed.size(); j++) {
                double line = labels.get(i).x();
                LabelRows.Placement below = placed.get(j);
                boolean crosses = placed.get(i).row() > below.row() && line > below.start() && line < below.end();
                assertThat(crosses).as("the line of label %d through label %d", i, j).isFalse();
            }
        }
    }
}
