package io.stylecast.session.manager;

import io.stylecast.metrics.StylecastMetrics;
import io.stylecast.session.Addresses;
import io.stylecast.session.Membership;
import io.stylecast.session.NodeInfo;
import io.stylecast.session.ResumeFiles;
import io.stylecast.session.SessionFile;
import io.stylecast.session.SessionSpec;
import io.stylecast.session.protocol.NodeLeft;
import io.stylecast.session.protocol.SessionState;
import io.stylecast.session.protocol.SessionTicket;
import io.stylecast.settings.Settings;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.Message;
import java.time.Clock;
import java.util.List;

/**
 * The sessions' table's verticle, on one event loop of the web node that keeps the table: it admits new sessions
 * ({@link Admission}) and wires the table's parts together. The {@link SessionTable} holds the sessions and the
 * queue, places them ({@link Placement}: at once on the least loaded worker of a node that has the memory, else in
 * the queue, up to {@code queue.max}), follows their events and passes them on to their viewers. What owners and
 * viewers ask of a session is answered by {@link OwnerRequests} and {@link ViewerSeats}, what others ask by
 * {@link SessionQueries}; worker nodes come and go through {@link NodeWatch}; the session's folder is kept by
 * {@link SessionFiles}. Each holds the table, and hears of its sessions' lives as its listener; none holds this
 * verticle.
 */
public final class SessionManager extends VerticleBase {

