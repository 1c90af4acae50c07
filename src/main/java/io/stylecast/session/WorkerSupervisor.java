package io.stylecast.session;

import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.metrics.StylecastMetrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * This node's workers: deploys the worker verticles, each on a one-thread worker pool of its own
 * (ND4J workspaces belong to a thread), all running the one network, and says what the node offers
 * ({@link #nodeInfo}). Its context is the workers' {@link Outbox}.
 */
public final class WorkerSupervisor extends VerticleBase {

    private final ServerSettings settings;
    private final StylecastMetrics metrics;
    private final FeatureNetwork network;
    /** Each session this node's workers run, with its attempt. */
    private final Map<String, Integer> runs = new ConcurrentHashMap<>();
    /** What this node computes on; ND4J is loaded by the time the network is. */
    private final io.vertx.core.json.JsonObject backend = Backend.describe();

    /** @param network the network every worker runs */
    public WorkerSupervisor(ServerSettings settings, StylecastMetrics metrics, FeatureNetwork network) {
        this.settings = settings;
        this.metrics = metrics;
        this.network = network;
    }

    @Override
    public Future<?> start() {
        Outbox outbox = new Outbox(context, vertx.eventBus(), settings.role().equals("worker"));
        List<Future<String>> all = new ArrayList<>();
        for (int i = 0; i < settings.workers(); i++) {
            WorkerVerticle worker = new WorkerVerticle(settings.nodeId(), i, settings, metrics, network, runs, outbox);
            all.add(vertx.deployVerticle(worker, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
                    .setWorkerPoolName(poolName(i)).setWorkerPoolSize(1)));
        }
        return Future.all(all);
    }

    /** The one-thread pool worker {@code index} runs on. */
    public static String poolName(int index) {
        return "stylecast-worker-" + index;
    }

    /** What this node announces to the manager: its capacity and the sessions it runs. */
    public NodeInfo nodeInfo(int httpPort) {
        return new NodeInfo(settings.nodeId(), settings.role(), settings.workers(), settings.memoryBudgetBytes() / (1024 * 1024),
                backend, settings.model(), network.layerNames(), httpPort, Map.copyOf(runs),
                NodeInfo.defaultsJson(network.defaults()));
    }
}
