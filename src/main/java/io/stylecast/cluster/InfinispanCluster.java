package io.stylecast.cluster;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.spi.cluster.ClusterManager;
import io.vertx.core.spi.cluster.NodeInfo;
import io.vertx.core.spi.cluster.RegistrationInfo;
import io.vertx.core.spi.cluster.RegistrationListener;
import io.vertx.core.spi.cluster.RegistrationUpdateEvent;
import io.vertx.ext.cluster.infinispan.InfinispanClusterManager;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.infinispan.configuration.cache.CacheMode;
import org.infinispan.configuration.cache.ConfigurationBuilder;
import org.infinispan.configuration.global.GlobalConfigurationBuilder;
import org.infinispan.configuration.global.ShutdownHookBehavior;
import org.infinispan.conflict.MergePolicy;
import org.infinispan.lock.EmbeddedClusteredLockManagerFactory;
import org.infinispan.lock.api.ClusteredLockManager;
import org.infinispan.lock.configuration.ClusteredLockManagerConfigurationBuilder;
import org.infinispan.lock.configuration.Reliability;
import org.infinispan.manager.DefaultCacheManager;
import org.infinispan.notifications.Listener;
import org.infinispan.notifications.cachemanagerlistener.annotation.Merged;
import org.infinispan.notifications.cachemanagerlistener.annotation.ViewChanged;
import org.infinispan.notifications.cachemanagerlistener.event.ViewChangedEvent;
import org.infinispan.partitionhandling.PartitionHandling;
import org.infinispan.remoting.transport.Address;
import org.infinispan.remoting.transport.jgroups.JGroupsTransport;
import org.jgroups.JChannel;
import org.jgroups.protocols.TCP;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This node's membership of its cluster: Vert.x's Infinispan cluster manager on a cache manager of our own, whose
 * JGroups channel runs over TLS keyed by the {@link ClusterSecret} ({@link JGroupsStack}), and the event bus options
 * that put the event bus under the same key. Each start of a node is a member of its own: its id is its
 * {@code host:port} and a random suffix, so that a node restarted at the same address is never mistaken for the one
 * before it (whose event-bus registrations the cluster then removes).
 */
public final class InfinispanCluster {

    private static final Logger LOG = LoggerFactory.getLogger(InfinispanCluster.class);

    /** How long after a merge a node puts its entry back each heartbeat, whether its own copy has it or not. */
    static final long RELIST_AFTER_MERGE_SECONDS = 15;
    private static final long RELIST_AFTER_MERGE_NANOS = RELIST_AFTER_MERGE_SECONDS * 1_000_000_000L;
    /** When this node last saw the cluster merge again ({@link System#nanoTime}). */
    private volatile long mergedAt = System.nanoTime() - RELIST_AFTER_MERGE_NANOS;
    private final DefaultCacheManager caches;
    private final InfinispanClusterManager manager;
    private final String memberId;
    /** Vert.x's choice of the nodes listening at each address it sends to (its copy of the registry), or null. */
    private volatile RegistrationListener choices;

    private InfinispanCluster(DefaultCacheManager caches, String memberId) {
        this.caches = caches;
        this.manager = new InfinispanClusterManager(caches) {
            @Override
            public synchronized void registrationListener(RegistrationListener listener) {
                choices = listener;
                super.registrationListener(listener);
            }
        };
        this.memberId = memberId;
    }

