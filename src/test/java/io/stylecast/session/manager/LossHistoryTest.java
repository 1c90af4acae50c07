package io.stylecast.session.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylecast.engine.loss.LossValues;
import io.stylecast.session.protocol.SessionEvent;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class LossHistoryTest {

    private static SessionEvent.Progress at(int iteration) {
        return new SessionEvent.Progress("s", iteration, 5000, new LossValues(1, 2, 0, 3), 10);
    }

    /**
     * 1200 iterations, worked by hand: full at 512 points, halved to 0, 2, ..., 510 and 512 added; full again at
     * 767, halved to 0, 4, ..., 508 and 512, 514, ..., 766; full again at 1023, halved to 0, 8, ..., 504, then
     * 512, 516, ..., 764, then 768, 770, ..., 1022; and 1024 to 1199 one by one: 64 + 64 + 128 + 176 = 432 points.
     */
    @Test
    void aLongRunKeepsItsWholeShapeAtACoarserStep() {
        LossHistory history = new LossHistory();
        for (int i = 0; i < 1200; i++) {
            history.add(at(i));
        }
        List<Integer> kept = history.points().stream().map(SessionEvent.Progress::iteration).toList();
        List<Integer> expected = IntStream.concat(IntStream.concat(IntStream.rangeClosed(0, 63).map(k -> 8 * k),
                        IntStream.rangeClosed(0, 63).map(k -> 512 + 4 * k)),
                IntStream.concat(IntStream.rangeClosed(0, 127).map(k -> 768 + 2 * k), IntStream.range(1024, 1200)))
                .boxed().toList();
        assertEquals(expected, kept);
    }
}
