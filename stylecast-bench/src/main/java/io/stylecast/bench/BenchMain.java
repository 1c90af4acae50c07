package io.stylecast.bench;

import io.stylecast.engine.InputException;
import io.stylecast.session.Backend;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code bin/bench}: the measurements behind docs/PERFORMANCE.md, kept out of the product: {@code engine} (seconds per
 * iteration), {@code server} (the live server's throughput), {@code memory} (what a session adds to a server).
 */
@Command(name = "bench", mixinStandardHelpOptions = true, version = "stylecast-bench 0.1.0",
        description = "Measures stylecast; each command prints JSON.",
        subcommands = {EngineBench.class, ServerBench.class, MemoryBench.class, CommandLine.HelpCommand.class})
public final class BenchMain {

    public static void main(String[] args) {
        // java.util.logging (Hibernate Validator, JGroups) into SLF4J's configuration, as the product's Main does
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        CommandLine commandLine = new CommandLine(new BenchMain());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InputException || e instanceof Backend.Unavailable) {
                cmd.getErr().println("error: " + e.getMessage());
                return 2;
            }
            throw e;
        });
        System.exit(commandLine.execute(args));
    }
}
