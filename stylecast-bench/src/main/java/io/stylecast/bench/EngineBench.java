package io.stylecast.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stylecast.cli.SolverOptions;
import io.stylecast.engine.StyleParams;
import io.stylecast.engine.StyleTransfer;
import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.model.Models;
import io.stylecast.model.RandomVgg19;
import io.stylecast.session.Backend;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench engine}: seconds per iteration (loss, gradient and optimiser step) of the full
 * default loss on synthetic pictures, and the process's peak resident memory, as one JSON object.
 */
@Command(name = "engine", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures seconds per iteration and peak memory; prints one JSON object.")
final class EngineBench implements Callable<Integer> {

    @Option(names = "--width", paramLabel = "PX", defaultValue = "256", description = "Image width (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", paramLabel = "PX", defaultValue = "256", description = "Image height (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "20", description = "Timed iterations (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Option(names = "--warmup", paramLabel = "K", defaultValue = "3", description = "Untimed iterations first (default: ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--model", defaultValue = RandomVgg19.NAME, paramLabel = "PATH|default|random-vgg19",
            description = "Network (default: ${DEFAULT-VALUE}, which needs no weight file).")
    String model;

    @Mixin
    SolverOptions solver;

    @Override
    public Integer call() throws IOException {
        Backend.require();
        StyleParams params = StyleParams.builder().width(width).height(height).iterations(warmup + iterations)
                .pooling(solver.pooling()).optimizer(solver.optimizer()).build();
        FeatureNetwork network = Models.fromEnvironment().load(model, params.pooling(), DataType.FLOAT);
        double[] seconds = new double[iterations];
        long rssAfterWarmup = -1;
        try (StyleTransfer transfer = StyleTransfer.create(network, params, picture(1), List.of(picture(2)), null)) {
            for (int i = 0; i < warmup + iterations; i++) {
                if (i == warmup) {
                    rssAfterWarmup = ResidentMemory.self().current();
                }
                long start = System.nanoTime();
                transfer.next((it, image) -> { });
                if (i >= warmup) {
                    seconds[i - warmup] = (System.nanoTime() - start) / 1e9;
                }
            }
        }
        System.out.println(report(network, seconds, rssAfterWarmup));
        return 0;
    }

    private String report(FeatureNetwork network, double[] seconds, long rssAfterWarmup) throws IOException {
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double median = sorted.length == 0 ? Double.NaN : sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        ObjectNode json = new ObjectMapper().createObjectNode();
        json.put("model", network.name());
        json.put("width", width);
        json.put("height", height);
        json.put("optimizer", solver.optimizer().id());
        json.put("iterations", iterations);
        json.put("warmup", warmup);
        json.put("medianSecondsPerIteration", median);
        json.put("iterationsPerSecond", 1 / median);
        // the mean counts what a whole run costs: iterations that meet a new jitter shift pay for its content target
        json.put("meanSecondsPerIteration", Arrays.stream(seconds).average().orElse(Double.NaN));
        json.put("minSecondsPerIteration", sorted.length == 0 ? Double.NaN : sorted[0]);
        json.put("maxSecondsPerIteration", sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1]);
        json.put("peakRssBytes", ResidentMemory.self().peak());
        json.put("rssAfterWarmupBytes", rssAfterWarmup);
        json.put("rssBytes", ResidentMemory.self().current());
        json.put("threads", Nd4j.getEnvironment().maxMasterThreads());
        json.put("cpu", cpuModel());
        json.put("java", System.getProperty("java.version"));
        return json.toString();
    }

    /** A seeded picture with smooth gradients and texture, so that features are not trivial. */
    private BufferedImage picture(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                int r = 255 * x / width;
                int g = 255 * y / height;
                int b = rng.nextInt(256);
                image.setRGB(x, y, (r << 16) | (g << 8) | b);
            }
        }
        return image;
    }

    static String cpuModel() throws IOException {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (Files.exists(cpuinfo)) {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim() + " x" + Runtime.getRuntime().availableProcessors();
                }
            }
        }
        return System.getProperty("os.arch");
    }
}
