package io.stylecast.engine.net;

/** Zero padding of a convolution or pooling, in TensorFlow's sense. */
public enum Padding {
    /** Output size {@code ceil(in / stride)}; the padding is split evenly, any extra at the bottom/right. */
    SAME,
    /** No padding: output size {@code floor((in - k) / stride) + 1}. */
    VALID
}
