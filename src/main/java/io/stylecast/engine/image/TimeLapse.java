package io.stylecast.engine.image;

import java.awt.Image;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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
        this.every = Math.max(1, (int) Math.ceil(iterations / (double) FRAMES));
        Files.createDirectories(file.toAbsolutePath().getParent());
        this.writer = ImageIO.getImageWritersByFormatName("gif").next();
        this.stream = ImageIO.createImageOutputStream(part.toFile());
        writer.setOutput(stream);
        writer.prepareWriteSequence(null);
    }

    /** Whether {@link #offer} would keep the picture of {@code iteration}: make it only then. */
    public boolean wants(int iteration, boolean last) {
        return !closed && (last || iteration % every == 0);
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
        IIOMetadataNode loop = new IIOMetadataNode("ApplicationExtension");
        loop.setAttribute("applicationID", "NETSCAPE");
        loop.setAttribute("authenticationCode", "2.0");
        loop.setUserObject(new byte[] {1, 0, 0}); // loop forever
        child(root, "ApplicationExtensions").appendChild(loop);
        metadata.setFromTree(format, root);
        writer.writeToSequence(new IIOImage(picture, null, metadata), param);
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
        if (picture.getWidth() == width && picture.getHeight() == height) {
            return picture;
        }
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        out.getGraphics().drawImage(picture.getScaledInstance(width, height, Image.SCALE_AREA_AVERAGING), 0, 0, null);
        return out;
    }
}
