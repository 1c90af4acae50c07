package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylecast.IntegrationTest;
import io.vertx.core.json.JsonObject;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** One machine serves IPv6 as the README starts it (bin/stylecast's JVM options): {@code http.host} {@code ::}, reached at {@code [::1]}. */
@IntegrationTest
class Ipv6Test {

    @Test
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aServerOnTheIpv6WildcardAnswersAtTheIpv6Loopback(@TempDir Path dir) throws Exception {
        try (ServerSocket probe = new ServerSocket()) {
            probe.bind(new InetSocketAddress(InetAddress.getByName("::1"), 0));
        } catch (java.io.IOException noIpv6) {
            Assumptions.abort("this machine has no IPv6 loopback");
        }
        try (ServerProcess server = ServerProcess.start(dir, new JsonObject().put("http", new JsonObject().put("host", "::")),
                List.of())) {
            String v6 = "http://[::1]:" + server.port();
            HttpResponse<String> health = server.http.send(HttpRequest.newBuilder(URI.create(v6 + "/api/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, health.statusCode(), health.body());
            HttpResponse<String> created = server.http.send(HttpRequest.newBuilder(URI.create(v6 + "/api/sessions"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                            "{\"contentSample\":\"chelsea\",\"styleSample\":\"ihc\",\"params\":{\"width\":32,\"iterations\":5}}"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(201, created.statusCode(), created.body());
            assertEquals(200, server.http.send(HttpRequest.newBuilder(URI.create(server.base + "/api/health")).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode(), "IPv4 as well");
            assertEquals(Inet6Address.class, InetAddress.getByName("::1").getClass());
        }
    }
}
