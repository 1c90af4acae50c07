package io.stylecast.session.worker;

import io.stylecast.engine.net.FeatureNetwork;
import io.stylecast.engine.net.Pooling;
import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.Backend;
import io.stylecast.session.NodeInfo;
import io.stylecast.settings.Role;
import io.stylecast.settings.Settings;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.Future;
import io.vertx.core.ThreadingModel;
import io.vertx.core.VerticleBase;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.nd4j.linalg.api.buffer.DataType;

/**
 * This node's workers: deploys the worker verticles, each on a one-thread worker pool of its own
 * (ND4J workspaces belong to a thread), all running the one network, and says what the node offers
 * ({@link #nodeInfo}). On the CPU it runs {@code workers.count} workers; on GPUs one worker on each GPU
 * of {@code workers.devices}, each with the network's weights on its own GPU. Its context is the
 * workers' {@link Outbox}.
 */
public final class WorkerSupervisor extends VerticleBase {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(WorkerSupervisor.class);

    private static final int FILES_AT_STOP_SECONDS = 5;

    private final Settings settings;
    private final StylecastMetrics metrics;
    private final FeatureNetwork network;
    /** This node's id among the cluster's members ({@code local} on one machine): its workers' addresses name it. */
    private final String nodeId;
    /** What this node's workers run, and what of it ended. */
    private final NodeRuns runs = new NodeRuns();
    private Outbox outbox;
    /** What this node computes on; ND4J is loaded by the time the network is. */
    private final io.vertx.core.json.JsonObject backend = Backend.describe();
    /** The GPUs its workers run on, one each; empty on the CPU. */
    private final List<Integer> devices;
    private final int workers;
    /** What its sessions may take together; on GPUs, known once the workers hold their networks. */
    private volatile long budgetMb;

    /**
     * @param network the network every worker runs, loaded on the first worker's thread
     * @throws IllegalArgumentException if {@code workers.devices} names a GPU this machine does not have
     */
    public WorkerSupervisor(String nodeId, Settings settings, StylecastMetrics metrics, FeatureNetwork network) {
        this.nodeId = nodeId;
        this.settings = settings;
        this.metrics = metrics;
        this.network = network;
        this.devices = Backend.devices(settings);
        this.workers = devices.isEmpty() ? settings.workers().count() : devices.size();
        this.budgetMb = settings.memory().budgetBytes() / (1024 * 1024);
        List<Integer> wanted = settings.workers().devices().numbers();
        if (devices.isEmpty() && (wanted == null || !wanted.isEmpty())) {
            LOG.warn("workers.devices ({}) means nothing on the CPU build: running workers.count = {} workers on the CPU",
                    wanted == null ? "all" : wanted, workers);
        } else if (!devices.isEmpty()) {
            LOG.info("one worker on each of GPUs {} (workers.devices; workers.count is for the CPU build)", devices);
        }
    }

    @Override
    public Future<?> start() {
        outbox = new Outbox(context, vertx.eventBus(), settings.role() == Role.WORKER);
        return Future.all(deployWorkers()).onSuccess(v -> budgetMb = budgetMb());
    }

    /**
     * Runs once its workers have stopped (each run saved or its checkpoint sent): waits, up to
     * {@value #FILES_AT_STOP_SECONDS} s, for the files they made to reach the manager, so that a
     * picture made just before a shutdown is kept with its session.
     */
    @Override
    public Future<?> stop() {
        return outbox.delivered().timeout(FILES_AT_STOP_SECONDS, TimeUnit.SECONDS).otherwise(e -> {
            LOG.warn("files of this node's sessions did not reach a web node before the stop: {}", e.getMessage());
            return null;
        });
    }

    private List<Future<String>> deployWorkers() {
        List<Future<String>> all = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            Integer device = devices.isEmpty() ? null : devices.get(i);
            // the network was loaded on the first worker's thread, on its GPU; the others load a copy on theirs
            Supplier<FeatureNetwork> copy = device == null || i == 0 ? null
                    : () -> settings.models().catalog().load(settings.model(), Pooling.AVG, DataType.FLOAT);
            WorkerVerticle worker = new WorkerVerticle(nodeId, i, device, settings, metrics, network, copy, runs, outbox);
            all.add(vertx.deployVerticle(worker, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
                    .setWorkerPoolName(poolName(i)).setWorkerPoolSize(1)));
        }
        return all;
    }

    /**
     * What this node's sessions may take together: {@code memory.budgetMb} on the CPU; on GPUs, what each of its
     * GPUs has free once the workers hold their networks, less {@code memory.deviceReserveMb} each.
     */
    private long budgetMb() {
        if (devices.isEmpty()) {
            return settings.memory().budgetBytes() / (1024 * 1024);
        }
        long free = 0;
        long usable = 0;
        for (int device : devices) {
            long deviceFree = Backend.freeBytes(device);
            free += deviceFree;
            usable += Math.max(0, deviceFree - settings.memory().deviceReserveBytes());
        }
        LOG.info("GPU memory for sessions: {} MB ({} MB free on GPUs {}, less memory.deviceReserveMb on each)",
                usable >> 20, free >> 20, devices);
        return usable >> 20;
    }

    /** The one-thread pool worker {@code index} runs on. */
    public static String poolName(int index) {
        return "stylecast-worker-" + index;
    }

    /** What this node announces to the manager: its capacity, the sessions it runs and the runs that ended. */
    public NodeInfo nodeInfo(int httpPort) {
        return new NodeInfo(nodeId, settings.role().id(), workers, budgetMb, backend, settings.model(), network.layerNames(),
                httpPort, runs.runs(), runs.outcomes(), NodeInfo.defaultsJson(network.defaults()));
    }

    String nodeId() {
        return nodeId;
    }

    /** How many workers this node has. */
    int count() {
        return workers;
    }

    NodeRuns runs() {
        return runs;
    }

    Outbox outbox() {
        return outbox;
    }

    /** How many sessions this node's workers run now (not counting ended ones whose files have yet to reach a web node). */
    public int running() {
        return (int) runs.runs().values().stream().filter(run -> !run.state().finished()).count();
    }
}
