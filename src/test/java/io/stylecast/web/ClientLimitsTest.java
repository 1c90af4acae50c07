package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The request-rate buckets, on a clock the test moves. */
class ClientLimitsTest {

    private final AtomicLong now = new AtomicLong(1_000_000_000L);
    private final ClientLimits limits = new ClientLimits(2, 1000, now::get);

    @Test
    void aClientOverItsLimitStaysRefusedHoweverManyOthersCome() {
        assertNull(limits.take("192.0.2.7#a"));
        assertNull(limits.take("192.0.2.7#a"));
        assertEquals("client", limits.take("192.0.2.7#a"));
        // the old limiter forgot every bucket past 10,000 clients, and with them this one's
        for (int i = 0; i < 20_000; i++) {
            limits.take("198.51.100." + (i % 250) + "#" + i);
        }
        assertEquals("client", limits.take("192.0.2.7#a"), "still over its limit");
        now.addAndGet(TimeUnit.SECONDS.toNanos(30));
        assertNull(limits.take("192.0.2.7#a"), "half a minute later: one token back of its two a minute");
        assertEquals("client", limits.take("192.0.2.7#a"));
    }

    @Test
    void theAddressHasItsOwnBucket() {
        ClientLimits room = new ClientLimits(100, 3, now::get);
        assertNull(room.take("192.0.2.7#a"));
        assertNull(room.take("192.0.2.7#b"));
        assertNull(room.take("192.0.2.7#c"));
        assertEquals("address", room.take("192.0.2.7#d"), "a fourth browser of the address, over the address's 3");
        assertNull(room.take("192.0.2.8#d"));
    }
}
