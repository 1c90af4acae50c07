package io.stylecast.session.manager;

import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.eventbus.EventBus;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.MessageConsumer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The consumers a verticle registers at cluster-wide addresses, kept so that they can be registered anew: after a
 * merge of the cluster (a node that was paused comes back), Vert.x's registry can miss a node's registrations, and
 * messages to them would find nobody. Confined to the verticle's event loop.
 */
final class ClusterConsumers {

    private record Registration(Handler<Message<Object>> handler, MessageConsumer<Object> consumer) {
    }

    private final EventBus bus;
    private final Map<String, Registration> registrations = new LinkedHashMap<>();

    ClusterConsumers(EventBus bus) {
        this.bus = bus;
    }

    /** Registers a consumer; completes when the cluster knows it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    <T> Future<Void> add(String address, Handler<Message<T>> handler) {
        Handler<Message<Object>> untyped = (Handler) handler;
        MessageConsumer<Object> consumer = bus.consumer(address, untyped);
        registrations.put(address, new Registration(untyped, consumer));
        return consumer.completion();
    }

    /** Registers every consumer anew; completes when the cluster knows them all. */
    Future<Void> renew() {
        List<Future<Void>> renewed = new ArrayList<>();
        for (Map.Entry<String, Registration> entry : List.copyOf(registrations.entrySet())) {
            String address = entry.getKey();
            Handler<Message<Object>> handler = entry.getValue().handler();
            renewed.add(entry.getValue().consumer().unregister().transform(v -> add(address, handler)));
        }
        return Future.join(renewed).mapEmpty();
    }

    /** Unregisters every consumer: the table takes no more requests while it stops. */
    Future<Void> unregister() {
        List<Future<Void>> gone = new ArrayList<>();
        registrations.values().forEach(r -> gone.add(r.consumer().unregister()));
        registrations.clear();
        return Future.join(gone).mapEmpty();
    }
}
