package io.stylecast.session;

import io.vertx.core.json.JsonObject;

/**
 * The manager asks the worker that runs attempt {@code attempt} of a session for its picture now, as PNG (what a
 * Download gives before the end). Answered by the worker between two iterations with the PNG's bytes, the iteration
 * in the reply's {@value #ITERATION} header.
 */
public record PictureRequest(String sessionId, int attempt) {

    public static final String ITERATION = "iteration";

    JsonObject toJson() {
        return new JsonObject().put("id", sessionId).put("attempt", attempt);
    }

    static PictureRequest fromJson(JsonObject json) {
        return new PictureRequest(json.getString("id"), json.getInteger("attempt"));
    }
}
