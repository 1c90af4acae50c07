package io.stylecast.engine.net;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2D;
import org.nd4j.linalg.api.ops.impl.layers.convolution.Pooling2DDerivative;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Pooling2DConfig;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Average or max pooling with TensorFlow's padding rules. VGG's is 2x2 with stride 2 and "SAME"
 * padding, as the reference's {@code tf.nn.avg_pool(ksize=2, strides=2, padding='SAME')}: an odd
 * edge row or column is pooled on its own. Padding is never counted in an average.
 */
public final class Pool implements Stage {

    private final String name;
    private final Pooling kind;
    private final Pooling2DConfig config;

    /** VGG's 2x2, stride 2, "same". */
    public Pool(String name, Pooling kind) {
        this(name, kind, 2, 2, Padding.SAME);
    }

    public Pool(String name, Pooling kind, int size, int stride, Padding padding) {
        this.name = name;
        this.kind = kind;
        this.config = Pooling2DConfig.builder().kH(size).kW(size).sH(stride).sW(stride).dH(1).dW(1)
                .paddingMode(padding == Padding.SAME ? PaddingMode.SAME : PaddingMode.VALID)
                .type(kind == Pooling.AVG ? Pooling2D.Pooling2DType.AVG : Pooling2D.Pooling2DType.MAX)
                .divisor(Pooling2D.Divisor.EXCLUDE_PADDING)
                .isNHWC(true)
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
        INDArray x = Contiguous.of(input);
        return kind == Pooling.AVG ? Nd4j.cnn().avgPooling2d(x, config) : Nd4j.cnn().maxPooling2d(x, config);
    }

    @Override
    public INDArray backward(INDArray input, INDArray output, INDArray outputGradient) {
        return Nd4j.exec(new Pooling2DDerivative(Contiguous.of(input), Contiguous.of(outputGradient), null, config))[0];
    }

    @Override
    public String toString() {
        return name + " " + kind.id() + " pool " + config.getKH() + "x" + config.getKW() + "/" + config.getSH();
    }
}
