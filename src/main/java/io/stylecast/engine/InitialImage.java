package io.stylecast.engine;

import java.util.Locale;
import java.util.SplittableRandom;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/** Where the optimisation starts, in the mean-subtracted pixel space of the content tensor. */
public enum InitialImage {
    /**
     * The reference's {@code generate_noise_image}:
     * {@code noise_ratio * uniform(-20, 20) + (1 - noise_ratio) * content}.
     */
    NOISE,
    /** The content photo itself. */
    CONTENT,
    /** Uniform noise in (-20, 20) alone, the paper's white-noise start (NOISE with ratio 1). */
    RANDOM,
    /** A picture of the user's choosing, resized to the content size. */
    IMAGE;

    /** Half the width of the uniform noise, on the 0..255 scale: the reference's 20. */
    public static final double NOISE_AMPLITUDE = 20;

    /**
     * Makes the starting image, a new array.
     *
     * @param content the mean-subtracted content tensor
     * @param image the mean-subtracted init picture, for {@link #IMAGE} only
     */
    public INDArray create(INDArray content, double noiseRatio, long seed, INDArray image) {
        return switch (this) {
            case CONTENT -> content.dup();
            case RANDOM -> noise(content, seed);
            case NOISE -> noise(content, seed).muli(noiseRatio).addi(content.mul(1 - noiseRatio));
            case IMAGE -> {
                if (image == null) {
                    throw new InputException("init 'image' needs an init image");
                }
                yield image.dup();
            }
        };
    }

    /** Uniform noise in (-20, 20) from a seeded generator, the same on every backend. */
    private static INDArray noise(INDArray like, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        double[] values = new double[(int) like.length()];
        for (int i = 0; i < values.length; i++) {
            values[i] = rng.nextDouble(-NOISE_AMPLITUDE, NOISE_AMPLITUDE);
        }
        return Nd4j.create(values, like.shape(), 'c').castTo(like.dataType());
    }

    /** The CLI and API spelling: {@code noise}, {@code content}, {@code random}, {@code image}. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static InitialImage parse(String id) {
        for (InitialImage kind : values()) {
            if (kind.id().equals(id)) {
                return kind;
            }
        }
        throw new InputException("unknown init " + InputException.describe(id) + "; use noise, content, random or image");
    }
}
