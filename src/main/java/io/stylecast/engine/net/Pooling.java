package io.stylecast.engine.net;

/** How a network downsamples between its convolution blocks. */
public enum Pooling {
    /** Average pooling: the paper's choice for synthesis ("improves the gradient flow"). */
    AVG,
    /** Max pooling: what VGG19 was trained with. */
    MAX
}
