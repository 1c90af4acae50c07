package io.stylecast.engine.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TimeLapseTest {

    @TempDir
    Path dir;

    private static BufferedImage picture(int shade) {
        BufferedImage picture = new BufferedImage(30, 20, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 20; y++) {
            for (int x = 0; x < 30; x++) {
                picture.setRGB(x, y, (shade << 16) | (x * 8 << 8) | y * 12);
            }
        }
        return picture;
    }

    /** 250 iterations: every third one (0, 3, ..., 249) and the final picture, each the run's picture then. */
    @Test
    void decodesAsAnAnimationSpreadOverTheRun() throws Exception {
        Path file = dir.resolve("run/timelapse.gif");
        try (TimeLapse lapse = new TimeLapse(file, 250, new int[] {30, 20})) {
            for (int i = 0; i <= 250; i++) {
                lapse.offer(i, i == 250, picture(i % 256));
                if (i == 100) {
                    assertFalse(Files.exists(file), "not there before the run ends");
                }
            }
        }
        assertTrue(Files.exists(file));
        assertFalse(Files.exists(dir.resolve("run/timelapse.gif.part")));
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            int frames = reader.getNumImages(true);
            assertEquals(85, frames);
            assertEquals(30, reader.read(0).getWidth());
            assertEquals(3 * 40, (reader.read(40).getRGB(0, 0) >> 16) & 0xff, 8, "frame 40 is iteration 120");
            assertEquals(250, (reader.read(frames - 1).getRGB(0, 0) >> 16) & 0xff, 8, "the last frame is the final picture");
            IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(frames - 1).getAsTree("javax_imageio_gif_image_1.0");
            IIOMetadataNode control = (IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0);
            assertEquals("200", control.getAttribute("delayTime"));
        }
    }

    @Test
    void anAbandonedRunLeavesNoFile() throws Exception {
        Path file = dir.resolve("timelapse.gif");
        try (TimeLapse lapse = new TimeLapse(file, 10, new int[] {30, 20})) {
            lapse.offer(0, false, picture(1));
        }
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(dir.resolve("timelapse.gif.part")));
    }

    /** The same run's frames made one at a time, elsewhere, and put together: the same animation, each frame quantised once. */
    @Test
    void framesMadeApartMakeTheSameAnimation() throws Exception {
        int every = TimeLapse.every(250);
        List<Path> frames = new java.util.ArrayList<>();
        for (int i = 0; i <= 250; i++) {
            if (TimeLapse.isFrame(i, i == 250, every)) {
                Path frame = dir.resolve(String.format("%03d.gif", i));
                Files.write(frame, TimeLapse.frame(picture(i % 256), new int[] {30, 20}));
                frames.add(frame);
            }
        }
        Path file = dir.resolve("timelapse.gif");
        TimeLapse.assemble(frames, file);
        assertFalse(Files.exists(dir.resolve("timelapse.gif.part")));
        try (ImageInputStream in = ImageIO.createImageInputStream(file.toFile())) {
            ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
            reader.setInput(in);
            int count = reader.getNumImages(true);
            assertEquals(85, count, "as many as the incremental time-lapse of the same run");
            assertEquals(30, reader.read(0).getWidth());
            assertEquals(3 * 40, (reader.read(40).getRGB(0, 0) >> 16) & 0xff, 8, "frame 40 is iteration 120");
            assertEquals(250, (reader.read(count - 1).getRGB(0, 0) >> 16) & 0xff, 8, "the last frame is the final picture");
            assertEquals("8", delay(reader, 0));
            assertEquals("200", delay(reader, count - 1), "the last shown two seconds");
        }
    }

    @Test
    void aFrameIsShownAtTheTimeLapsesSizeAndNothingIsAssembledFromNoFrames() throws Exception {
        BufferedImage frame = ImageIO.read(new java.io.ByteArrayInputStream(TimeLapse.frame(picture(9), new int[] {1280, 960})));
        assertEquals(List.of(640, 480), List.of(frame.getWidth(), frame.getHeight()), "scaled to the output's size, at most 640 a side");
        TimeLapse.assemble(List.of(), dir.resolve("none.gif"));
        assertFalse(Files.exists(dir.resolve("none.gif")));
    }

    private static String delay(ImageReader reader, int frame) throws Exception {
        IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(frame).getAsTree("javax_imageio_gif_image_1.0");
        return ((IIOMetadataNode) root.getElementsByTagName("GraphicControlExtension").item(0)).getAttribute("delayTime");
    }
}
