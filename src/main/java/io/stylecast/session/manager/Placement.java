package io.stylecast.session.manager;

import io.stylecast.session.NodeInfo;
import io.stylecast.session.RunRecord;
import io.stylecast.session.protocol.Health;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where sessions run: the worker nodes that announced themselves ({@link NodeInfo}) and what each
 * has taken. A session goes to a ready node (one whose workers the manager has reached since it
 * appeared) holding the server's network whose workers carry the fewest sessions each (then the one
 * with the most memory free), on its least loaded worker, if its estimated memory fits that node's
 * budget. Confined to the manager's event loop.
 */
final class Placement {

    /** A worker of a node. */
    record Slot(String node, int worker) {
    }

    private static final class Node {
        NodeInfo info;
        final int[] load;
        long usedBytes;
        /** Whether the manager has reached its workers since it (re)appeared: only then is it given sessions. */
        boolean ready;

        Node(NodeInfo info) {
            this.info = info;
            this.load = new int[info.workers()];
        }

        long budgetBytes() {
            return info.memoryBudgetMb() * 1024 * 1024;
        }

        boolean fits(long estimateBytes) {
            return usedBytes + estimateBytes <= budgetBytes();
        }

        double loadPerWorker() {
            int sessions = 0;
            for (int l : load) {
                sessions += l;
            }
            return (double) sessions / load.length;
        }
    }

    private final String model;
    private final Map<String, Node> nodes = new LinkedHashMap<>();

    /** @param model the network sessions run on; only nodes that hold it take sessions */
    Placement(String model) {
        this.model = model;
    }

    /** Records a node's announcement; returns whether the node is new. */
    boolean update(NodeInfo info) {
        Node node = nodes.get(info.id());
        boolean added = node == null || node.load.length != info.workers();
        if (added) {
            node = new Node(info);
            nodes.put(info.id(), node);
        }
        node.info = info;
        return added;
    }

    /** Forgets a node; returns whether it was known. Its sessions are the caller's to move. */
    boolean remove(String node) {
        return nodes.remove(node) != null;
    }

    boolean has(String node) {
        return nodes.containsKey(node);
    }

    /** The manager reached the node's workers: it takes sessions from now on. */
    void ready(String node) {
        Node n = nodes.get(node);
        if (n != null) {
            n.ready = true;
        }
    }

    /** A session's spec did not reach the node: it takes none until the manager reaches it again. */
    void notReady(String node) {
        Node n = nodes.get(node);
        if (n != null) {
            n.ready = false;
        }
    }

    boolean isReady(String node) {
        Node n = nodes.get(node);
        return n != null && n.ready;
    }

    /** Whether some node with the network has {@code estimateBytes} free. */
    boolean fits(long estimateBytes) {
        return nodes.values().stream().anyMatch(n -> takes(n) && n.fits(estimateBytes));
    }

    /** The largest budget of a node with the network, or -1 while there is none. */
    long largestBudgetBytes() {
        return nodes.values().stream().filter(this::holdsModel).mapToLong(Node::budgetBytes).max().orElse(-1);
    }

    /** The announcement of the first node that holds the server's network, if one is there. */
    private java.util.Optional<NodeInfo> firstWithModel() {
        return nodes.values().stream().filter(this::holdsModel).findFirst().map(n -> n.info);
    }

    /** What the first node with the network computes on; empty before one is there. */
    io.vertx.core.json.JsonObject backend() {
        return firstWithModel().map(NodeInfo::backend).orElse(new io.vertx.core.json.JsonObject());
    }

    /** The network's defaults as a node with it announced them; empty before one is there. */
    io.vertx.core.json.JsonObject defaults() {
        return firstWithModel().map(NodeInfo::defaults).orElse(new io.vertx.core.json.JsonObject());
    }

    /** The network's feature layers, as its nodes announced them; empty while there is no such node. */
    List<String> layerNames() {
        return firstWithModel().map(NodeInfo::layerNames).orElse(List.of());
    }

    /** The workers sessions can be placed on now. */
    int workers() {
        return nodes.values().stream().filter(this::takes).mapToInt(n -> n.load.length).sum();
    }

    /**
     * Takes the place a session already has on a node (a worker node that still runs it, back to a restarted
     * manager); null if the node has no such worker.
     */
    Slot takeOn(String node, int worker, long estimateBytes) {
        Node n = nodes.get(node);
        if (n == null || worker < 0 || worker >= n.load.length) {
            return null;
        }
        n.load[worker]++;
        n.usedBytes += estimateBytes;
        return new Slot(node, worker);
    }

    /** Takes a place for a session that {@link #fits}. */
    Slot take(long estimateBytes) {
        Node best = null;
        for (Node n : nodes.values()) {
            if (takes(n) && n.fits(estimateBytes) && (best == null || n.loadPerWorker() < best.loadPerWorker()
                    || n.loadPerWorker() == best.loadPerWorker() && n.usedBytes - n.budgetBytes() < best.usedBytes - best.budgetBytes())) {
                best = n;
            }
        }
        if (best == null) {
            throw new IllegalStateException("no node has " + estimateBytes + " bytes free");
        }
        int worker = 0;
        for (int w = 1; w < best.load.length; w++) {
            worker = best.load[w] < best.load[worker] ? w : worker;
        }
        best.load[worker]++;
        best.usedBytes += estimateBytes;
        return new Slot(best.info.id(), worker);
    }

    /** Gives a place back (nothing to do when its node is gone). */
    void give(Slot slot, long estimateBytes) {
        Node node = nodes.get(slot.node());
        if (node != null && slot.worker() < node.load.length) {
            node.load[slot.worker()]--;
            node.usedBytes -= estimateBytes;
        }
    }

    /** Each node as {@code /api/health} lists it. */
    List<Health.Node> describe() {
        List<Health.Node> list = new ArrayList<>();
        for (Node n : nodes.values()) {
            int sessions = 0;
            for (int l : n.load) {
                sessions += l;
            }
            list.add(new Health.Node(n.info.id(), n.info.role(), n.ready, n.load.length,
                    (n.budgetBytes() - n.usedBytes) / (1024 * 1024), sessions, n.info.backend(), RunRecord.publicName(n.info.model())));
        }
        return list;
    }

    private boolean holdsModel(Node node) {
        return node.info.model().equals(model);
    }

    /** Whether a node is given sessions: it holds the network, and the manager has reached it. */
    private boolean takes(Node node) {
        return node.ready && holdsModel(node);
    }
}
