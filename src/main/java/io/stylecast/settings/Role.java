package io.stylecast.settings;

import java.util.Arrays;
import java.util.Locale;

/** What a node does ({@code cluster.role}): everything on one machine, the web and sessions' table, or workers. */
public enum Role {
    ALL, WEB, WORKER;

    /** As the settings and the wire write it: {@code all}, {@code web}, {@code worker}. */
    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Whether this node's workers compute sessions (all, worker). */
    public boolean computes() {
        return this != WEB;
    }

    /** Whether this node serves the web and holds the sessions' table (all, web). */
    public boolean serves() {
        return this != WORKER;
    }

    /** @throws IllegalArgumentException naming {@code cluster.role} and what it takes */
    @com.fasterxml.jackson.annotation.JsonCreator
    public static Role of(String id) {
        return Arrays.stream(values()).filter(r -> r.id().equals(id)).findFirst().orElseThrow(() ->
                new IllegalArgumentException("cluster.role (--role) must be web, worker or all, got '" + id + "'"));
    }
}
