package io.stylecast.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.engine.image.PixelTensor;
import io.stylecast.engine.net.ConvRelu;
import io.stylecast.engine.net.Pooling;
import io.stylecast.engine.net.GraphNetwork;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.api.buffer.DataType;
import us.hebi.matlab.mat.format.Mat5;

public class MatConvNetVggTest {

    @TempDir
    Path dir;

    public static Map<String, Integer> smallChannels() {
        Map<String, Integer> channels = new LinkedHashMap<>();
        channels.put("conv1_1", 4);
        channels.put("conv1_2", 5);
        channels.put("conv2_1", 6);
        return channels;
    }

    private GraphNetwork load(VggMatFile file) throws IOException {
        Path path = dir.resolve("vgg.mat");
        file.write(path);
        return MatConvNetVgg.load(path, Pooling.AVG, DataType.FLOAT);
    }

    private static void assertWeightsAsWritten(GraphNetwork network) {
        assertEquals(List.of("conv1_1", "conv1_2", "pool1", "conv2_1"), network.layerNames());
        int k = 0;
        int in = 3;
        for (var node : network.nodes()) {
            if (!(node.op() instanceof ConvRelu conv)) {
                continue;
            }
            int out = smallChannels().get(conv.name());
            assertArrayEquals(new long[] {3, 3, in, out}, conv.kernel().shape(), conv.name());
            for (int[] idx : new int[][] {{0, 0, 0, 0}, {2, 0, 1, 3}, {0, 2, in - 1, out - 1}, {1, 2, 2, 1}}) {
                assertEquals(VggMatFile.kernelValue(k, idx[0], idx[1], idx[2], idx[3], in),
                        conv.kernel().getFloat(idx[0], idx[1], idx[2], idx[3]), 1e-7,
                        conv.name() + " kernel at " + java.util.Arrays.toString(idx));
            }
            assertEquals(VggMatFile.biasValue(k, out - 1), conv.bias().getFloat(out - 1), 1e-7);
            in = out;
            k++;
        }
    }

    @Test
    void readsWeightsCellsWithShapesFromTheFile() throws IOException {
        GraphNetwork network = load(new VggMatFile(smallChannels()));
        assertWeightsAsWritten(network);
        assertArrayEquals(PixelTensor.IMAGENET_MEAN_RGB, network.meanRgb(), 0.0);
    }

    @Test
    void readsOlderFiltersBiasesFieldsInAnyOrderFromAStructArray() throws IOException {
        assertWeightsAsWritten(load(new VggMatFile(smallChannels())
                .weights(VggMatFile.Weights.FILTERS_BIASES)
                .container(VggMatFile.Container.STRUCT_ARRAY)
                .reversedFields()));
    }

    @Test
    void averagesTheStoredMeanImageOverSpace() throws IOException {
        double[] mean = {120.5, 110.25, 100.0};
        GraphNetwork network = load(new VggMatFile(smallChannels()).averageImage("normalization", new int[] {4, 4, 3}, mean));
        assertArrayEquals(mean, network.meanRgb(), 1e-5);
    }

    @Test
    void readsTheMeanFromMeta() throws IOException {
        double[] mean = {123.68, 116.779, 103.939};
        GraphNetwork network = load(new VggMatFile(smallChannels()).averageImage("meta", new int[] {1, 1, 3}, mean));
        assertArrayEquals(mean, network.meanRgb(), 1e-4);
    }

    @Test
    void missingFileNamesTheFileAndWhereToGetIt() {
        Path missing = dir.resolve("imagenet-vgg-verydeep-19.mat");
        ModelException e = assertThrows(ModelException.class, () -> MatConvNetVgg.load(missing, Pooling.AVG, DataType.FLOAT));
        assertTrue(e.getMessage().contains(missing.toString()) && e.getMessage().contains("not found"), e.getMessage());
    }

    @Test
    void truncatedFileIsRefusedWithItsName() throws IOException {
        Path path = dir.resolve("vgg.mat");
        new VggMatFile(smallChannels()).write(path);
        byte[] bytes = Files.readAllBytes(path);
        Path truncated = dir.resolve("truncated.mat");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length / 2));
        ModelException e = assertThrows(ModelException.class, () -> MatConvNetVgg.load(truncated, Pooling.AVG, DataType.FLOAT));
        assertTrue(e.getMessage().startsWith(truncated.toString()), e.getMessage());
    }

    @Test
    void fileOfAnotherKindIsRefused() throws IOException {
        Path text = dir.resolve("notes.mat");
        Files.writeString(text, "this is not a MATLAB file, just some text that is long enough to have a header".repeat(3));
        ModelException e = assertThrows(ModelException.class, () -> MatConvNetVgg.load(text, Pooling.AVG, DataType.FLOAT));
        assertTrue(e.getMessage().contains(text.toString()), e.getMessage());
    }

    @Test
    void matFileWithoutLayersIsRefused() throws IOException {
        Path other = dir.resolve("other.mat");
        Mat5.writeToFile(Mat5.newMatFile().addArray("x", Mat5.newScalar(1)), other.toFile());
        ModelException e = assertThrows(ModelException.class, () -> MatConvNetVgg.load(other, Pooling.AVG, DataType.FLOAT));
        assertTrue(e.getMessage().contains("no 'layers' variable"), e.getMessage());
    }
}
