package io.stylecast.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.stylecast.IntegrationTest;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.ext.cluster.infinispan.InfinispanClusterManager;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import org.infinispan.manager.EmbeddedCacheManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A member's entry in the cluster's registry. The coordinator removes the entry of a member it takes for dead, and
 * nothing of Vert.x's puts it back when that member returns (seen in PausedNodeTest: a worker node paused with SIGSTOP
 * merged back, its workers registered anew, and the web node's event bus still refused it, "Not a member of the
 * cluster", for the rest of the run).
 */
@IntegrationTest
class InfinispanClusterTest {

    @TempDir
    Path dir;

    private static NodeInfo listed(InfinispanCluster cluster) {
        Promise<NodeInfo> found = Promise.promise();
        cluster.manager().getNodeInfo(cluster.memberId(), found);
        return found.future().await();
    }

    @Test
    void aMemberWhoseEntryWasRemovedPutsItBack() throws Exception {
        ClusterSecret.create(dir.resolve("secret.p12"));
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        InfinispanCluster cluster = InfinispanCluster.join("stylecast-test", "127.0.0.1", port, List.of(),
                ClusterSecret.load(dir.resolve("secret.p12")), dir.resolve("members"));
        VertxOptions options = new VertxOptions();
        options.getEventBusOptions().setHost("127.0.0.1");
        InfinispanCluster.secure(options.getEventBusOptions(), ClusterSecret.load(dir.resolve("secret.p12")));
        Vertx vertx = Vertx.builder().with(options).withClusterManager(cluster.manager()).buildClustered().await();
        try {
            NodeInfo own = listed(cluster);
            ((EmbeddedCacheManager) ((InfinispanClusterManager) cluster.manager()).getCacheContainer()).getCache("__vertx.nodeInfo").remove(cluster.memberId());
            assertThrows(Exception.class, () -> listed(cluster), "the entry is gone, as the coordinator removes it");

            cluster.relistIfLost().await();
            assertEquals(own, listed(cluster), "back, with the event bus's host and port");
        } finally {
            vertx.close().await();
            cluster.leave();
        }
    }
}
