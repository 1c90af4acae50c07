package io.stylecast.engine.image;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;

/**
 * A run as an animated GIF, written while it runs: about {@value #FRAMES} frames spread evenly over the
 * iterations, each shown {@value #DELAY_CENTISECONDS}0 ms, the last one two seconds, looping. Frames go to
 * {@code FILE.part} as they come, and {@link #finish()} renames it to {@code FILE}, so the file is there, whole, the
 * moment the run ends, and never half-written. Every frame is shown at the output's size (coarse-to-fine stages
 * are smaller before the last), scaled down to at most {@value #MAX_SIDE} px a side.
 * <p>
 * A run that may move between machines makes its frames one at a time instead ({@link #frame}: each a one-frame GIF,
 * quantised where it is made), and whoever keeps them puts them together at the end ({@link #assemble}), without
 * quantising again.
 */
public final class TimeLapse implements AutoCloseable {

    public static final int FRAMES = 100;
    static final int DELAY_CENTISECONDS = 8;
    static final int LAST_DELAY_CENTISECONDS = 200;
    static final int MAX_SIDE = 640;

    private final Path file;
    private final Path part;
    private final int every;
    private final int width;
    private final int height;
    private final ImageOutputStream stream;
    private final ImageWriter writer;
    private BufferedImage pending;
    private boolean closed;

    /**
     * @param iterations the run's iterations, to spread the frames over them
     * @param size the output's width and height
     */
    public TimeLapse(Path file, int iterations, int[] size) throws IOException {
        this.file = file;
        double shrink = Math.min(1.0, MAX_SIDE / (double) Math.max(size[0], size[1]));
        this.width = Math.max(1, (int) Math.round(size[0] * shrink));
        this.height = Math.max(1, (int) Math.round(size[1] * shrink));
        this.part = file.resolveSibling(file.getFileName() + ".part");
        this.every = every(iterations);
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.writer = ImageIO.getImageWritersByFormatName("gif").next();
        this.stream = ImageIO.createImageOutputStream(part.toFile());
        writer.setOutput(stream);
        writer.prepareWriteSequence(null);
    }

    /** How many iterations apart the frames of a run of {@code iterations} are. */
    public static int every(int iterations) {
        return Math.max(1, (int) Math.ceil(iterations / (double) FRAMES));
    }

    /** Whether the picture of {@code iteration} is a frame of a run whose frames are {@code every} iterations apart. */
    public static boolean isFrame(int iteration, boolean last, int every) {
        return last || iteration % every == 0;
    }

    /** Whether {@link #offer} would keep the picture of {@code iteration}: make it only then. */
    public boolean wants(int iteration, boolean last) {
        return !closed && isFrame(iteration, last, every);
    }

    /**
     * One frame on its own, for {@link #assemble}: the picture at the time-lapse's size for an output of {@code size},
     * as a one-frame GIF (quantised to 256 colours here, the costly part).
     */
    public static byte[] frame(BufferedImage picture, int[] size) throws IOException {
        double shrink = Math.min(1.0, MAX_SIDE / (double) Math.max(size[0], size[1]));
        BufferedImage scaled = scaled(picture, Math.max(1, (int) Math.round(size[0] * shrink)),
                Math.max(1, (int) Math.round(size[1] * shrink)));
        java.io.ByteArrayOutputStream gif = new java.io.ByteArrayOutputStream();
        if (!ImageIO.write(scaled, "gif", gif)) {
            throw new IOException("no GIF writer for the picture");
        }
        return gif.toByteArray();
    }

