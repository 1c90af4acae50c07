package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.stylecast.settings.SettingsFile;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A class behind one school address (issue #21): each browser is a client of its own (an id in a cookie), with the
 * per-client limits as they are, and the address has looser caps sized for a room; a trusted proxy's forwarded address
 * counts, anyone else's header does not.
 */
@IntegrationTest
class RoomBehindOneAddressTest {

    @TempDir
    Path dir;

    private ServerFixture server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    /** The shipped limits (the fixture raises some for other tests), with {@code http} settings of the test's. */
    private void start(JsonObject http) throws Exception {
        JsonObject defaults = SettingsFile.load(Path.of("conf/stylecast.json"), Map.of()).getJsonObject("limits");
        server = ServerFixture.start(dir, new JsonObject().put("limits", defaults).put("http", http));
    }

    /** What a browser gets on its first page: the id cookie. */
    private String browser() {
        ServerFixture.Response page = server.request(HttpMethod.GET, "/", null, Map.of("Accept", "text/html"));
        assertEquals(200, page.status());
        String cookie = page.header("Set-Cookie");
        assertNotNull(cookie, "a browser gets an id");
        assertTrue(cookie.toLowerCase(java.util.Locale.ROOT).contains("httponly") && cookie.contains("SameSite=Lax"), cookie);
        return cookie.substring(0, cookie.indexOf(';'));
    }

    private ServerFixture.Response create(Map<String, String> headers) {
        Map<String, String> all = new HashMap<>(headers);
        all.put("Content-Type", "application/json");
        JsonObject body = new JsonObject().put("contentSample", "chelsea").put("styleSample", "ihc")
                .put("params", new JsonObject().put("width", 32).put("iterations", 20000));
        return server.request(HttpMethod.POST, "/api/sessions", Buffer.buffer(body.encode()), all);
    }

    @Test
    void thirtyBrowsersBehindOneAddressAreAllAdmittedAndEachKeepsItsOwnLimit() throws Exception {
        start(new JsonObject());
        Set<String> cookies = new HashSet<>();
        String first = null;
        for (int student = 0; student < 30; student++) {
            String cookie = browser();
            first = first == null ? cookie : first;
            cookies.add(cookie);
            ServerFixture.Response created = create(Map.of("Cookie", cookie));
            assertEquals(201, created.status(), "student " + student + ": " + created.body());
        }
        assertEquals(30, cookies.size(), "each browser its own id");
        assertEquals(201, create(Map.of("Cookie", first)).status());
        assertEquals(201, create(Map.of("Cookie", first)).status());
        ServerFixture.Response fourth = create(Map.of("Cookie", first));
        assertEquals(429, fourth.status());
        assertEquals("too many open sessions: at most 3 from one client; cancel one or wait for it to finish",
                fourth.json().getString("error"));
        assertEquals(201, create(Map.of("Cookie", "stylecast-client=" + "0".repeat(32))).status(),
                "another browser of the room still starts one");

        for (int more = 33; more < 40; more++) {
            assertEquals(201, create(Map.of("Cookie", browser())).status());
        }
        ServerFixture.Response full = create(Map.of("Cookie", browser()));
        assertEquals(429, full.status(), "the address's own cap, limits.maxSessionsPerAddress");
        assertEquals("too many open sessions: at most 40 from one address; wait for some to finish",
                full.json().getString("error"));
        assertEquals(200, server.get("/api/health").status());
    }

    @Test
    void aTrustedProxysForwardedAddressCountsAndNobodyElses() throws Exception {
        start(new JsonObject().put("trustedProxies", new io.vertx.core.json.JsonArray().add("127.0.0.1")));
        for (int i = 0; i < 3; i++) {
            assertEquals(201, create(Map.of("X-Forwarded-For", "198.51.100.1, 203.0.113.5")).status());
        }
        assertEquals(429, create(Map.of("X-Forwarded-For", "198.51.100.1, 203.0.113.5")).status(),
                "the last address before the proxy is the client");
        assertEquals(201, create(Map.of("X-Forwarded-For", "203.0.113.6")).status(), "another address is another client");
        assertEquals(201, create(Map.of("X-Forwarded-For", "not-an-address")).status(),
                "a malformed header counts as the proxy itself");
        server.close();

        start(new JsonObject());
        for (int i = 0; i < 3; i++) {
            assertEquals(201, create(Map.of("X-Forwarded-For", "203.0.113." + i)).status());
        }
        assertEquals(429, create(Map.of("X-Forwarded-For", "203.0.113.99")).status(),
                "without trustedProxies the header is ignored: all four come from 127.0.0.1");
    }
}
