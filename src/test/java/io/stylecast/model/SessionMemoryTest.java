package io.stylecast.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stylecast.model.SessionMemory.Point;
import org.junit.jupiter.api.Test;

class SessionMemoryTest {

    private final SessionMemory measured = SessionMemory.measured(new Point(100, 1000), new Point(200, 3000), new Point(400, 4000));

    @Test
    void betweenMeasuredSizesItIsOnTheLineThroughThem() {
        assertEquals(1000, measured.bytes(100));
        assertEquals(2000, measured.bytes(150));
        assertEquals(3000, measured.bytes(200));
        assertEquals(3500, measured.bytes(300));
    }

    @Test
    void pastTheEndsItGoesOnWithTheNearestSlopeAndNeverBelowNothing() {
        assertEquals(4500, measured.bytes(500), "the last stretch's 5 bytes a pixel");
        assertEquals(600, measured.bytes(80), "the first stretch's 20 bytes a pixel");
        assertEquals(0, measured.bytes(10));
    }

    @Test
    void aLineFromSettings() {
        SessionMemory line = SessionMemory.line(10, 2);
        assertEquals(10, line.bytes(0));
        assertEquals(10 + 2 * 640 * 480, line.bytes(640 * 480));
        assertEquals(10 + 2L * 4096 * 4096 * 4, line.bytes(4096L * 4096 * 4), "far past its second point too");
    }

    @Test
    void sizesMustGrowAndFiguresCannotBeNegative() {
        assertThrows(IllegalArgumentException.class, () -> SessionMemory.measured(new Point(200, 1), new Point(100, 2)));
        assertThrows(IllegalArgumentException.class, () -> SessionMemory.measured(new Point(200, 1)));
        assertThrows(IllegalArgumentException.class, () -> SessionMemory.line(-1, 2));
    }

    @Test
    void eachBuiltInNetworkHasItsOwnFigures() {
        assertEquals(SessionMemory.DEFAULT, SessionMemory.of("default"));
        assertEquals(SessionMemory.DEFAULT, SessionMemory.of(InceptionV3.NAME));
        assertEquals(SessionMemory.VGG19, SessionMemory.of("vgg19"));
        assertEquals(SessionMemory.VGG19, SessionMemory.of("random-vgg19"));
        assertEquals(SessionMemory.VGG19, SessionMemory.of("/data/vgg16.mat"));
    }
}
