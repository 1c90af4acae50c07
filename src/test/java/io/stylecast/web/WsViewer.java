package io.stylecast.web;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.WebSocket;
import io.vertx.core.json.JsonObject;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A test's WebSocket client: everything the server sends, in order, to be taken one by one. */
final class WsViewer {

    /** A text message as JSON, or a binary message; when it arrived ({@code System.currentTimeMillis}). */
    record Received(JsonObject json, Buffer binary, long at) {
        String type() {
            return json == null ? "binary" : json.getString("type");
        }
    }

    final WebSocket socket;
    final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    volatile boolean closed;

    WsViewer(WebSocket socket) {
        this.socket = socket;
        socket.textMessageHandler(text -> received.add(new Received(new JsonObject(text), null, System.currentTimeMillis())));
        socket.binaryMessageHandler(bytes -> received.add(new Received(null, bytes, System.currentTimeMillis())));
        socket.closeHandler(v -> closed = true);
    }

    Received next() throws InterruptedException {
        Received r = received.poll(30, TimeUnit.SECONDS);
        if (r == null) {
            throw new AssertionError("nothing received within 30 s");
        }
        return r;
    }

    /** The next message of the given type, skipping others. */
    Received next(String type) throws InterruptedException {
        while (true) {
            Received r = next();
            if (r.type().equals(type)) {
                return r;
            }
        }
    }

    void send(JsonObject message) {
        ServerFixture.await(socket.writeTextMessage(message.encode()));
    }

    void ack() {
        send(new JsonObject().put("type", "ack"));
    }
}
