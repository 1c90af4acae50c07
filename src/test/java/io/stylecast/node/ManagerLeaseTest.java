package io.stylecast.node;

import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.stylecast.IntegrationTest;
import io.stylecast.cluster.ClusterSecret;
import io.stylecast.cluster.InfinispanCluster;
import io.stylecast.session.Membership;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two web nodes of one cluster (two clustered Vert.x instances on their own Infinispan members, in this JVM) race for
 * the sessions' table at once: one keeps it, the other waits, every question reaches the one; when that node leaves,
 * the other takes the table over within seconds.
 */
@IntegrationTest
class ManagerLeaseTest {

    /** What each node's table answers at, in the place of the session manager's addresses. */
    private static final String ADDRESS = "test.table";

    @TempDir
    Path dir;
    private final List<Runnable> closing = new ArrayList<>();
    /** The nodes running a table now. */
    private final Set<String> tables = ConcurrentHashMap.newKeySet();

    @AfterEach
    void close() {
        closing.forEach(Runnable::run);
    }

    /** Stands for the session manager: answers with its node's name while it runs. */
    private final class Table extends VerticleBase {
        private final String node;

        Table(String node) {
            this.node = node;
        }

        @Override
        public Future<?> start() {
            tables.add(node);
            return vertx.eventBus().consumer(ADDRESS, m -> m.reply(node)).completion();
        }

        @Override
        public Future<?> stop() {
            tables.remove(node);
            return Future.succeededFuture();
        }
    }

    private record Node(Vertx vertx, InfinispanCluster cluster) {
        /** This node's membership, as a started node has it (named {@code name} for the log). */
        Membership membership(String name) {
            return new Membership(name, cluster::isMember, cluster::registered,
                    lock -> Future.fromCompletionStage(cluster.holdsLock(lock), vertx.getOrCreateContext()), cluster::onMerge);
        }

        void leave() {
            vertx.close().await();
            cluster.leave();
        }
    }

    private Node join(String name, int port, List<String> members) throws Exception {
        ClusterSecret secret = ClusterSecret.load(dir.resolve("secret.p12"));
        InfinispanCluster cluster = InfinispanCluster.join("stylecast-lease-test", "127.0.0.1", port, members, secret,
                dir.resolve(name + ".members"));
        VertxOptions options = new VertxOptions();
        options.getEventBusOptions().setHost("127.0.0.1");
        InfinispanCluster.secure(options.getEventBusOptions(), secret);
        Vertx vertx = Vertx.builder().with(options).withClusterManager(cluster.manager()).buildClustered().await();
        Node node = new Node(vertx, cluster);
        closing.add(0, () -> {
            try {
                node.leave();
            } catch (Exception ignored) {
                // left already
            }
        });
        return node;
    }

    @Test
    void oneWebNodeKeepsTheTableAndAnotherTakesItOver() throws Exception {
        ClusterSecret.create(dir.resolve("secret.p12"));
        int[] ports = new int[2];
        for (int i = 0; i < 2; i++) {
            try (ServerSocket free = new ServerSocket(0)) {
                ports[i] = free.getLocalPort();
            }
        }
        List<String> members = List.of("127.0.0.1:" + ports[0], "127.0.0.1:" + ports[1]);
        Node a = join("a", ports[0], members);
        Node b = join("b", ports[1], members);
        await().atMost(Duration.ofSeconds(30)).until(() -> a.cluster().isMember(b.cluster().memberId()));

        // both at once
        Future<String> leaseA = a.vertx().deployVerticle(new ManagerLease(() -> new Table("a"), a.membership("a"), dir.resolve("table")));
        Future<String> leaseB = b.vertx().deployVerticle(new ManagerLease(() -> new Table("b"), b.membership("b"), dir.resolve("table")));
        Future.all(leaseA, leaseB).await();
        assertEquals(1, tables.size(), "one table in the cluster: " + tables);
        String keeper = tables.iterator().next();
        for (Node node : List.of(a, b)) {
            for (int i = 0; i < 5; i++) {
                assertEquals(keeper, node.vertx().eventBus().<String>request(ADDRESS, "").await().body(),
                        "every question reaches the one table");
            }
        }

        Node gone = keeper.equals("a") ? a : b;
        Node other = gone == a ? b : a;
        String next = keeper.equals("a") ? "b" : "a";
        gone.leave();
        await("the other node takes the table over").atMost(Duration.ofSeconds(20)).until(() -> tables.equals(Set.of(next)));
        assertEquals(next, other.vertx().eventBus().<String>request(ADDRESS, "").await().body());
    }
}
