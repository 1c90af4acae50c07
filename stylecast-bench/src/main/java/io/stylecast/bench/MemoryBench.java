package io.stylecast.bench;

import io.stylecast.bench.SessionMemoryProbe.Measurement;
import io.stylecast.engine.InputException;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code bin/bench memory}: what one session of each size takes on a fresh server (see
 * {@link SessionMemoryProbe}), and the straight line through those figures, fixed bytes plus bytes per output
 * pixel, that admission uses for the network ({@code io.stylecast.model.SessionMemory}). Prints JSON.
 */
@Command(name = "memory", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measures the resident memory one session adds to a fresh server, at several sizes; prints JSON"
                + " with the fitted line (fixed bytes + bytes per pixel).")
final class MemoryBench implements Callable<Integer> {

    @Option(names = "--model", defaultValue = "default", description = "Network (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(names = "--sizes", split = ",", paramLabel = "WxH", defaultValue = "128x128,256x256,512x512,640x480",
            description = "Output sizes (default: ${DEFAULT-VALUE}).")
    List<String> sizes;

    @Option(names = "--iterations", defaultValue = "20", description = "Iterations per session (default: ${DEFAULT-VALUE}).")
    int iterations;

    @Override
    public Integer call() throws Exception {
        List<int[]> wanted = new ArrayList<>();
        for (String size : sizes) {
            if (!size.matches("[1-9][0-9]{0,4}x[1-9][0-9]{0,4}")) {
                throw new InputException("--sizes takes WIDTHxHEIGHT, e.g. 256x256,640x480; got '" + size + "'");
            }
            String[] wh = size.split("x");
            wanted.add(new int[] {Integer.parseInt(wh[0]), Integer.parseInt(wh[1])});
        }
        Path work = Files.createTempDirectory("stylecast-bench-memory");
        List<Measurement> measured = new ArrayList<>();
        try {
            for (int[] size : wanted) {
                Measurement m = SessionMemoryProbe.measure(model, size[0], size[1], iterations, work.resolve(size[0] + "x" + size[1]));
                System.err.printf("%s %dx%d: %d MB above %d MB idle%n", model, size[0], size[1], m.sessionBytes() >> 20,
                        m.idleBytes() >> 20);
                measured.add(m);
            }
        } finally {
            // the servers' logs and pictures
            try (var files = Files.walk(work)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        double[] line = fit(measured);
        JsonArray rows = new JsonArray();
        measured.forEach(m -> rows.add(m.toJson().put("fittedBytes", Math.round(line[0] + line[1] * m.pixels()))));
        System.out.println(new JsonObject().put("measurements", rows)
                .put("fit", new JsonObject().put("fixedBytes", Math.round(line[0])).put("bytesPerPixel", Math.round(line[1])))
                .put("cpu", EngineBench.cpuModel()).put("java", System.getProperty("java.version")).encodePrettily());
        return 0;
    }

    /** Least squares {@code bytes = a + b * pixels}; returns {a, b}. */
    static double[] fit(List<Measurement> measured) {
        int n = measured.size();
        double sx = 0, sy = 0, sxx = 0, sxy = 0;
        for (Measurement m : measured) {
            double x = m.pixels(), y = m.sessionBytes();
            sx += x;
            sy += y;
            sxx += x * x;
            sxy += x * y;
        }
        double b = n < 2 ? sy / sx : (n * sxy - sx * sy) / (n * sxx - sx * sx);
        return new double[] {(sy - b * sx) / n, b};
    }
}
