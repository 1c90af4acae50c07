package io.stylecast.cli;

import com.hazelcast.cluster.Address;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;
import io.stylecast.session.Addresses;
import io.stylecast.session.ServerSettings;
import io.stylecast.web.Server;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.spi.cluster.hazelcast.ConfigUtil;
import io.vertx.spi.cluster.hazelcast.HazelcastClusterManager;
import java.util.Arrays;

/**
 * The Vert.x instance a node runs on: a plain one on one machine, or a clustered one whose event bus
 * reaches the other nodes through Hazelcast. Hazelcast joins over TCP to the listed members only
 * (no multicast, no auto-detection, no phone-home, no wait before joining), listens on
 * {@code cluster.host}:{@code cluster.port}, and the event bus on {@code cluster.host}:{@code cluster.eventBusPort}.
 * The web node hears through it when a member leaves the cluster.
 */
final class ClusterStartup {

    private ClusterStartup() {
    }

    static Future<Vertx> vertx(JsonObject config) {
        ServerSettings settings = new ServerSettings(config);
        if (!settings.clustered()) {
            return Future.succeededFuture(Server.vertxBuilder(settings.nodeId()).build());
        }
        JsonObject cluster = settings.section("cluster");
        String host = cluster.getString("host");
        HazelcastClusterManager manager = new HazelcastClusterManager(hazelcast(cluster));
        VertxOptions options = Server.vertxOptions();
        options.getEventBusOptions().setHost(host).setPort(cluster.getInteger("eventBusPort"));
        return Server.vertxBuilder(settings.nodeId(), options).withClusterManager(manager).buildClustered()
                .onSuccess(vertx -> manager.getHazelcastInstance().getCluster().addMembershipListener(new MembershipListener() {
                    @Override
                    public void memberAdded(MembershipEvent event) {
                    }

                    @Override
                    public void memberRemoved(MembershipEvent event) {
                        Address address = event.getMember().getAddress();
                        vertx.eventBus().send(Addresses.NODE_LEFT, address.getHost() + ":" + address.getPort(),
                                new DeliveryOptions().setLocalOnly(true));
                    }
                }));
    }

    /** Checks the cluster settings, with messages that name them. */
    static void check(JsonObject config) {
        JsonObject cluster = config.getJsonObject("cluster");
        String role = cluster.getString("role");
        if (!role.equals("web") && !role.equals("worker") && !role.equals("all")) {
            throw new IllegalArgumentException("cluster.role (--role) must be web, worker or all, got '" + role + "'");
        }
        for (String member : members(cluster)) {
            if (!member.matches("[^:\\s]+:\\d{1,5}")) {
                throw new IllegalArgumentException("cluster.members (--cluster-members) must be host:port,host:port,...; '"
                        + member + "' is not host:port (one port each, no ranges)");
            }
        }
    }

    private static String[] members(JsonObject cluster) {
        return Arrays.stream(cluster.getString("members").split(",")).map(String::trim).filter(m -> !m.isEmpty())
                .toArray(String[]::new);
    }

    private static Config hazelcast(JsonObject cluster) {
        Config config = ConfigUtil.loadConfig();
        config.setClusterName(cluster.getString("name"));
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.logging.type", "slf4j");
        // a member that stops answering is removed after 5 s (default 60)
        config.setProperty("hazelcast.heartbeat.interval.seconds", "1");
        config.setProperty("hazelcast.max.no.heartbeat.seconds", "5");
        NetworkConfig network = config.getNetworkConfig();
        network.setPort(cluster.getInteger("port")).setPortAutoIncrement(false);
        network.getInterfaces().setEnabled(true).addInterface(cluster.getString("host"));
        JoinConfig join = network.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(Arrays.asList(members(cluster)));
        return config;
    }
}