    /**
     * Joins (or founds) the cluster: blocks until the cache manager is up, about a second. Besides the members given,
     * it asks the ones it was last with ({@code remembered}, kept up to date while it runs): a web node restarted
     * after a crash joins its worker nodes at once, where it would otherwise found a cluster of its own and wait for
     * them to find it.
     *
     * @param members the nodes to ask when joining, {@code host:port} each
     * @param remembered where this node keeps the addresses of the members it is with
     * @throws Exception when the channel cannot bind or start
     */
    public static InfinispanCluster join(String name, String host, int port, List<String> members, ClusterSecret secret,
                                         Path remembered) throws Exception {
        String memberId = host + ":" + port + "/" + HexFormat.of().formatHex(randomBytes());
        List<String> asked = new ArrayList<>(members);
        asked.addAll(MemberMemory.read(remembered));
        JChannel channel = new JChannel(new ByteArrayInputStream(JGroupsStack.xml(host, port, asked).getBytes(StandardCharsets.UTF_8)));
        channel.getProtocolStack().<TCP>findProtocol(TCP.class).setSocketFactory(TlsSockets.factory(secret));
        channel.name(memberId);
        GlobalConfigurationBuilder global = new GlobalConfigurationBuilder();
        global.transport().clusterName(name).transport(new JGroupsTransport(channel));
        global.jmx().enabled(false);
        // stylecast's own shutdown hook closes Vert.x and then leaves; Infinispan's would stop the caches under it
        global.shutdown().hookBehavior(ShutdownHookBehavior.DONT_REGISTER);
        // The clustered lock that says which web node keeps the sessions' table stays usable whatever part of the
        // cluster is left: a web node that dies is often half of its cluster (one web node, one worker node), and the
        // default (CONSISTENT) would then freeze every lock until a majority is back, so that no web node, not even
        // the same one restarted, could keep the table again.
        global.addModule(ClusteredLockManagerConfigurationBuilder.class).reliability(Reliability.AVAILABLE);
        DefaultCacheManager caches = new DefaultCacheManager(global.build(), false);
        // Vert.x's caches, as its default-infinispan.xml has them. After a split (a member paused, then back), each
        // entry present on one side only is kept, so that what either side registered meanwhile survives the merge.
        ConfigurationBuilder replicated = new ConfigurationBuilder();
        replicated.clustering().cacheMode(CacheMode.REPL_SYNC).partitionHandling()
                .whenSplit(PartitionHandling.ALLOW_READ_WRITES).mergePolicy(MergePolicy.PREFERRED_NON_NULL);
        for (String cache : List.of("__vertx.subs", "__vertx.haInfo", "__vertx.nodeInfo")) {
            caches.defineConfiguration(cache, replicated.build());
        }
        ConfigurationBuilder distributed = new ConfigurationBuilder();
        distributed.clustering().cacheMode(CacheMode.DIST_SYNC).partitionHandling()
                .whenSplit(PartitionHandling.ALLOW_READ_WRITES).mergePolicy(MergePolicy.PREFERRED_NON_NULL);
        caches.defineConfiguration("__vertx.distributed.cache.configuration", distributed.build());
        caches.start();
        MemberMemory memory = new MemberMemory(remembered, memberId);
        InfinispanCluster cluster = new InfinispanCluster(caches, memberId);
        caches.addListener(new ViewListener(view -> {
            memory.remember(view);
            if (view.isMergeView()) {
                cluster.mergedAt = System.nanoTime();
            }
            cluster.relistIfLost();
        }));
        return cluster;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[3];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }

    /** Vert.x's cluster manager on this membership. */
    public ClusterManager manager() {
        return manager;
    }

    /** This node's id in the cluster: {@code host:port/suffix}. */
    public String memberId() {
        return memberId;
    }

