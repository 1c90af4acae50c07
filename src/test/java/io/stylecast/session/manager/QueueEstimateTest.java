package io.stylecast.session.manager;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class QueueEstimateTest {

    /**
     * Two places: one frees in 10 s (100 left at 10 it/s), the other in 30 s (150 at 5 it/s); the mean speed is 7.5 it/s,
     * so a queued 300-iteration session holds a place 40 s. Worked by hand: the first queued starts at 10, the second at
     * 30, the third when the first queued ends, 10 + 40 = 50, the fourth at 30 + 40 = 70.
     */
    @Test
    void eachQueuedSessionStartsWhereAPlaceFreesFirst() {
        List<QueueEstimate.Running> running = List.of(new QueueEstimate.Running(100, 10), new QueueEstimate.Running(150, 5));
        assertArrayEquals(new int[] {10, 30, 50, 70},
                QueueEstimate.startSeconds(running, 2, List.of(300, 300, 300, 300)));
    }

    @Test
    void aFreePlaceStartsAtOnceAndNoSpeedGivesNoEstimate() {
        assertArrayEquals(new int[] {0, 8},
                QueueEstimate.startSeconds(List.of(new QueueEstimate.Running(80, 10)), 2, List.of(80, 80)));
        assertArrayEquals(new int[] {0, 0}, QueueEstimate.startSeconds(List.of(new QueueEstimate.Running(80, 0)), 1, List.of(10, 10)));
        assertArrayEquals(new int[] {0}, QueueEstimate.startSeconds(List.of(), 2, List.of(10)));
    }
}
