package io.stylecast.web;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Who a client is, for per-client limits: its IPv4 address, or the /64 network of its IPv6 address
 * (one host is usually given a whole /64 and can use any address in it, so counting full IPv6
 * addresses would give it unlimited sessions).
 */
final class ClientAddress {

    private ClientAddress() {
    }

    static String of(HttpServerRequest request) {
        return of(request.remoteAddress());
    }

    static String of(SocketAddress address) {
        return address == null || address.hostAddress() == null ? "?" : key(address.hostAddress());
    }

    private static final java.util.regex.Pattern IPV4 = java.util.regex.Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    private static final java.util.regex.Pattern IPV6 = java.util.regex.Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");

    /** Whether {@code text} is an IP address literal (never looked up: a name is not an address here). */
    static boolean isAddress(String text) {
        return IPV4.matcher(text).matches() || text.length() <= 45 && IPV6.matcher(text).matches();
    }

    /** {@code 192.0.2.7} stays as it is; {@code 2001:db8:1:2:a:b:c:d} becomes {@code 2001:db8:1:2::/64}. */
    static String key(String hostAddress) {
        if (!hostAddress.contains(":")) {
            return hostAddress;
        }
        try {
            InetAddress address = InetAddress.getByName(hostAddress.replaceFirst("%.*$", ""));
            if (!(address instanceof Inet6Address)) {
                return address.getHostAddress();
            }
            byte[] bytes = address.getAddress();
            java.util.Arrays.fill(bytes, 8, 16, (byte) 0);
            String network = InetAddress.getByAddress(bytes).getHostAddress().replaceAll("(:0)+$", "");
            return network + "::/64";
        } catch (UnknownHostException e) {
            return hostAddress;
        }
    }
}
