package io.stylecast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stylecast.engine.net.Activations;
import io.stylecast.engine.net.GraphNetwork;
import io.stylecast.model.tfjs.TfjsModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.enums.WeightsFormat;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The default network decoded from the nsfwjs tarball that the build fetches into models/, checked
 * against activations computed once with TF.js (src/test/tfjs/reference.mjs).
 */
class InceptionV3Test {

    static final Path TARBALL = Path.of("models", InceptionV3.TARBALL);
    static TfjsModel model;

    @TempDir
    Path dir;

    @BeforeAll
    static void decode() {
        assertTrue(Files.isRegularFile(TARBALL), TARBALL + " is missing: the build fetches it (mvn generate-resources)");
        model = TfjsModel.fromTarball(TARBALL, InceptionV3.MODEL_DIRECTORY);
    }

    @Test
    void decodesEveryWeightOfTheManifest() {
        assertEquals(382, model.weights().size());
        long total = model.weights().values().stream().mapToLong(INDArray::length).sum();
        assertEquals(22_360_869, total, "one uint8 per weight across the six shards");
        assertArrayEquals(new long[] {3, 3, 3, 32}, model.weights().get("conv2d_1/kernel").shape());
    }

    @Test
    void activationsMatchTfjs() throws IOException {
        JsonNode reference;
        try (InputStream in = getClass().getResourceAsStream("/inception-tfjs-reference.json")) {
            reference = new ObjectMapper().readTree(in);
        }
        int h = reference.get("height").asInt();
        int w = reference.get("width").asInt();
        double[] pixels = new double[3 * h * w];
        for (int c = 0; c < 3; c++) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    pixels[(c * h + y) * w + x] = (x * 7 + y * 13 + c * 50 + (x * y) % 17) % 256 - 127.5;
                }
            }
        }
        GraphNetwork network = InceptionV3.build(model, InceptionV3.LAST_IMAGENET_LAYER, InceptionV3.DEFAULTS, "test",
                DataType.FLOAT);
        INDArray input = Nd4j.create(pixels, new long[] {1, 3, h, w}, 'c').castTo(DataType.FLOAT);
        List<String> names = List.of("activation_1", "activation_5", "max_pooling2d_2", "mixed0", "mixed2", "mixed5");
        Activations acts = network.forward(input, names);
        for (String name : names) {
            JsonNode expected = reference.get("layers").get(name);
            INDArray actual = acts.get(name).castTo(DataType.DOUBLE);
            JsonNode shape = expected.get("shape");
            assertArrayEquals(new long[] {1, shape.get(0).asLong(), shape.get(1).asLong(), shape.get(2).asLong()},
                    actual.shape(), name);
            assertEquals(expected.get("sum").asDouble(), actual.sumNumber().doubleValue(),
                    1e-4 * Math.abs(expected.get("sum").asDouble()), name + " sum");
            double norm = actual.norm2Number().doubleValue();
            assertEquals(expected.get("sumOfSquares").asDouble(), norm * norm,
                    1e-4 * expected.get("sumOfSquares").asDouble(), name + " sum of squares");
            for (JsonNode s : expected.get("samples")) {
                double value = actual.getDouble(0, s.get("y").asLong(), s.get("x").asLong(), s.get("c").asLong());
                assertEquals(s.get("value").asDouble(), value, 2e-3 * Math.max(1, Math.abs(s.get("value").asDouble())),
                        name + " at " + s);
            }
        }
    }

    @Test
    void foldedBatchNormEqualsConvolutionThenBatchNorm() {
        GraphNetwork network = InceptionV3.build(model, "activation_2", InceptionV3.DEFAULTS_FOR_TESTS, "test", DataType.DOUBLE);
        SplittableRandom rng = new SplittableRandom(1);
        double[] pixels = new double[3 * 40 * 37];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rng.nextDouble(-127.5, 127.5);
        }
        INDArray x = Nd4j.create(pixels, new long[] {1, 3, 40, 37}, 'c');
        INDArray folded = network.forward(x, List.of("activation_1")).get("activation_1");

        Conv2DConfig config = Conv2DConfig.builder().kH(3).kW(3).sH(2).sW(2).dH(1).dW(1).paddingMode(PaddingMode.VALID)
                .dataFormat(Conv2DConfig.NCHW).weightsFormat(WeightsFormat.YXIO).build();
        INDArray conv = Nd4j.cnn().conv2d(x.div(127.5), model.weights().get("conv2d_1/kernel").castTo(DataType.DOUBLE), config);
        Map<String, INDArray> w = model.weights();
        INDArray mean = w.get("batch_normalization_1/moving_mean").castTo(DataType.DOUBLE).reshape(1, 32, 1, 1);
        INDArray std = Transforms.sqrt(w.get("batch_normalization_1/moving_variance").castTo(DataType.DOUBLE).add(1e-3))
                .reshape(1, 32, 1, 1);
        INDArray beta = w.get("batch_normalization_1/beta").castTo(DataType.DOUBLE).reshape(1, 32, 1, 1);
        INDArray unfolded = Transforms.relu(conv.subi(mean.broadcast(conv.shape())).divi(std.broadcast(conv.shape()))
                .addi(beta.broadcast(conv.shape())), false);
        // the folded kernel is computed in float32, as it is used
        assertEquals(0.0, unfolded.sub(folded.permute(0, 3, 1, 2)).amaxNumber().doubleValue(), 1e-5);
    }

    @Test
    void gradientThroughTheFirstInceptionBlockMatchesCentralDifferences() {
        GraphNetwork network = InceptionV3.build(model, "mixed0", InceptionV3.DEFAULTS_FOR_TESTS, "test", DataType.DOUBLE);
        SplittableRandom rng = new SplittableRandom(2);
        double[] pixels = new double[3 * 79 * 80];
        for (int i = 0; i < pixels.length; i++) {
            pixels[i] = rng.nextDouble(-100, 100);
        }
        INDArray x = Nd4j.create(pixels, new long[] {1, 3, 79, 80}, 'c');
        INDArray mixed0 = network.forward(x, List.of("mixed0")).get("mixed0");
        double[] projection = new double[(int) mixed0.length()];
        for (int i = 0; i < projection.length; i++) {
            projection[i] = rng.nextDouble(-1, 1);
        }
        INDArray r = Nd4j.create(projection, mixed0.shape(), 'c');
        // f(x) = sum(mixed0(x) * r): its feature gradient is r
        INDArray gradient = network.inputGradient(network.forward(x, List.of("mixed0")), Map.of("mixed0", r.dup()));
        double h = 1e-3;
        for (int k = 0; k < 12; k++) {
            long i = rng.nextInt((int) x.length());
            double original = x.getDouble(i);
            x.putScalar(i, original + h);
            double plus = network.forward(x, List.of("mixed0")).get("mixed0").mul(r).sumNumber().doubleValue();
            x.putScalar(i, original - h);
            double minus = network.forward(x, List.of("mixed0")).get("mixed0").mul(r).sumNumber().doubleValue();
            x.putScalar(i, original);
            double expected = (plus - minus) / (2 * h);
            assertEquals(expected, gradient.getDouble(i), 1e-5 * Math.max(1, Math.abs(expected)), "at " + i);
        }
    }

    @Test
    void missingTarballSaysHowToFetchIt() {
        ModelException e = assertThrows(ModelException.class,
                () -> InceptionV3.fromTarball(dir.resolve(InceptionV3.TARBALL), DataType.FLOAT));
        assertTrue(e.getMessage().contains("npm pack nsfwjs@4.4.0"), e.getMessage());
    }

    @Test
    void truncatedTarballIsRefusedWithItsName() throws IOException {
        Path broken = dir.resolve(InceptionV3.TARBALL);
        byte[] bytes = Files.readAllBytes(TARBALL);
        Files.write(broken, java.util.Arrays.copyOf(bytes, bytes.length / 3));
        ModelException e = assertThrows(ModelException.class, () -> InceptionV3.fromTarball(broken, DataType.FLOAT));
        assertTrue(e.getMessage().contains(broken.toString()), e.getMessage());
    }
}
