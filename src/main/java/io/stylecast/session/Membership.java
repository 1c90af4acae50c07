package io.stylecast.session;

import io.vertx.core.Future;
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
 */
public record Membership(String self, Predicate<String> members, Function<String, Future<Boolean>> registered) {

    /** One machine: this node alone. */
    public static Membership local() {
        return new Membership("local", "local"::equals, address -> Future.succeededFuture(true));
    }

    /** Whether this node's consumer at {@code address} is known to the cluster. */
    public Future<Boolean> isRegistered(String address) {
        return registered.apply(address);
    }

    public boolean isMember(String nodeId) {
        return members.test(nodeId);
    }
}