    /**
     * Puts frames made by {@link #frame} together, in the order given, into {@code file} (through {@code file.part}, so
     * it is there whole or not at all): each shown as long as an incremental time-lapse shows it, the last two seconds,
     * looping. They are already quantised and are not again. Nothing is written without frames.
     */
    public static void assemble(List<Path> frames, Path file) throws IOException {
        if (frames.isEmpty()) {
            return;
        }
        Path part = file.resolveSibling(file.getFileName() + ".part");
        ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
        try (ImageOutputStream stream = ImageIO.createImageOutputStream(part.toFile())) {
            writer.setOutput(stream);
            writer.prepareWriteSequence(null);
            for (int k = 0; k < frames.size(); k++) {
                BufferedImage frame = ImageIO.read(frames.get(k).toFile());
                if (frame == null) {
                    throw new IOException("a frame of the time-lapse is not a picture: " + frames.get(k).getFileName());
                }
                write(writer, frame, k == frames.size() - 1 ? LAST_DELAY_CENTISECONDS : DELAY_CENTISECONDS);
            }
            writer.endWriteSequence();
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(part);
            throw e;
        } finally {
            writer.dispose();
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Takes the picture of {@code iteration} if it is one of the frames ({@code last}: the final picture, always taken). */
    public void offer(int iteration, boolean last, BufferedImage picture) throws IOException {
        if (!wants(iteration, last)) {
            return;
        }
        if (pending != null) {
            write(pending, DELAY_CENTISECONDS);
        }
        pending = scaled(picture);
        if (last) {
            finish();
        }
    }

    /** Writes the last frame, ends the file and renames it into place; nothing if no frame came. */
    public void finish() throws IOException {
        if (closed) {
            return;
        }
        if (pending == null) {
            close();
            return;
        }
        closed = true;
        try {
            write(pending, LAST_DELAY_CENTISECONDS);
            writer.endWriteSequence();
        } finally {
            stream.close();
            writer.dispose();
        }
        Files.move(part, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Abandons an unfinished file (a cancelled or failed run keeps no time-lapse); nothing after {@link #finish}. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        try {
            stream.close();
        } finally {
            writer.dispose();
            Files.deleteIfExists(part);
        }
    }

    private void write(BufferedImage picture, int delayCentiseconds) throws IOException {
        write(writer, picture, delayCentiseconds);
    }

    private static void write(ImageWriter writer, BufferedImage picture, int delayCentiseconds) throws IOException {
        ImageWriteParam param = writer.getDefaultWriteParam();
        IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(picture), param);
        String format = metadata.getNativeMetadataFormatName();
        IIOMetadataNode root = (IIOMetadataNode) metadata.getAsTree(format);
        IIOMetadataNode control = child(root, "GraphicControlExtension");
        control.setAttribute("disposalMethod", "none");
        control.setAttribute("userInputFlag", "FALSE");
        control.setAttribute("transparentColorFlag", "FALSE");
        control.setAttribute("delayTime", Integer.toString(delayCentiseconds));
        control.setAttribute("transparentColorIndex", "0");
        if (picture.getColorModel() instanceof IndexColorModel palette) {
            localColorTable(child(root, "LocalColorTable"), palette);   // a frame made apart keeps its own colours
        }
        IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
        loop.setAttribute("applicationID", "NETSCAPE");
        loop.setAttribute("authenticationCode", "2.0");
        loop.setUserObject(new byte[] {1, 0, 0}); // loop forever
        child(root, "ApplicationExtensions").appendChild(loop);
        metadata.setFromTree(format, root);
        writer.writeToSequence(new IIOImage(picture, null, metadata), param);
    }

    /** Fills a frame's local colour table with its palette, padded to a power of two as GIF wants. */
    private static void localColorTable(IIOMetadataNode table, IndexColorModel palette) {
        int size = 2;
        while (size < palette.getMapSize()) {
            size <<= 1;
        }
        while (table.hasChildNodes()) {
            table.removeChild(table.getFirstChild());
        }
        table.setAttribute("sizeOfLocalColorTable", Integer.toString(size));
        table.setAttribute("sortFlag", "FALSE");
        for (int i = 0; i < size; i++) {
            int c = i < palette.getMapSize() ? i : 0;
            IIOMetadataNode entry = new IIOMetadataNode("ColorTableEntry");
            entry.setAttribute("index", Integer.toString(i));
            entry.setAttribute("red", Integer.toString(palette.getRed(c)));
            entry.setAttribute("green", Integer.toString(palette.getGreen(c)));
            entry.setAttribute("blue", Integer.toString(palette.getBlue(c)));
            table.appendChild(entry);
        }
    }

    private static IIOMetadataNode child(IIOMetadataNode root, String name) {
        for (int i = 0; i < root.getLength(); i++) {
            if (root.item(i).getNodeName().equals(name)) {
                return (IIOMetadataNode) root.item(i);
            }
        }
        IIOMetadataNode node = new IIOMetadataNode(name);
        root.appendChild(node);
        return node;
    }

    private BufferedImage scaled(BufferedImage picture) {
        return scaled(picture, width, height);
    }

    private static BufferedImage scaled(BufferedImage picture, int width, int height) {
        if (picture.getWidth() == width && picture.getHeight() == height) {
            return picture;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(picture.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        return out;
    }
}
