package io.stylecast.cli;

import io.stylecast.web.Server;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code stylecast serve}: the live server. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {"Runs the live server: sessions from browsers, every iteration streamed over WebSocket.",
            "Every key of the configuration can be overridden by an environment variable, e.g. STYLECAST_HTTP_PORT."})
final class ServeCommand implements Callable<Integer> {

    private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

    @Option(names = "--port", paramLabel = "P", description = "HTTP port (default: the configuration's, 8080).")
    Integer port;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Configuration file (default: conf/stylecast.json in the install directory).")
    Path config;

    @Override
    public Integer call() throws InterruptedException {
        JsonObject settings = ServerStartup.config(config);
        if (port != null) {
            settings.getJsonObject("http").put("port", port);
        }
        Vertx vertx = Vertx.vertx(Server.vertxOptions());
        CountDownLatch stopped = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger exitCode = new java.util.concurrent.atomic.AtomicInteger();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            stopped.countDown();
        }));
        Server.start(vertx, settings)
                .onSuccess(server -> LOG.info("stylecast is serving on http://localhost:{}/", server.port()))
                .onFailure(e -> {
                    LOG.error("the server could not start: {}", e.getMessage());
                    exitCode.set(1);
                    vertx.close().onComplete(v -> stopped.countDown());
                });
        stopped.await();
        return exitCode.get();
    }
}
