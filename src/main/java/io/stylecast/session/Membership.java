package io.stylecast.session;

import java.util.function.Predicate;

/**
 * Who is in the cluster now, as its membership protocol says: a node's announcements count only while it is a
 * member (one that was taken for dead and still talks is a ghost until the cluster has it back).
 *
 * @param self this node's id among the members: {@code local} on one machine
 * @param members whether a node id is a member now; called on event loops, so it must not block
 */
public record Membership(String self, Predicate<String> members) {

    /** One machine: this node alone. */
    public static Membership local() {
        return new Membership("local", "local"::equals);
    }

    public boolean isMember(String nodeId) {
        return members.test(nodeId);
    }
}
