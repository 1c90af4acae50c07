package io.stylecast.session.manager;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.stylecast.session.NodeInfo;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Sessions go to nodes that hold the network, by load and free memory, within each node's budget. */
class PlacementTest {

    private static final long MB = 1024 * 1024;

    private static NodeInfo node(String id, int workers, long budgetMb, String model) {
        return new NodeInfo(id, "worker", workers, budgetMb, new io.vertx.core.json.JsonObject().put("kind", "cpu"), model,
                List.of("conv1"), 0, Map.of(), List.of(), new io.vertx.core.json.JsonObject());
    }

    /** A node that announced itself and whose workers the manager has reached. */
    private static void add(Placement placement, NodeInfo info) {
        placement.update(info);
        placement.ready(info.id());
    }

    @Test
    void aNodeTakesSessionsOnlyOnceItsWorkersHaveBeenReached() {
        Placement placement = new Placement("default");
        assertTrue(placement.update(node("a:1", 2, 1000, "default")));
        assertFalse(placement.fits(1), "announced, not reached yet");
        assertEquals(0, placement.workers());
        placement.ready("a:1");
        assertTrue(placement.fits(1));
        assertEquals(2, placement.workers());
        placement.notReady("a:1");
        assertFalse(placement.fits(1), "a spec did not reach it");
        assertEquals(new Placement.Slot("a:1", 1), placement.takeOn("a:1", 1, 10 * MB), "a run it still has is its, ready or not");
        assertEquals(null, placement.takeOn("a:1", 2, 10 * MB), "no such worker");
    }

    @Test
    void onlyNodesWithTheNetworkTakeSessions() {
        Placement placement = new Placement("default");
        assertFalse(placement.fits(1), "no node yet");
        assertEquals(-1, placement.largestBudgetBytes());
        add(placement, node("a:1", 4, 9000, "vgg19"));
        assertFalse(placement.fits(1), "a node with another network takes nothing");
        assertEquals(List.of(), placement.layerNames());
        add(placement, node("b:1", 1, 1000, "default"));
        assertTrue(placement.fits(1000 * MB));
        assertFalse(placement.fits(1001 * MB), "within that node's budget, not the other's");
        assertEquals(new Placement.Slot("b:1", 0), placement.take(10 * MB));
        assertEquals(List.of("conv1"), placement.layerNames());
        assertEquals(1, placement.workers());
    }

    @Test
    void theLeastLoadedNodeThenTheOneWithMostMemoryFreeThenItsLeastLoadedWorker() {
        Placement placement = new Placement("default");
        add(placement, node("small:1", 2, 1000, "default"));
        add(placement, node("big:1", 2, 4000, "default"));
        Placement.Slot first = placement.take(500 * MB);
        assertEquals(new Placement.Slot("big:1", 0), first, "equal load: the most memory free");
        assertEquals(new Placement.Slot("small:1", 0), placement.take(500 * MB), "then the node with fewer sessions per worker");
        assertEquals(new Placement.Slot("big:1", 1), placement.take(500 * MB), "on that node's least loaded worker");
        assertEquals(new Placement.Slot("small:1", 1), placement.take(500 * MB));
        assertFalse(placement.describe().isEmpty());
        assertEquals(0L, placement.describe().get(0).memoryFreeMb(), "small:1 is full");
        assertEquals(new Placement.Slot("big:1", 0), placement.take(500 * MB), "only big:1 has memory left");

        assertEquals(2500L, placement.describe().get(1).memoryFreeMb(), "big:1 holds three of 500 MB");
        placement.give(first, 500 * MB);
        assertEquals(3000L, placement.describe().get(1).memoryFreeMb(), "one given back");
        assertEquals(2, placement.describe().get(1).sessions());
    }

    @Test
    void aLostNodeTakesNothingAndItsPlacesAreNotGivenBackTwice() {
        Placement placement = new Placement("default");
        add(placement, node("a:1", 1, 1000, "default"));
        add(placement, node("b:1", 1, 1000, "default"));
        Placement.Slot slot = placement.take(600 * MB);
        assertTrue(placement.remove(slot.node()));
        assertFalse(placement.remove(slot.node()));
        placement.give(slot, 600 * MB);
        Placement.Slot next = placement.take(600 * MB);
        assertFalse(next.node().equals(slot.node()));
        assertFalse(placement.fits(600 * MB), "the other node has 400 MB left");
    }
}
