package io.stylecast.engine.net;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2DDerivative;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * 2x2 pooling with stride 2 and TensorFlow's "SAME" padding, as the reference's
 * {@code tf.nn.avg_pool(ksize=2, strides=2, padding='SAME')}: an odd edge row or column is pooled
 * on its own and padding is never counted in an average.
 */
public final class Pool implements Stage {

    private final String name;
    private final Pooling kind;
    private final Pooling2DConfig config;

    public Pool(String name, Pooling kind) {
        this.name = name;
        this.kind = kind;
        this.config = Pooling2DConfig.builder().kH(2).kW(2).sH(2).sW(2).dH(1).dW(1)
                .paddingMode(PaddingMode.SAME)
                .type(kind == Pooling.AVG ? Pooling2D.Pooling2DType.AVG : Pooling2D.Pooling2DType.MAX)
                .divisor(Pooling2D.Divisor.EXCLUDE_PADDING)
                .isNHWC(false)
                .build();
    }

    @Override
    public String name() {
        return name;
    }

    public Pooling kind() {
        return kind;
    }

    @Override
    public INDArray forward(INDArray input) {
        return kind == Pooling.AVG ? Nd4j.cnn().avgPooling2d(input, config) : Nd4j.cnn().maxPooling2d(input, config);
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient) {
        return Nd4j.exec(new Pooling2DDerivative(input, outputGradient, null, config))[0];
    }

    @Override
    public String toString() {
        return name + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + " pool 2x2/2";
    }
}
