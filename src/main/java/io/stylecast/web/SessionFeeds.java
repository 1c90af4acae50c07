package io.stylecast.web;

import io.stylecast.session.Addresses;
import io.stylecast.session.protocol.ProtocolJson;
import io.stylecast.session.protocol.SessionEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The HTTP verticle's fan-out of session events to WebSocket viewers: one event-bus consumer per
 * watched session, however many watch it, so that each event crosses the cluster once to each web node with viewers
 * of it and is received once there, each text message
 * encoded once, and each frame held once and shared by every viewer's socket (the event bus copies
 * a message for every consumer; with a consumer per viewer, 1000 viewers meant 1000 copies of every
 * frame). Confined to the HTTP verticle's event loop.
 */
final class SessionFeeds {

    private final Vertx vertx;
    private final Map<String, Feed> feeds = new HashMap<>();

    SessionFeeds(Vertx vertx) {
        this.vertx = vertx;
    }

    /** Adds a viewer; the future completes once the session's events reach it. */
    Future<Void> join(String sessionId, ViewerSocket viewer) {
        Feed feed = feeds.computeIfAbsent(sessionId, id -> new Feed(id));
        feed.viewers.add(viewer);
        return feed.consumer.completion();
    }

    void leave(String sessionId, ViewerSocket viewer) {
        Feed feed = feeds.get(sessionId);
        if (feed != null && feed.viewers.remove(viewer) && feed.viewers.isEmpty()) {
            feed.consumer.unregister();
            feeds.remove(sessionId);
        }
    }

    /** How many viewers each watched session has here. */
    Map<String, Integer> counts() {
        Map<String, Integer> counts = new HashMap<>();
        feeds.forEach((id, feed) -> counts.put(id, feed.viewers.size()));
        return counts;
    }

    /** Every viewer of every session. */
    List<ViewerSocket> viewers() {
        List<ViewerSocket> all = new ArrayList<>();
        feeds.values().forEach(feed -> all.addAll(feed.viewers));
        return all;
    }

    private final class Feed {
        final Set<ViewerSocket> viewers = new LinkedHashSet<>();
        final MessageConsumer<SessionEvent> consumer;

        Feed(String sessionId) {
            consumer = vertx.eventBus().consumer(Addresses.events(sessionId), this::deliver);
        }

        private void deliver(Message<SessionEvent> message) {
            SessionEvent event = message.body();
            if (event instanceof SessionEvent.Frame frame) {
                for (ViewerSocket viewer : List.copyOf(viewers)) {
                    viewer.offer(frame);
                }
            } else {
                String text = ProtocolJson.toJson(event).encode();
                boolean progress = event instanceof SessionEvent.Progress;
                for (ViewerSocket viewer : List.copyOf(viewers)) {
                    viewer.sendText(text, progress);
                }
            }
        }
    }
}