    /** Whether the node with this id is a member now, as the membership protocol says. */
    public boolean isMember(String id) {
        for (Address member : caches.getMembers()) {
            if (member.toString().equals(id)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Whether the cluster's registry has this node listening at {@code address}, as this node's copy of it says
     * (after a merge of the cluster, a node's registrations can be missing; it then registers them anew). The node's
     * own entry is put back by {@link #relistIfLost}, which every node runs each heartbeat.
     */
    public Future<Boolean> registered(String address) {
        Promise<List<RegistrationInfo>> found = Promise.promise();
        manager.getRegistrations(address, found);
        return found.future().map(registrations -> registrations.stream().anyMatch(r -> r.nodeId().equals(memberId)));
    }

    /**
     * Puts this node's entry (its event bus's host and port) back into the cluster's registry if it is not there.
     * A member taken for dead has its entry removed by the coordinator, and nothing puts it back when the member
     * returns and the cluster merges: the others' event buses then refuse to connect to it ("Not a member of the
     * cluster") for ever, while it still reaches them. Every node asks this every heartbeat, whatever its role; for
     * {@value #RELIST_AFTER_MERGE_SECONDS} s after a merge it puts its entry back each time, since another member's
     * copy can miss it while its own has it. Can block for seconds while the cluster merges (Infinispan's cluster
     * manager holds its lock through a view change): call it off the event loops.
     */
    public Future<Void> relistIfLost() {
        NodeInfo own = manager.getNodeInfo();
        if (own == null) {
            return Future.succeededFuture();   // Vert.x has not listed this node yet
        }
        if (System.nanoTime() - mergedAt < RELIST_AFTER_MERGE_NANOS) {
            refreshChoices();
            // this node's own copy of the registry may have its entry where another's has lost it: put it everywhere
            Promise<Void> put = Promise.promise();
            manager.setNodeInfo(own, put);
            return put.future();
        }
        Promise<NodeInfo> listed = Promise.promise();
        manager.getNodeInfo(memberId, listed);
        return listed.future().<Void>mapEmpty().recover(missing -> {
            LOG.warn("this node's entry was missing from the cluster's registry (the cluster merged again): putting it back");
            Promise<Void> put = Promise.promise();
            manager.setNodeInfo(own, put);
            return put.future();
        });
    }

    /**
     * Has Vert.x read anew, from this node's copy of the registry, who listens at each address it sends to. Vert.x
     * learns of the registry's changes from the entries changed, and a merge changes the copies without telling it:
     * a web node that came back and gave the sessions' table up still sent the table's requests to itself (its own
     * registrations were gone from the registry already, so removing them changed nothing), answering 503 for ever.
     */
    private void refreshChoices() {
        RegistrationListener listener = choices;
        if (listener == null) {
            return;
        }
        for (Object key : List.copyOf(caches.getCache("__vertx.subs").keySet())) {
            String address = String.valueOf(key);
            if (listener.wantsUpdatesFor(address)) {
                Promise<List<RegistrationInfo>> listening = Promise.promise();
                manager.getRegistrations(address, listening);
                listening.future().onSuccess(found -> listener.registrationsUpdated(new RegistrationUpdateEvent(address, found)));
            }
        }
    }

    /**
     * Has this member watch the cluster's lock {@code name}: Infinispan releases a lock whose holder leaves the cluster
     * only from members that hold an instance of that lock, so every member keeps one (a worker node, left alone
     * with the lock of a web node that died, releases it for the web node that comes back). Blocks briefly.
     */
    public void watchLock(String name) {
        ClusteredLockManager locks = EmbeddedClusteredLockManagerFactory.from(caches);
        if (!locks.isDefined(name)) {
            locks.defineLock(name);
        }
        locks.get(name);
    }

    /**
     * Whether this member holds the cluster's lock {@code name} now, as the cluster's copy of the lock says: a member
     * that was taken for gone while another took the lock, and then came back, learns here that it no longer holds it.
     */
    public java.util.concurrent.CompletableFuture<Boolean> holdsLock(String name) {
        return EmbeddedClusteredLockManagerFactory.from(caches).get(name).isLockedByMe();
    }

    /** Calls {@code merged} each time the cluster merges again (members that were apart are together), on Infinispan's thread. */
    public void onMerge(Runnable merged) {
        caches.addListener(new ViewListener(event -> {
            if (event.isMergeView()) {
                merged.run();
            }
        }));
    }

    /** Calls {@code left} with the id of each member that leaves the cluster or is taken for dead, on Infinispan's thread. */
    public void onMemberLeft(Consumer<String> left) {
        caches.addListener(new ViewListener(event -> {
            List<Address> removed = new ArrayList<>(event.getOldMembers());
            removed.removeAll(event.getNewMembers());
            removed.forEach(address -> left.accept(address.toString()));
        }));
    }

    /** Sets the event bus's TLS: the secret's key, only its certificate trusted, the other end's required. */
    public static void secure(io.vertx.core.eventbus.EventBusOptions options, ClusterSecret secret) {
        options.setSsl(true).setKeyCertOptions(secret.pfx()).setTrustOptions(secret.pfx()).setClientAuth(ClientAuth.REQUIRED);
    }

    /** Leaves the cluster at once (the others see this member go without waiting for it to be suspected). */
    public void leave() {
        caches.stop();
    }

    /** Each new view of the cluster, merged or not, to a consumer, on Infinispan's thread. */
    @Listener(sync = false)
    private static final class ViewListener {
        private final Consumer<ViewChangedEvent> views;

        ViewListener(Consumer<ViewChangedEvent> views) {
            this.views = views;
        }

        @ViewChanged
        public void viewChanged(ViewChangedEvent event) {
            views.accept(event);
        }

        @Merged
        public void merged(ViewChangedEvent event) {
            views.accept(event);
        }
    }
}
