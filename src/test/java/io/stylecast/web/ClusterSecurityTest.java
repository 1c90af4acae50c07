package io.stylecast.web;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.IntegrationTest;
import io.stylecast.cluster.ClusterSecret;
import io.stylecast.cluster.InfinispanCluster;
import io.stylecast.session.Addresses;
import io.stylecast.session.NodeInfo;
import io.stylecast.session.SessionWire;
import io.stylecast.session.protocol.Control;
import io.stylecast.session.protocol.ProtocolCodecs;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.session.protocol.SessionStatus;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.eventbus.ReplyFailure;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/**
 * A web node and a worker node with the cluster's secret, each a JVM of its own, and strangers on the same network
 * trying what the attacker of round three did: a node started without a secret does not start; one started with
 * another cluster's secret is never a member, gets no session and is never listed; a program in this JVM with that
 * other secret can reach no node's address (its phantom node, its cancels, its forged progress go nowhere); bytes sent
 * straight to the membership and event-bus ports, in the clear or over TLS without the key, are refused; and nothing
 * listens on another address than {@code cluster.host}. The session the class started meanwhile runs to its end.
 */
@IntegrationTest
class ClusterSecurityTest {

    private TestCluster cluster;
    private Vertx rogue;
    private InfinispanCluster rogueMembership;

