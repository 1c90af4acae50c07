import io.stylecast.engine.net.Activations;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.Pooling;
import io.stylecast.model.Models;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * How strongly each style layer of the default network reaches the pixels at its input's border (issue #20; the
 * mechanism in docs/gallery/EDGES.md): {@code java -cp target/stylecast.jar docs/gallery/Reach.java WIDTH HEIGHT}
 * from the repository root. For each layer, the input gradient of the sum of its features, at a random input, as
 * the mean magnitude of each column of pixels over that of the middle 40 columns: the first columns at the left,
 * the last ones at the right, every other column.
 */
public class Reach {

    public static void main(String[] args) throws Exception {
        int width = Integer.parseInt(args[0]);
        int height = Integer.parseInt(args[1]);
        FeatureNetwork network = new Models(Path.of("models")).load(Models.DEFAULT, Pooling.AVG, DataType.FLOAT);
        INDArray input = Nd4j.rand(DataType.FLOAT, 1, 3, height, width).muli(60).subi(30);
        for (String layer : network.defaults().styleLayers().keySet()) {
            Activations activations = network.forward(input, List.of(layer));
            INDArray ones = Nd4j.onesLike(activations.get(layer));
            INDArray gradient = network.inputGradient(activations, Map.of(layer, ones));
            INDArray columns = Transforms.abs(gradient).mean(0, 1, 2);
            double middle = columns.get(NDArrayIndex.interval(width / 2 - 20, width / 2 + 20)).meanNumber().doubleValue();
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-13s left:", layer));
            for (int x = 0; x < 24; x += 2) {
                line.append(String.format(Locale.ROOT, " %.2f", columns.getDouble(x) / middle));
            }
            line.append("   right:");
            for (int x = width - 24; x < width; x += 2) {
                line.append(String.format(Locale.ROOT, " %.2f", columns.getDouble(x) / middle));
            }
            System.out.println(line);
        }
    }
}
