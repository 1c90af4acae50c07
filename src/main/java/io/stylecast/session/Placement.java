package io.stylecast.session;

/**
 * Where sessions run: the least loaded worker, while the sessions' estimated memory fits the
 * budget. Confined to the manager's event loop.
 */
final class Placement {

    private final int[] load;
    private final long budgetBytes;
    private long usedBytes;

    Placement(int workers, long budgetBytes) {
        this.load = new int[workers];
        this.budgetBytes = budgetBytes;
    }

    int workers() {
        return load.length;
    }

    boolean fits(long estimateBytes) {
        return usedBytes + estimateBytes <= budgetBytes;
    }

    /** Takes a place on the least loaded worker; returns its index. */
    int take(long estimateBytes) {
        int worker = 0;
        for (int w = 1; w < load.length; w++) {
            worker = load[w] < load[worker] ? w : worker;
        }
        load[worker]++;
        usedBytes += estimateBytes;
        return worker;
    }

    void give(int worker, long estimateBytes) {
        load[worker]--;
        usedBytes -= estimateBytes;
    }
}
