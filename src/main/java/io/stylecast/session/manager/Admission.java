package io.stylecast.session.manager;

import io.stylecast.engine.InputException;
import io.stylecast.session.SessionSpec;
import io.stylecast.session.protocol.Refusal;
import io.stylecast.settings.Settings;

/**
 * Whether a new session is taken: it must fit the largest node's memory budget, name only layers of the server's
 * network, keep its client within {@code limits.maxSessionsPerClient}, and find a place or room in the queue. A
 * refusal is a status code and a message for the client.
 */
final class Admission {

    /** Why a session is not taken, and the words for its user. */
    record Refused(Refusal reason, String message) {
    }

    private final Settings settings;
    private final Placement placement;

    Admission(Settings settings, Placement placement) {
        this.settings = settings;
        this.placement = placement;
    }

    /**
     * @param estimate the session's memory estimate
     * @param openOfClient the sessions its client has that are not over
     * @param openOfAddress the sessions its client's address has that are not over (a room behind one address)
     * @param queued the sessions waiting
     * @return why it is refused, or null when it is taken
     */
    Refused check(SessionSpec spec, long estimate, long openOfClient, long openOfAddress, int queued) {
        int[] size = spec.size();
        long budget = placement.largestBudgetBytes() >= 0 ? placement.largestBudgetBytes() : settings.memory().budgetBytes();
        if (estimate > budget) {
            String styles = spec.estimatePixels() > (long) size[0] * size[1]
                    ? " with its style pictures at style scale " + spec.params().styleScale() : "";
            return new Refused(Refusal.TOO_LARGE, "a " + size[0] + "x" + size[1] + " session" + styles + " needs about " + estimate / (1 << 20)
                    + " MB, more than this server's budget of " + budget / (1 << 20) + " MB");
        }
        if (!placement.layerNames().isEmpty()) {
            try {
                spec.params().checkLayers(placement.layerNames(), "this server's network");
            } catch (InputException e) {
                return new Refused(Refusal.INVALID, e.getMessage());
            }
        }
        int perClient = settings.limits().maxSessionsPerClient();
        if (openOfClient >= perClient) {
            return new Refused(Refusal.TOO_MANY, "too many open sessions: at most " + perClient
                    + " from one client; cancel one or wait for it to finish");
        }
        int perAddress = settings.limits().maxSessionsPerAddress();
        if (openOfAddress >= perAddress) {
            return new Refused(Refusal.TOO_MANY, "too many open sessions: at most " + perAddress
                    + " from one address; wait for some to finish");
        }
        if (!placement.fits(estimate) && queued >= settings.queue().max()) {
            return new Refused(Refusal.UNAVAILABLE, "the server is busy: " + queued + " sessions are already waiting");
        }
        return null;
    }
}
