package io.stylecast.cli;

import io.stylecast.engine.InputException;
import io.stylecast.model.ModelException;
import io.stylecast.session.Backend;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code stylecast} command: {@code serve}, {@code render}, {@code models}, {@code cluster-secret}. The
 * benchmarks are a module of their own ({@code stylecast-bench}, {@code bin/bench}).
 */
@Command(name = "stylecast", mixinStandardHelpOptions = true, version = "stylecast 0.1.0",
        description = "Neural style transfer (Gatys, Ecker and Bethge) with ND4J.",
        subcommands = {ServeCommand.class, RenderCommand.class, ModelsCommand.class, ClusterSecretCommand.class,
            CommandLine.HelpCommand.class})
public final class Main {

    /** Exit code for bad input: a missing file, an unreadable image, a parameter out of range. */
    static final int EXIT_BAD_INPUT = 2;

    public static void main(String[] args) {
        // JGroups and Infinispan log through java.util.logging: into SLF4J's configuration with everything else
        org.slf4j.bridge.SLF4JBridgeHandler.removeHandlersForRootLogger();
        org.slf4j.bridge.SLF4JBridgeHandler.install();
        System.exit(run(args));
    }

    /** Runs the command line and returns its exit code (for tests). */
    public static int run(String... args) {
        CommandLine commandLine = new CommandLine(new Main());
        commandLine.setExecutionExceptionHandler((e, cmd, parsed) -> {
            if (e instanceof InputException || e instanceof ModelException) {
                cmd.getErr().println("error: " + e.getMessage());
                return EXIT_BAD_INPUT;
            }
            if (e instanceof Backend.Unavailable) {
                cmd.getErr().println("error: " + e.getMessage());
                return 1;
            }
            throw e;
        });
        return commandLine.execute(args);
    }
}