    /** How often the queued sessions' viewers hear their place and estimate again while nothing else moves the queue. */
    static final long QUEUE_ANNOUNCE_MILLIS = 5000;
    /**
     * How long this node's addresses are missing from the cluster's registry before it registers them anew: longer than
     * a merge takes to settle and the table's lock to be asked for ({@code ManagerLease}, 3 s and a question).
     */
    static final long RENEW_AFTER_MILLIS = 5000;

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SessionManager.class);

    private final Settings settings;
    private final StylecastMetrics metrics;
    private final Membership membership;
    private SessionTable table;
    private Placement placement;
    private Admission admission;
    private NodeWatch nodes;
    private SessionFiles files;
    private SavedSessions saved;
    private OwnerRequests owners;
    private ClusterConsumers consumers;
    private boolean renewing;
    /** Since when this node's addresses have been missing from the cluster's registry, or -1. */
    private long missingSince = -1;
    final Clock clock;

    public SessionManager(Settings settings, StylecastMetrics metrics, Membership membership) {
        this(settings, metrics, membership, Clock.systemUTC());
    }

    /** @param clock what decides node timeouts, unwatched and finished sessions' ages (tests move it) */
    public SessionManager(Settings settings, StylecastMetrics metrics, Membership membership, Clock clock) {
        this.settings = settings;
        this.metrics = metrics;
        this.membership = membership;
        this.clock = clock;
    }

    @Override
    public Future<?> start() {
        io.stylecast.metrics.EventLoopWatch.start(vertx, metrics, "sessions");
        placement = new Placement(settings.model());
        admission = new Admission(settings, placement);
        table = new SessionTable(vertx, placement, membership);
        files = new SessionFiles(vertx, table::find, settings);
        saved = new SavedSessions(vertx, settings, clock);
        owners = new OwnerRequests(table, vertx.eventBus(), settings, saved);
        ViewerSeats seats = new ViewerSeats(table, vertx.eventBus(), settings, clock);
        nodes = new NodeWatch(table, vertx.eventBus(), files, placement, settings, membership, saved, owners);
        SessionQueries queries = new SessionQueries(table, vertx.eventBus(), placement, settings, saved, clock);
        // each hears of a session's placing and end in this order: its files first, its owner's controls last
        table.listen(files);
        table.listen(nodes);
        table.listen(owners);
        for (SessionState state : SessionState.values()) {
            metrics.sessionsGauge(state.id(), () -> table.count(state));
        }
        vertx.setPeriodic(60_000, id -> forgetOldSessions());
        // the waiting see their estimate follow the running sessions' progress
        vertx.setPeriodic(QUEUE_ANNOUNCE_MILLIS, id -> {
            if (table.queued() > 0) {
                table.announceQueue();
            }
        });
        if (settings.sessions().cancelUnwatchedMillis() > 0) {
            vertx.setPeriodic(Math.min(1000, settings.sessions().cancelUnwatchedMillis()), id -> seats.cancelUnwatched());
        }
        var bus = vertx.eventBus();
        consumers = new ClusterConsumers(bus);
        // everyone is heard once the table is read: a run a worker node announces before would be taken for a stale
        // one, and a viewer's page told that its session does not exist would give up
        Future<?> loaded = saved.load().compose(found -> {
            found.forEach(s -> table.add(new Session(s, clock)));
            owners.forgetExpiredResumable();
            return requeueNeverStarted();
        });
        return loaded.compose(read -> Future.join(List.of(
                consumers.<NodeInfo>add(Addresses.NODES, nodes::announced).onSuccess(heard -> awaitNodes()),
                consumers.<SessionSpec>add(Addresses.CREATE, this::create),
                bus.<NodeLeft>localConsumer(Addresses.NODE_LEFT, m -> nodes.lost(m.body().nodeId(), "left the cluster")).completion(),
                consumers.add(Addresses.CHECKPOINT, files::checkpoint),
                consumers.<SessionFile>add(Addresses.FILES, files::file),
                queries.register(consumers),
                owners.register(consumers),
                seats.register(consumers))))
                // checked once every address is registered: one not registered yet is not a lost one
                .onSuccess(registered -> vertx.setPeriodic(settings.cluster().heartbeatMillis(), id -> renewIfUnregistered()));
    }

    /**
     * Gives the worker nodes {@code cluster.nodeTimeoutSeconds} to take back the saved sessions they still run, the
     * owners' resumes and controls of those waiting meanwhile; then the rest wait for their owners.
     */
    private void awaitNodes() {
        long since = clock.millis();
        vertx.setPeriodic(settings.cluster().heartbeatMillis(), id -> {
            if (clock.millis() - since >= settings.cluster().nodeTimeoutMillis()) {
                vertx.cancelTimer(id);
                owners.nodesHeard();
            }
        });
    }

    /**
     * After a merge of the cluster, Vert.x's registry can miss this node's addresses: worker nodes would then find no
     * manager, and sessions' events no follower. Checked every heartbeat; every address is registered anew once they
     * have been missing for {@value #RENEW_AFTER_MILLIS} ms and the cluster says this node still holds the table's lock.
     * A table whose node was taken for gone and came back lost the lock meanwhile: it is given up a few seconds after the
     * merge ({@code ManagerLease}), and must not take requests again before that (a worker node's announcement it
     * answered would be lost to the table that goes on).
     */
    private void renewIfUnregistered() {
        if (renewing) {
            return;
        }
        renewing = true;
        membership.isRegistered(Addresses.NODES).compose(registered -> {
            long now = System.currentTimeMillis();
            if (registered) {
                missingSince = -1;
                return Future.succeededFuture();
            }
            missingSince = missingSince < 0 ? now : missingSince;
            if (now - missingSince < RENEW_AFTER_MILLIS) {
                return Future.succeededFuture();
            }
            return membership.holdsLock(Addresses.TABLE_LOCK).compose(mine -> mine ? renew() : Future.succeededFuture());
        }).onComplete(done -> renewing = false);
    }

    private Future<Void> renew() {
        LOG.warn("the cluster lost this node's addresses (it merged again): registering them anew");
        missingSince = -1;
        table.all().forEach(s -> s.renewRun(() -> table.follow(s)));
        return consumers.renew();
    }

    /**
     * The sessions found that were still in the queue when the table's last node went away (a web node's loss, or a
     * stop): back in the queue in the order they were made, with no owner's action (a student's waiting session keeps
     * its turn). One whose files cannot be read fails, saying so.
     */
    private Future<?> requeueNeverStarted() {
        List<Future<SessionSpec>> read = new java.util.ArrayList<>();
        for (ResumeFiles.Saved waiting : saved.neverStarted()) {
            read.add(saved.continuation(waiting, null).onComplete(spec -> {
                Session placeholder = table.find(waiting.id());
                if (spec.succeeded()) {
                    table.enqueue(new Session(waiting.id(), waiting.ownerTokenHash(), spec.result(),
                            settings.sessionMemory().bytes(spec.result().estimatePixels()), clock));
                } else if (placeholder != null) {
                    table.end(placeholder, SessionState.FAILED, "its saved files are damaged; it cannot be continued");
                }
            }));
        }
        return Future.join(read).otherwiseEmpty();
    }

    /**
     * Stops taking requests at once (another web node's table may be taking over), then waits (up to 10 s) for the
     * sessions' file work under way: a stop leaves no file half done and no task behind it.
     */
    @Override
    public Future<?> stop() {
        Future<Void> unregistered = consumers == null ? Future.succeededFuture() : consumers.unregister().otherwiseEmpty();
        return unregistered.transform(v -> table.settled(20).timeout(10, java.util.concurrent.TimeUnit.SECONDS).otherwiseEmpty());
    }

    private void create(Message<SessionSpec> message) {
        SessionSpec spec = message.body();
        long estimate = settings.sessionMemory().bytes(spec.estimatePixels());
        String address = SessionSpec.addressOf(spec.client());
        long openOfClient = 0;
        long openOfAddress = 0;
        for (Session s : table.all()) {
            if (!s.state().finished() && s.client != null) {
                openOfClient += s.client.equals(spec.client()) ? 1 : 0;
                openOfAddress += SessionSpec.addressOf(s.client).equals(address) ? 1 : 0;
            }
        }
        Admission.Refused refusal = admission.check(spec, estimate, openOfClient, openOfAddress, table.queued());
        if (refusal != null) {
            refusal.reason().fail(message, refusal.message());
            return;
        }
        String token = Tokens.random128();
        String id = Tokens.random128();
        Session session = new Session(id, Tokens.hash(token), spec.assigned(id, Tokens.hash(token), 0), estimate, clock);
        files.created(session);
        table.enqueue(session);
        message.reply(new SessionTicket(session.id, token));
    }

    private void forgetOldSessions() {
        owners.forgetExpiredResumable();
        table.forgetFinishedBefore(clock.millis() - settings.sessions().retainFinishedMillis());
    }
}
