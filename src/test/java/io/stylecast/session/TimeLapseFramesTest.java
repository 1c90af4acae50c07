package io.stylecast.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.image.TimeLapse;
import io.vertx.core.buffer.Buffer;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A session's time-lapse goes on across a move: the frames of both runs, as the session's folder receives them. */
class TimeLapseFramesTest {

    @TempDir
    Path dir;

    /**
     * 300 iterations (a frame every 3): the first run makes the frames of iterations 0 to 150 and is lost; the run that
     * goes on from the checkpoint at 120 makes those of 120 to 300 (120 to 150 again). The time-lapse has every
     * frame of the run once, in order, the later run's where both made one.
     */
    @Test
    void theFramesOfBothRunsMakeOneTimeLapseOfTheWholeRun() throws Exception {
        int every = TimeLapse.every(300);
        for (int i = 0; i <= 150; i++) {
            send(1, i, i % 3 == 0 && i > 120 ? 0 : shade(i), every, false);
        }
        for (int i = 120; i <= 300; i++) {
            send(2, i, shade(i), every, i == 300);
        }
        Files.writeString(dir.resolve(TimeLapseFrames.FOLDER).resolve("notes.txt"), "not a frame");
        TimeLapseFrames.assemble(dir);

        assertFalse(Files.exists(dir.resolve(TimeLapseFrames.FOLDER)), "the frames are removed once put together");
        try (ImageInputStream in = ImageIO.createImageInputStream(dir.resolve("timelapse.gif").toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            assertEquals(101, reader.getNumImages(true), "iterations 0, 3, ..., 300");
            for (int frame : new int[] {0, 30, 41, 45, 100}) {
                assertEquals(shade(frame * 3), (reader.read(frame).getRGB(0, 0) >> 16) & 0xff, 8, "frame " + frame);
            }
        }
        TimeLapseFrames.assemble(dir);
        assertTrue(Files.isRegularFile(dir.resolve("timelapse.gif")), "asked again, it leaves the time-lapse as it is");
    }

    @Test
    void aRunThatDoesNotFinishKeepsNoFramesAndNoFrameNameLeadsOutOfTheFolder() throws Exception {
        send(1, 0, 10, 1, false);
        TimeLapseFrames.drop(dir);
        assertFalse(Files.exists(dir.resolve(TimeLapseFrames.FOLDER)));
        for (String name : new String[] {"../elsewhere.gif", TimeLapseFrames.FOLDER + "/../../x.gif", TimeLapseFrames.FOLDER + "/1.gif"}) {
            assertThrows(IllegalArgumentException.class, () -> new SessionFile("s", 1, name, Buffer.buffer("x")), name);
        }
    }

    private static int shade(int iteration) {
        return iteration * 5 / 6;
    }

    /** As a worker's run sends a frame: named by its iteration, written whole into the session's folder. */
    private void send(int attempt, int iteration, int shade, int every, boolean last) throws Exception {
        if (!TimeLapse.isFrame(iteration, last, every)) {
            return;
        }
        BufferedImage picture = new BufferedImage(16, 12, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 12; y++) {
            for (int x = 0; x < 16; x++) {
                picture.setRGB(x, y, shade << 16 | x * 10 << 8 | y * 20);
            }
        }
        SessionDirectory.write(dir, new SessionFile("s", attempt, TimeLapseFrames.name(iteration),
                Buffer.buffer(TimeLapse.frame(picture, new int[] {16, 12}))));
    }
}
