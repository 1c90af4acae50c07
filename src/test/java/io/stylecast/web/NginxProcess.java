package io.stylecast.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Debian's nginx in front of web nodes, run with the project's {@code conf/nginx/stylecast.conf} as it is, its
 * {@code listen} port and upstream servers replaced by the test's, inside a main configuration of the test's own
 * (its files under the test's folder). Stopped by its process id when closed, whatever the test did.
 */
final class NginxProcess implements AutoCloseable {

    static final Path BINARY = Path.of("/usr/sbin/nginx");

    final Process process;
    final String base;
    private final int port;
    private final Path dir;

    private NginxProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.base = "http://127.0.0.1:" + port;
        this.dir = dir;
    }

    /** Starts nginx on {@code port} in front of the web nodes at these ports; returns once it listens. */
    static NginxProcess start(Path dir, int port, List<Integer> webPorts) throws Exception {
        Files.createDirectories(dir);
        String site = Files.readString(Path.of("conf/nginx/stylecast.conf"));
        String servers = webPorts.stream().map(p -> "    server 127.0.0.1:" + p + " max_fails=1 fail_timeout=5s;")
                .collect(Collectors.joining("\n"));
        site = site.replaceAll("(?m)^    server 127\\.0\\.0\\.1:\\d+ .*\\n", "")
                .replace("upstream stylecast_web {", "upstream stylecast_web {\n" + servers)
                .replace("listen 8000;", "listen 127.0.0.1:" + port + ";");
        if (!site.contains("listen 127.0.0.1:" + port)) {
            throw new IllegalStateException("conf/nginx/stylecast.conf no longer listens on 8000: update this test");
        }
        Files.writeString(dir.resolve("stylecast.conf"), site);
        String temp = Files.createDirectories(dir.resolve("temp")).toString();
        // as root, its workers run as root too: they write under the test's folder, which others cannot enter
        Files.writeString(dir.resolve("nginx.conf"), """
                %s
                worker_processes 1;
                daemon off;
                pid %s/nginx.pid;
                error_log %s/error.log info;
                events { worker_connections 1024; }
                http {
                    access_log %s/access.log;
                    client_body_temp_path %s/body;
                    proxy_temp_path %s/proxy;
                    fastcgi_temp_path %s/fastcgi;
                    uwsgi_temp_path %s/uwsgi;
                    scgi_temp_path %s/scgi;
                    include %s/stylecast.conf;
                }
                """.formatted("root".equals(System.getProperty("user.name")) ? "user root;" : "", dir, dir, dir, temp,
                temp, temp, temp, temp, dir));
        Process process = new ProcessBuilder(BINARY.toString(), "-p", dir.toString(), "-c", dir.resolve("nginx.conf").toString(),
                "-e", dir.resolve("error.log").toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("nginx.out").toFile()).start();
        NginxProcess nginx = new NginxProcess(process, port, dir);
        try {
            org.awaitility.Awaitility.await("nginx listens").atMost(java.time.Duration.ofSeconds(20))
                    .pollInterval(java.time.Duration.ofMillis(100)).ignoreExceptionsInstanceOf(IOException.class)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new IllegalStateException("nginx exited: " + nginx.log());
                        }
                        try (var socket = new java.net.Socket("127.0.0.1", port)) {
                            return true;
                        }
                    });
        } catch (RuntimeException e) {
            nginx.close();
            throw e;
        }
        return nginx;
    }

    int port() {
        return port;
    }

    /** What nginx logged. */
    String log() throws IOException {
        Path out = dir.resolve("nginx.out");
        Path errors = dir.resolve("error.log");
        return (Files.exists(out) ? Files.readString(out) : "") + (Files.exists(errors) ? Files.readString(errors) : "");
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();   // SIGTERM: nginx's fast shutdown, its worker with it
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
