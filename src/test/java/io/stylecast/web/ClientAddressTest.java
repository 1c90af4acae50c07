package io.stylecast.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Per-client limits count an IPv4 address, or an IPv6 /64. */
class ClientAddressTest {

    @Test
    void ipv4AddressesStayWhole() {
        assertEquals("192.0.2.7", ClientAddress.key("192.0.2.7"));
    }

    @Test
    void ipv6AddressesOfOneSlash64AreOneClient() {
        assertEquals("2001:db8:1:2::/64", ClientAddress.key("2001:db8:1:2:a:b:c:d"));
        assertEquals("2001:db8:1:2::/64", ClientAddress.key("2001:0db8:0001:0002:ffff:ffff:ffff:ffff"));
        assertEquals("2001:db8:1:3::/64", ClientAddress.key("2001:db8:1:3::1"));
        assertEquals("fe80::/64", ClientAddress.key("fe80::1%lo"));
        assertEquals("192.0.2.7", ClientAddress.key("::ffff:192.0.2.7"), "IPv4-mapped is the IPv4 client");
    }
}
