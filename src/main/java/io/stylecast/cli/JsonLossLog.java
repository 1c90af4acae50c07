package io.stylecast.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stylecast.engine.Iteration;
import java.io.PrintStream;

/**
 * One JSON object per line and iteration:
 * {@code {"iteration": i, "contentLoss": .., "styleLoss": .., "tvLoss": .., "totalLoss": .., "millis": ..}},
 * line i holding the losses of the image before the i-th update. The content, style and tv losses
 * are unweighted (Lc, Ls = sum w_l E_l, TV); totalLoss is the weighted sum; millis counts from the
 * start of the optimisation.
 */
final class JsonLossLog {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;

    JsonLossLog(PrintStream out) {
        this.out = out;
    }

    void write(Iteration iteration) {
        ObjectNode line = JSON.createObjectNode();
        line.put("iteration", iteration.iteration());
        iteration.losses().asMap().forEach(line::put);
        if (!iteration.losses().styleLayers().isEmpty()) {
            ObjectNode layers = line.putObject("styleLayers");
            iteration.losses().styleLayers().forEach(layers::put);
        }
        line.put("millis", iteration.elapsedMillis());
        out.println(line);
    }

    void flush() {
        out.flush();
    }
}
