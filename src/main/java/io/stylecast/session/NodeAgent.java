package io.stylecast.session;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * A worker node's voice: announces the node's {@link NodeInfo} to the manager at once and then every
 * {@code cluster.heartbeatMillis}, so that the manager places sessions on it and notices when it is
 * gone. On one machine the same announcements go to the manager in the same process.
 */
public final class NodeAgent extends VerticleBase {

    private final WorkerSupervisor workers;
    private final ServerSettings settings;
    private final int httpPort;

    /** @param httpPort where this node serves its own health and metrics; 0 when the web node's do */
    public NodeAgent(WorkerSupervisor workers, ServerSettings settings, int httpPort) {
        this.workers = workers;
        this.settings = settings;
        this.httpPort = httpPort;
    }

    @Override
    public Future<?> start() {
        announce();
        vertx.setPeriodic(settings.heartbeatMillis(), id -> announce());
        return Future.succeededFuture();
    }

    private void announce() {
        vertx.eventBus().publish(Addresses.NODES, workers.nodeInfo(httpPort));
    }
}
