package io.stylecast.engine;

import java.util.UUID;
import org.nd4j.linalg.api.memory.MemoryWorkspace;
import org.nd4j.linalg.api.memory.conf.WorkspaceConfiguration;
import org.nd4j.linalg.api.memory.enums.AllocationPolicy;
import org.nd4j.linalg.api.memory.enums.LearningPolicy;
import org.nd4j.linalg.api.memory.enums.ResetPolicy;
import org.nd4j.linalg.api.memory.enums.SpillPolicy;
import org.nd4j.linalg.factory.Nd4j;

/**
 * An ND4J workspace that holds every temporary array of one iteration and is reused by the next, so
 * that after the first iteration an iteration allocates no new native memory. ND4J frees native
 * buffers only when the JVM collects their Java objects, which with a small heap is almost never:
 * without this, resident memory grows by hundreds of MB per iteration.
 *
 * <p>ND4J workspaces belong to a thread: open and close this one on the thread that runs the
 * iterations. Arrays made inside a scope are invalid after it closes; {@code detach()} what must
 * outlive it.
 */
final class IterationWorkspace implements AutoCloseable {

    private static final WorkspaceConfiguration CONFIG = WorkspaceConfiguration.builder()
            .initialSize(0)
            .policyAllocation(AllocationPolicy.OVERALLOCATE)
            .overallocationLimit(0.05)
            .policyLearning(LearningPolicy.FIRST_LOOP)
            .policyReset(ResetPolicy.BLOCK_LEFT)
            .policySpill(SpillPolicy.REALLOCATE)
            .build();

    private final String id = "stylecast-iteration-" + UUID.randomUUID();

    /** Opens a scope; everything allocated until it is closed comes from (and goes back to) this workspace. */
    MemoryWorkspace open() {
        return Nd4j.getWorkspaceManager().getAndActivateWorkspace(CONFIG, id);
    }

    /** Frees the workspace's memory. Call on the thread that used it. */
    @Override
    public void close() {
        if (Nd4j.getWorkspaceManager().checkIfWorkspaceExists(id)) {
            Nd4j.getWorkspaceManager().getWorkspaceForCurrentThread(id).destroyWorkspace(true);
        }
    }
}
