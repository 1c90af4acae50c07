package io.stylecast.session;

import io.vertx.core.Future;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Who is in the cluster now, as its membership protocol says: a node's announcements count only while it is a
 * member (one that was taken for dead and still talks is a ghost until the cluster has it back).
 *
 * @param self this node's id among the members: {@code local} on one machine
 * @param members whether a node id is a member now; called on event loops, so it must not block
 * @param registered whether the cluster's registry has this node listening at an address (after a merge of the
 *     cluster, a node's registrations can be missing)
 * @param locks whether this node holds the cluster's lock of a name now, as the cluster says (a node taken for gone
 *     that comes back can still believe it holds one another node took meanwhile)
 * @param merges registers what to do each time the cluster merges again (members that were apart, because one was
 *     taken for gone and came back or the network split, are together again); called on the cluster's thread
 */
public record Membership(String self, Predicate<String> members, Function<String, Future<Boolean>> registered,
                         Function<String, Future<Boolean>> locks, Consumer<Runnable> merges) {

    /** One machine: this node alone, which holds every lock it took, and never merges. */
    public static Membership local() {
        return new Membership("local", "local"::equals, address -> Future.succeededFuture(true), name -> Future.succeededFuture(true),
                merged -> { });
    }

    /** Calls {@code merged} each time the cluster merges again, on the cluster's thread. */
    public void onMerge(Runnable merged) {
        merges.accept(merged);
    }

    /** Whether this node holds the cluster's lock {@code name} now. */
    public Future<Boolean> holdsLock(String name) {
        return locks.apply(name);
    }

    /** Whether this node's consumer at {@code address} is known to the cluster. */
    public Future<Boolean> isRegistered(String address) {
        return registered.apply(address);
    }

    public boolean isMember(String nodeId) {
        return members.test(nodeId);
    }
}
