package io.stylecast.web;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Who a request comes from, for the per-client limits. A school puts a whole room behind one address, so a client is
 * a browser: its address ({@link ClientAddress}) and a random id the server gives it in an HttpOnly cookie on its first
 * request, {@code 192.0.2.7#<32 hex digits>}. A request without the cookie (a script, a browser refusing cookies)
 * is its address alone. Each address has looser caps of its own as well (a room's worth), so that clearing cookies
 * does not lift every limit.
 * <p>
 * The address is the connection's, unless that is one of {@code http.trustedProxies} (a load balancer, a school's
 * proxy): then it is the last address in {@code X-Forwarded-For} that is not a trusted proxy. A header from anyone
 * else is ignored, so no client can choose the address it is counted as.
 */
final class Clients {

    static final String COOKIE = "stylecast-client";
    private static final String KEY = "stylecast.client";
    private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Set<String> trustedProxies;

    /**
     * @param trustedProxies the IP addresses whose forwarded headers count
     * @throws IllegalArgumentException for an entry that is not an IP address (a name would need a lookup, and could
     *     change under the server)
     */
    Clients(List<String> trustedProxies) {
        for (String proxy : trustedProxies) {
            if (!ClientAddress.isAddress(proxy)) {
                throw new IllegalArgumentException("http.trustedProxies takes IP addresses, got '" + proxy + "'");
            }
        }
        this.trustedProxies = Set.copyOf(trustedProxies.stream().map(ClientAddress::key).toList());
    }

    /** A route handler: gives a browser without one its id, and notes the request's client for the handlers after it. */
    void identify(RoutingContext ctx) {
        Cookie cookie = ctx.request().getCookie(COOKIE);
        String id = cookie != null && ID.matcher(cookie.getValue()).matches() ? cookie.getValue() : null;
        if (id == null && browserLike(ctx.request())) {
            byte[] bytes = new byte[16];
            RANDOM.nextBytes(bytes);
            id = HexFormat.of().formatHex(bytes);
            ctx.response().addCookie(Cookie.cookie(COOKIE, id).setPath("/").setHttpOnly(true)
                    .setSameSite(CookieSameSite.LAX).setMaxAge(365L * 24 * 3600));
        }
        String address = address(ctx.request());
        ctx.put(KEY, id == null ? address : address + "#" + id);
        ctx.next();
    }

    /** Only pages get an id: a request for the API from a script keeps counting as its address. */
    private static boolean browserLike(HttpServerRequest request) {
        String accept = request.getHeader("Accept");
        return accept != null && accept.contains("text/html");
    }

    /** The request's client: {@code address#browser}, or the address alone. */
    static String of(RoutingContext ctx) {
        String client = ctx.get(KEY);
        return client != null ? client : ClientAddress.of(ctx.request());
    }

    /** The client's address: the connection's, or from a trusted proxy the one it forwards for. */
    String address(HttpServerRequest request) {
        String connection = ClientAddress.of(request);
        if (!trusted(connection)) {
            return connection;
        }
        String forwarded = request.getHeader("X-Forwarded-For");
        if (forwarded == null) {
            return connection;
        }
        String[] hops = forwarded.split(",");
        for (int i = hops.length - 1; i >= 0; i--) {
            String hop = hops[i].strip();
            if (hop.isEmpty() || !ClientAddress.isAddress(hop)) {
                return connection;   // a malformed list: count the proxy rather than trust any of it
            }
            String key = ClientAddress.key(hop);
            if (!trusted(key)) {
                return key;
            }
        }
        return connection;
    }

    /** Whether connections from this address are a trusted proxy's. */
    boolean trusted(String address) {
        return trustedProxies.contains(address);
    }
}