    @AfterEach
    void stop() throws Exception {
        if (rogue != null) {
            rogue.close().await();
            rogueMembership.leave();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void onlyNodesWithTheSecretTakePartAndStrangersMoveNothing(@TempDir(cleanup = CleanupMode.ON_SUCCESS) Path dir)
            throws Exception {
        int[] ports = TestCluster.freePorts(3);
        int webPort = ports[0];
        int eventBusPort = ports[1];
        cluster = new TestCluster(dir, new JsonObject());
        ServerProcess web = cluster.start("web", List.of("--role", "web", "--cluster-port", "" + webPort, "--cluster-secret",
                cluster.secret.toString()), new JsonObject().put("cluster", new JsonObject().put("eventBusPort", eventBusPort)));
        ServerProcess worker = cluster.worker("worker", ports[2], webPort);
        TestCluster.awaitReadyNodes(web, 1);

        Map.Entry<Integer, String> refused = ServerProcess.refusedStart(dir.resolve("nosecret"), new JsonObject()
                .put("model", cluster.model.toString()), List.of("--role", "worker", "--cluster-members", "127.0.0.1:" + webPort));
        assertEquals(2, refused.getKey(), refused.getValue());
        assertTrue(refused.getValue().contains("a cluster needs its secret") && refused.getValue().contains("cluster-secret"),
                refused.getValue());

        Path otherSecret = dir.resolve("other-cluster.p12");
        ClusterSecret.create(otherSecret);
        // ports taken just before they are bound: one chosen at the start can be an ephemeral port of a node by now
        ServerProcess stranger = cluster.start("stranger", List.of("--role", "worker", "--cluster-port", "" + TestCluster.freePorts(1)[0],
                "--cluster-members", "127.0.0.1:" + webPort, "--cluster-secret", otherSecret.toString()));
        rogue = rogueNode(TestCluster.freePorts(1)[0], webPort, otherSecret, dir);
        assertEquals(1, rogueMembership.manager().getNodes().size(), "the rogue is alone in a cluster of its own");

        JsonObject session = TestCluster.create(web, 300, false);
        String id = session.getString("id");
        await().atMost(Duration.ofSeconds(30)).until(() -> TestCluster.sessionsOn(worker) == 1);

        // what the attacker of round three sent, from a program with another cluster's key
        NodeInfo phantom = new NodeInfo("10.9.9.9:5701/phantom", "worker", 100, 100_000, new JsonObject().put("kind", "cpu"),
                web.getJson("/api/health").getString("model"), List.of(), 0, Map.of(), List.of(), new JsonObject());
        assertNoHandlers(rogue.eventBus().request(Addresses.NODES, phantom, new DeliveryOptions().setSendTimeout(5000)));
        String workerId = web.getJson("/api/health").getJsonArray("nodes").getJsonObject(0).getString("id");
        assertNoHandlers(rogue.eventBus().request(Addresses.worker(workerId, 0), new Control.Cancel(id)));
        assertNoHandlers(rogue.eventBus().request(Addresses.worker(workerId, 0), new Control.Update(id, null, 1e15, null, null)));
        assertNoHandlers(rogue.eventBus().request(Addresses.run(id, 1),
                new SessionStatus(id, SessionState.FAILED, 99999, 300, null, 0, "forged")));
        assertNoHandlers(rogue.eventBus().request(Addresses.STATUS, id));

        // bytes straight to the ports: in the clear, and over TLS without the key
        for (int port : new int[] {webPort, eventBusPort}) {
            assertRefusesPlainBytes(port);
            assertRefusesTlsWithoutTheKey(port);
            assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.2", port), 2000),
                    "port " + port + " listens on cluster.host (127.0.0.1) alone");
        }
        assertThrows(ConnectException.class, () -> new Socket().connect(new InetSocketAddress("127.0.0.2", worker.port()), 2000),
                "a worker node's HTTP listens on http.host alone");
        String workerHealth = worker.getJson("/api/health").encode();
        assertFalse(workerHealth.contains(id), "a worker node's health names no session: " + workerHealth);

        JsonObject done = awaitState(web, id, "done");
        assertEquals(300, done.getInteger("iteration"), "the session ran to its end, untouched: " + done);
        assertEquals(1, web.getJson("/api/health").getJsonArray("nodes").size(), "only the real worker node is listed");
        assertEquals(0, TestCluster.sessionsOn(stranger), "the stranger got no session");
        JsonObject second = TestCluster.create(web, 20, false);
        assertEquals("done", awaitState(web, second.getString("id"), "done").getString("state"), "and new sessions still run");
    }

    /** A clustered Vert.x with another cluster's secret, trying to join the web node. */
    private Vertx rogueNode(int port, int webPort, Path secret, Path dir) throws Exception {
        ClusterSecret key = ClusterSecret.load(secret);
        rogueMembership = InfinispanCluster.join("stylecast", "127.0.0.1", port, List.of("127.0.0.1:" + webPort), key,
                dir.resolve("rogue-members"));
        VertxOptions options = new VertxOptions();
        options.getEventBusOptions().setHost("127.0.0.1");
        InfinispanCluster.secure(options.getEventBusOptions(), key);
        Vertx vertx = Vertx.builder().with(options).withClusterManager(rogueMembership.manager()).buildClustered().await();
        SessionWire.register(vertx.eventBus());
        ProtocolCodecs.register(vertx.eventBus());
        return vertx;
    }

    private static void assertNoHandlers(io.vertx.core.Future<?> sent) {
        Throwable failure = assertThrows(Exception.class, sent::await);
        assertTrue(failure instanceof ReplyException r && r.failureType() == ReplyFailure.NO_HANDLERS,
                "nobody there for a stranger: " + failure);
    }

    /** A connection that sends bytes in the clear is closed, and nothing comes back. */
    private static void assertRefusesPlainBytes(int port) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("{\"type\":\"cancel\",\"id\":\"x\"}\n".repeat(20).getBytes(StandardCharsets.UTF_8));
            assertClosedWithoutAnswer(socket.getInputStream(), port);
        } catch (java.net.SocketException reset) {
            // closed while the bytes went out: refused all the same
        }
    }

    /** A TLS client without the cluster's key is refused by the server that asks for it. */
    private static void assertRefusesTlsWithoutTheKey(int port) throws Exception {
        SSLContext trustingAnyone = SSLContext.getInstance("TLS");
        trustingAnyone.init(null, new TrustManager[] {new X509TrustManager() {
            public void checkClientTrusted(X509Certificate[] chain, String type) {
            }

            public void checkServerTrusted(X509Certificate[] chain, String type) {
            }

            public X509Certificate[] getAcceptedIssuers() {
                return new X509Certificate[0];
            }
        }}, null);
        try (SSLSocket socket = (SSLSocket) trustingAnyone.getSocketFactory().createSocket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.startHandshake();
            socket.getOutputStream().write("hello".getBytes(StandardCharsets.UTF_8));
            socket.getOutputStream().flush();
            assertClosedWithoutAnswer(socket.getInputStream(), port);
        } catch (javax.net.ssl.SSLException | java.net.SocketException refused) {
            // the handshake itself failed: refused
        }
    }

    /** The server closes the connection, having said nothing but, at most, a TLS alert (a record of type 21). */
    private static void assertClosedWithoutAnswer(InputStream in, int port) throws IOException {
        byte[] answer;
        try {
            answer = in.readAllBytes();
        } catch (javax.net.ssl.SSLException | java.net.SocketException refused) {
            return;   // an alert or a reset: refused
        }
        assertTrue(answer.length == 0 || answer[0] == 21 && answer.length <= 16,
                "port " + port + " answered a stranger: " + java.util.HexFormat.of().formatHex(answer));
    }

    private static JsonObject awaitState(ServerProcess web, String id, String state) {
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100))
                .until(() -> state.equals(web.getJson("/api/sessions/" + id).getString("state")));
        try {
            return web.getJson("/api/sessions/" + id);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
