package io.stylecast.session.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A refusal crosses the event bus as its reason and words; a timeout or a missing handler is no refusal. */
class RefusalTest {

    private final Vertx vertx = Vertx.vertx();

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    @Test
    void eachReasonComesBackAsItselfWithItsWords() {
        vertx.eventBus().<String>consumer("refuse", message -> Refusal.valueOf(message.body()).fail(message, "because"))
                .completion().await();
        for (Refusal reason : Refusal.values()) {
            Throwable failure = vertx.eventBus().request("refuse", reason.name()).map(reply -> (Throwable) null)
                    .otherwise(e -> e).await();
            assertEquals(reason, Refusal.of(failure));
            assertEquals("because", failure.getMessage());
        }
    }

    @Test
    void noHandlerATimeoutOrAnotherFailureIsNotARefusal() {
        Throwable none = vertx.eventBus().request("nobody", "x").map(reply -> (Throwable) null).otherwise(e -> e).await();
        assertNull(Refusal.of(none));
        vertx.eventBus().consumer("silent", message -> { }).completion().await();
        Throwable late = vertx.eventBus().request("silent", "x", new DeliveryOptions().setSendTimeout(50))
                .map(reply -> (Throwable) null).otherwise(e -> e).await();
        assertNull(Refusal.of(late));
        vertx.eventBus().consumer("http-code", message -> message.fail(404, "a status, not a reason")).completion().await();
        assertNull(Refusal.of(vertx.eventBus().request("http-code", "x").map(reply -> (Throwable) null).otherwise(e -> e).await()));
        assertNull(Refusal.of(new IllegalStateException()));
    }
}
