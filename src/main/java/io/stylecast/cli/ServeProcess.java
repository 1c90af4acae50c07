package io.stylecast.cli;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code serve} in a JVM of its own, started as {@code bin/stylecast} starts it (the options of
 * {@code conf/jvm.options} in the install directory) on this JVM's class path, with its configuration and log in a
 * directory of its own; stopped by its process id when closed, whatever the caller did. For benchmarks and tests
 * that measure or kill a whole server.
 */
public final class ServeProcess implements AutoCloseable {

    private final Process process;
    private final Path log;

    private ServeProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * @param work where its {@code stylecast.json} and {@code server.log} go
     * @param config its whole configuration
     * @param jvmOptions options after the launcher's
     * @param serveArgs arguments after {@code serve --config FILE}
     */
    public static ServeProcess start(Path work, JsonObject config, List<String> jvmOptions, List<String> serveArgs)
            throws IOException {
        return start(work, config, jvmOptions, serveArgs, 0);
    }

    /** As {@link #start(Path, JsonObject, List, List)}, with at most {@code maxOpenFiles} file descriptors (0: as this JVM). */
    public static ServeProcess start(Path work, JsonObject config, List<String> jvmOptions, List<String> serveArgs,
                                     int maxOpenFiles) throws IOException {
        Files.createDirectories(work);
        Path file = work.resolve("stylecast.json");
        Files.writeString(file, config.encode());
        Path home = Path.of(System.getProperty("stylecast.home", ".")).toAbsolutePath().normalize();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(Files.readAllLines(home.resolve("conf/jvm.options")).stream().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "-Dstylecast.home=" + home,
                "io.stylecast.cli.Main", "serve", "--config", file.toString()));
        command.addAll(serveArgs);
        if (maxOpenFiles > 0) {
            command.addAll(0, List.of("bash", "-c", "ulimit -n " + maxOpenFiles + " && exec \"$0\" \"$@\""));
        }
        Path log = work.resolve("server.log");
        return new ServeProcess(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start(), log);
    }

    public Process process() {
        return process;
    }

    /** Everything it printed. */
    public Path log() {
        return log;
    }

    /** Stops it with SIGTERM, as a supervisor would; returns whether it stopped within a minute. */
    public boolean terminate() throws InterruptedException {
        process.destroy();
        return process.waitFor(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive() && !terminate()) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
