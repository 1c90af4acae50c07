package io.stylecast.session.manager;

import java.util.List;
import java.util.PriorityQueue;

/**
 * When each queued session may start, for the students waiting: every running session frees its place after its
 * remaining iterations at its own speed, and each queued one, started in order on the first place free, holds it for
 * its iterations at the running sessions' mean speed. An estimate (sizes and memory decide the real order of starts),
 * good to say "about 3 min"; none while no session runs to measure a speed from.
 */
final class QueueEstimate {

    private QueueEstimate() {
    }

    /** A running session: iterations still to do, and its speed now (0 if not known yet). */
    record Running(int remaining, double iterationsPerSecond) {
    }

    /**
     * @param running the sessions running now
     * @param places how many run at once: the workers, or as many as run now if memory holds it to fewer
     * @param queued each queued session's iterations, in the queue's order
     * @return seconds until each queued session starts, in the same order; all 0 when nothing runs at a known speed
     */
    static int[] startSeconds(List<Running> running, int places, List<Integer> queued) {
        int[] starts = new int[queued.size()];
        double speed = running.stream().mapToDouble(Running::iterationsPerSecond).filter(s -> s > 0).average().orElse(0);
        if (speed <= 0 || queued.isEmpty()) {
            return starts;
        }
        PriorityQueue<Double> free = new PriorityQueue<>();
        for (Running r : running) {
            free.add(r.remaining() / (r.iterationsPerSecond() > 0 ? r.iterationsPerSecond() : speed));
        }
        while (free.size() < Math.max(1, places)) {
            free.add(0.0);
        }
        while (free.size() > Math.max(1, places)) {
            // memory lets fewer run than are running now: the later ones to end are not places for the queue
            free.remove(free.stream().max(Double::compare).orElseThrow());
        }
        for (int i = 0; i < starts.length; i++) {
            double at = free.poll();
            starts[i] = (int) Math.ceil(at);
            free.add(at + queued.get(i) / speed);
        }
        return starts;
    }
}
