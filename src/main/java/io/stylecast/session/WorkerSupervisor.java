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
import java.util.function.UnaryOperator;
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
    private final UnaryOperator<FeatureNetwork> networks;
    private final List<String> deployments = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile FeatureNetwork network;
    private boolean stopping;

    /** @param networks wraps the network each worker loads (identity in production; tests inject faults) */
    public WorkerSupervisor(ServerSettings settings, StylecastMetrics metrics, UnaryOperator<FeatureNetwork> networks) {
        this.settings = settings;
        this.metrics = metrics;
        this.networks = networks;
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

    /** The network the workers run (all load the same), once they have started. */
    public FeatureNetwork network() {
        return network;
    }

    /** The current deployment id of each worker; null for one being deployed again. */
    public List<String> deploymentIds() {
        return java.util.Collections.unmodifiableList(new ArrayList<>(deployments));
    }

    private Future<String> deploy(int index) {
        WorkerVerticle worker = new WorkerVerticle(index, settings, metrics, networks);
        return vertx.deployVerticle(worker, new DeploymentOptions().setThreadingModel(ThreadingModel.WORKER)
                        .setWorkerPoolName("stylecast-worker-" + index).setWorkerPoolSize(1))
                .onSuccess(id -> {
                    deployments.set(index, id);
                    network = worker.network();
                });
    }

    private void check() {
        for (int i = 0; i < deployments.size(); i++) {
            String id = deployments.get(i);
            if (!stopping && id != null && !vertx.deploymentIDs().contains(id)) {
                LOG.warn("worker {} is gone; its sessions fail and it is deployed again", i);
                deployments.set(i, null);
                vertx.eventBus().send(Addresses.WORKER_LOST, new JsonObject().put("worker", i));
                int index = i;
                deploy(i).onFailure(e -> LOG.error("worker {} could not be deployed again", index, e));
            }
        }
    }

    @Override
    public Future<?> stop() {
        stopping = true;
        return Future.succeededFuture();
    }
}
