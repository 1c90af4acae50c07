package io.stylecast.cli;

import io.stylecast.engine.OptimizerKind;
import io.stylecast.engine.net.Pooling;
import picocli.CommandLine.Option;

/** The --optimizer and --pooling flags, of render and of the benchmarks' engine run (a picocli mixin). */
public final class SolverOptions {

    @Option(names = "--optimizer", defaultValue = "adam", paramLabel = "adam|lbfgs",
            description = "Optimiser (default: ${DEFAULT-VALUE}).")
    String optimizer;

    @Option(names = "--pooling", defaultValue = "avg", paramLabel = "avg|max",
            description = "VGG's pooling between blocks (default: ${DEFAULT-VALUE}, as in the paper; "
                    + "InceptionV3 keeps its own).")
    String pooling;

    public OptimizerKind optimizer() {
        return OptimizerKind.parse(optimizer);
    }

    public Pooling pooling() {
        return Pooling.parse(pooling);
    }
}
