package io.stylecast.engine.net;

/** How a network downsamples between its convolution blocks. */
public enum Pooling {
    /** Average pooling: the paper's choice for synthesis ("improves the gradient flow"). */
    AVG,
    /** Max pooling: what VGG19 was trained with. */
    MAX;

    /** The CLI and API spelling: {@code avg} or {@code max}. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** @throws io.stylecast.engine.InputException naming the allowed values */
    public static Pooling parse(String id) {
        for (Pooling p : values()) {
            if (p.id().equals(id)) {
                return p;
            }
        }
        throw new io.stylecast.engine.InputException("pooling must be avg or max, got " + io.stylecast.engine.InputException.describe(id));
    }
}
