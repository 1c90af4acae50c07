package io.stylecast.cli;

import io.stylecast.cluster.ClusterSecret;
import io.stylecast.cluster.InfinispanCluster;
import io.stylecast.node.Server;
import io.stylecast.session.Addresses;
import io.stylecast.session.Membership;
import io.stylecast.session.protocol.NodeLeft;
import io.stylecast.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Vert.x instance a node runs on: a plain one on one machine, or a clustered one whose members are only the
 * nodes given the cluster's secret ({@link ClusterSecret}): membership over JGroups with TLS on
 * {@code cluster.host}:{@code cluster.port}, the event bus with TLS on {@code cluster.host}:{@code cluster.eventBusPort},
 * both bound to that address alone. The web node hears through it when a member leaves the cluster.
 */
final class ClusterStartup {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterStartup.class);

    /** A started node's Vert.x, its membership, and what leaves the cluster once Vert.x is closed. */
    record Node(Vertx vertx, Membership membership, Runnable leave) {
    }

    private ClusterStartup() {
    }

    /**
     * Starts the node's Vert.x. Joining a cluster takes a few seconds, on a thread of its own: the caller meanwhile
     * loads ND4J.
     */
    static Future<Node> start(Settings settings) {
        if (!settings.cluster().enabled()) {
            return Future.succeededFuture(new Node(Server.vertxBuilder(settings.nodeId()).build(), Membership.local(), () -> {
            }));
        }
        Promise<Node> joined = Promise.promise();
        new Thread(() -> join(settings).onComplete(joined), "stylecast-cluster-join").start();
        return joined.future();
    }

    private static Future<Node> join(Settings settings) {
        Settings.Cluster cluster = settings.cluster();
        String host = cluster.host();
        InfinispanCluster membership;
        try {
            ClusterSecret secret = ClusterSecret.load(Path.of(cluster.secretFile()));
            if (secret.readableByOthers()) {
                LOG.warn("the cluster secret {} can be read by other users of this machine: chmod 600 it", secret.file());
            }
            // the members this node was last with, in a file of its own: web nodes share their output folder
            Path remembered = settings.output().directory().resolve(".cluster")
                    .resolve(settings.nodeId().replaceAll("[^A-Za-z0-9.-]", "_") + ".members");
            membership = InfinispanCluster.join(cluster.name(), host, cluster.port(), cluster.memberList(), secret, remembered);
            LOG.info("joined cluster '{}' as {} (secret {}; listening on {}:{} and the event bus on {})", cluster.name(),
                    membership.memberId(), secret.fingerprint(), host, cluster.port(), host);
            membership.watchLock(Addresses.TABLE_LOCK);
            VertxOptions options = Server.vertxOptions();
            options.getEventBusOptions().setHost(host).setPort(cluster.eventBusPort());
            InfinispanCluster.secure(options.getEventBusOptions(), secret);
            return Server.vertxBuilder(settings.nodeId(), options).withClusterManager(membership.manager()).buildClustered()
                    .map(vertx -> {
                        membership.onMemberLeft(id -> vertx.eventBus().send(Addresses.NODE_LEFT, new NodeLeft(id),
                                new DeliveryOptions().setLocalOnly(true)));
                        // after a merge this node's entry can go missing from the registry, whatever its role: put back,
                        // off the event loops (Infinispan's cluster manager can hold its lock through a merge for seconds)
                        AtomicBoolean relisting = new AtomicBoolean();
                        vertx.setPeriodic(cluster.heartbeatMillis(), id -> {
                            if (relisting.compareAndSet(false, true)) {
                                vertx.executeBlocking(membership::relistIfLost, false).compose(put -> put)
                                        .onComplete(done -> relisting.set(false));
                            }
                        });
                        return new Node(vertx, new Membership(membership.memberId(), membership::isMember, membership::registered,
                                name -> Future.fromCompletionStage(membership.holdsLock(name), vertx.getOrCreateContext()),
                                membership::onMerge),
                                membership::leave);
                    })
                    .onFailure(e -> membership.leave());
        } catch (Exception e) {
            return Future.failedFuture(e);
        }
    }

    /**
     * Checks the cluster settings, with messages that name them.
     *
     * @throws IllegalArgumentException for the first that is wrong
     */
    static void check(Settings settings) {
        Settings.Cluster cluster = settings.cluster();
        for (String member : cluster.memberList()) {
            if (!member.matches("(\\[[0-9A-Fa-f:.]+]|[^:\\s\\[\\]]+):\\d{1,5}")) {
                throw new IllegalArgumentException("cluster.members (--cluster-members) must be host:port,host:port,...; '"
                        + member + "' is not host:port (one port each, no ranges; an IPv6 address in brackets)");
            }
        }
        if (cluster.enabled()) {
            String secret = cluster.secretFile();
            if (secret == null || secret.isBlank()) {
                throw new IllegalArgumentException("a cluster needs its secret, which only its own nodes have (cluster.secretFile,"
                        + " --cluster-secret FILE): " + ClusterSecret.howToMakeOne());
            }
            ClusterSecret.load(Path.of(secret));
        }
    }
}
