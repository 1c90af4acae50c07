package io.stylecast.session.manager;

import io.stylecast.session.protocol.SessionEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * A session's losses over its run, for a viewer who comes late or back after a lost connection: its plot starts
 * from the beginning. At most {@value #MAX_POINTS} points: when full, every other one is dropped (the first and the
 * latest kept), so a long run keeps its whole shape at a coarser step. Confined to the manager's event loop.
 */
final class LossHistory {

    static final int MAX_POINTS = 512;

    private final List<SessionEvent.Progress> points = new ArrayList<>();

    void add(SessionEvent.Progress progress) {
        if (points.size() == MAX_POINTS) {
            List<SessionEvent.Progress> kept = new ArrayList<>(MAX_POINTS / 2 + 1);
            for (int i = 0; i < points.size(); i += 2) {
                kept.add(points.get(i));
            }
            points.clear();
            points.addAll(kept);
        }
        points.add(progress);
    }

    List<SessionEvent.Progress> points() {
        return List.copyOf(points);
    }
}
