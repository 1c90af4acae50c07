package io.stylecast.session;

/**
 * Within a worker node, from its agent to a worker: stop this run without a word, since its session continues
 * elsewhere (the manager said so in its {@link NodeReply}).
 */
public record StaleRun(String sessionId, int attempt) {
}
