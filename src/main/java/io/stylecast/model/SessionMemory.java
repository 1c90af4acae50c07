package io.stylecast.model;

import java.util.List;

/**
 * What one session adds to a server's resident memory, by its output's pixel count: straight lines between sizes
 * measured with {@code bin/bench memory} on the CPU build (a fresh {@code serve}, one session, peak resident
 * memory above idle; the figures and method are in docs/PERFORMANCE.md), continued past the smallest and largest
 * with the slope of the nearest stretch. Measured points rather than one line: VGG19's memory grows faster per pixel
 * between 200x150 and 400x300 than beyond, which a single line misses by a third. Admission refuses or queues
 * sessions by it.
 */
public final class SessionMemory {

    private static final long MB = 1024 * 1024;

    /** One measured size: output pixels and the bytes a session of that size added. */
    public record Point(long pixels, long bytes) {
    }

    /** InceptionV3's layers (the default network); at each size the largest of its runs (20, 40 and 60 iterations). */
    public static final SessionMemory DEFAULT = measured(
            new Point(128 * 128, 84 * MB), new Point(200 * 150, 125 * MB), new Point(256 * 256, 247 * MB),
            new Point(400 * 300, 378 * MB), new Point(512 * 512, 769 * MB), new Point(640 * 480, 894 * MB));

    /**
     * VGG19 (weights do not change the figure, so measured on {@code random-vgg19}). Also used for any other
     * MatConvNet file, which this loader reads only as a VGG-style network, VGG19 the largest of them. Measured with
     * one content target; since #20 an Adam run with no jitter keeps 16, one for each spread shift
     * ({@code Jitter}), and the 15 more are added by computation: conv4_2's 512 channels at an eighth of the size
     * each way, as floats, 32 bytes an output pixel each (141 MB at 640x480).
     */
    public static final SessionMemory VGG19 = measured(
            vgg19(128 * 128, 279), vgg19(200 * 150, 339), vgg19(256 * 256, 643),
            vgg19(400 * 300, 1111), vgg19(512 * 512, 1711), vgg19(640 * 480, 1992));

    private static Point vgg19(long pixels, long measuredMb) {
        long contentTargetBytesPerPixel = 512 * Float.BYTES / 64;
        return new Point(pixels, measuredMb * MB + 15 * contentTargetBytesPerPixel * pixels);
    }

    private final List<Point> points;

    private SessionMemory(List<Point> points) {
        this.points = points;
    }

    /** Through measured sizes, at least two, in increasing pixels. */
    public static SessionMemory measured(Point... points) {
        for (int i = 1; i < points.length; i++) {
            if (points[i].pixels() <= points[i - 1].pixels()) {
                throw new IllegalArgumentException("measured sizes must grow: " + points[i - 1] + " then " + points[i]);
            }
        }
        if (points.length < 2) {
            throw new IllegalArgumentException("a session's memory needs two measured sizes at least");
        }
        return new SessionMemory(List.of(points));
    }

    /** A line: {@code fixedBytes + bytesPerPixel * pixels} (settings for a network of one's own). */
    public static SessionMemory line(long fixedBytes, long bytesPerPixel) {
        if (fixedBytes < 0 || bytesPerPixel < 0) {
            throw new IllegalArgumentException("a session's memory cannot be negative: " + fixedBytes + " + " + bytesPerPixel + " per pixel");
        }
        return measured(new Point(0, fixedBytes), new Point(MB, fixedBytes + bytesPerPixel * MB));
    }

    /** The measured figures for a network by its {@code --model} name. */
    public static SessionMemory of(String model) {
        return switch (model) {
            case Models.DEFAULT, InceptionV3.NAME -> DEFAULT;
            default -> VGG19;
        };
    }

    public List<Point> points() {
        return points;
    }

    /** The bytes a session of {@code pixels} output pixels takes: between the measured sizes around it. */
    public long bytes(long pixels) {
        int upper = 1;
        while (upper < points.size() - 1 && points.get(upper).pixels() < pixels) {
            upper++;
        }
        Point a = points.get(upper - 1);
        Point b = points.get(upper);
        double slope = (double) (b.bytes() - a.bytes()) / (b.pixels() - a.pixels());
        return Math.max(0, Math.round(a.bytes() + slope * (pixels - a.pixels())));
    }

    @Override
    public String toString() {
        return "SessionMemory" + points;
    }
}
