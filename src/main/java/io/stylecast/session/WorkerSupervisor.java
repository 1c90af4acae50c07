package io.stylecast.session;

import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.metrics.StylecastMetrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Deploys the worker verticles, each on a one-thread worker pool of its own, and redeploys one that
 * is gone (checked every {@code CHECK_MS}); the manager is told, and fails the sessions that were on it.
 */
public final class WorkerSupervisor extends VerticleBase {

    private static final Logger LOG = LoggerFactory.getLogger(WorkerSupervisor.class);
    private static final long CHECK_MS = 1000;

    private final ServerSettings settings;
    private final StylecastMetrics metrics;
    private final FeatureNetwork network;
    private final List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();
    /** Each session this node's workers run, with its attempt. */
    private final Map<String, Integer> runs = new java.util.concurrent.ConcurrentHashMap<>();
    private boolean stopping;

    /** @param network the network every worker runs */
    public WorkerSupervisor(ServerSettings settings, StylecastMetrics metrics, FeatureNetwork network) {
        this.settings = settings;
        this.metrics = metrics;
        this.network = network;
    }

    @Override
    public Future<?> start() {
        List<Future<String>> all = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            deployments.add(null);
            all.add(deploy(i));
        }
        return Future.all(all).onSuccess(ok -> vertx.setPeriodic(CHECK_MS, id -> check()));
    }

    /** The current deployment id of each worker; null for one being deployed again. */
    public List<String> deploymentIds() {
        return java.util.Collections.unmodifiableList(new ArrayList<>(deployments));
    }

    /** The one-thread pool worker {@code index} runs on. */
    public static String poolName(int index) {
        return "stylecast-worker-" + index;
    }

    private Future<String> deploy(int index) {
        WorkerVerticle worker = new WorkerVerticle(settings.nodeId(), index, settings, metrics, network, runs,
                new Outbox(context, vertx.eventBus(), settings.role().equals("worker")));
        return vertx.deployVerticle(worker, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
                        .setWorkerPoolName(poolName(index)).setWorkerPoolSize(1))
                .onSuccess(id -> deployments.set(index, id));
    }

    private void check() {
        for (int i = 0; i < deployments.size(); i++) {
            String id = deployments.get(i);
            if (!stopping && id != null && !vertx.deploymentIDs().contains(id)) {
                LOG.warn("worker {} is gone; its sessions fail and it is deployed again", i);
                deployments.set(i, null);
                vertx.eventBus().send(Addresses.WORKER_LOST, new JsonObject().put("node", settings.nodeId()).put("worker", i));
                int index = i;
                deploy(i).onFailure(e -> LOG.error("worker {} could not be deployed again", index, e));
            }
        }
    }

    /** What this node announces to the manager: its capacity and the sessions it runs. */
    public NodeInfo nodeInfo(int httpPort) {
        String backend = org.nd4j.linalg.factory.Nd4j.getBackend().getClass().getSimpleName().toLowerCase().contains("cuda")
                ? "cuda" : "cpu";
        return new NodeInfo(settings.nodeId(), settings.role(), settings.workers(), settings.memoryBudgetBytes() / (1024 * 1024),
                backend, settings.model(), network.layerNames(), httpPort, Map.copyOf(runs));
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        return Future.succeededFuture();
    }
}
