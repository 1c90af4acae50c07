package io.stylecast.cluster;

import java.util.ArrayList;
import java.util.List;

/**
 * The JGroups protocol stack a node joins its cluster with: JGroups' own {@code tcp.xml}, changed where the
 * cluster's safety or its speed of recovery needs it.
 * <ul>
 *   <li>TCP bound to {@code cluster.host}:{@code cluster.port} alone, every connection TLS with the
 *       {@link ClusterSecret} as key and as the only certificate trusted, client certificates required
 *       ({@link TlsSockets}, set on the transport before it starts). Discovery, merges, failure detection and
 *       Infinispan's cache traffic all go over it; nothing is sent in the clear. A connection is given 1 s to be made.</li>
 *   <li>Discovery by TCPPING to the listed members only (no multicast, no cloud lookups); diagnostics (a UDP
 *       multicast listener that answers probes about the cluster) off.</li>
 *   <li>Failure detection by heartbeats over those TLS connections (FD_ALL3: a member silent for
 *       {@value #SUSPECT_AFTER_MILLIS} ms is suspected, then checked for {@value #VERIFY_MILLIS} ms), rather than
 *       FD_SOCK2, whose own sockets would take connections without TLS.</li>
 *   <li>MERGE3 every 2 to 5 s (JGroups' default 10 to 30 s): a member that was only paused, or a cluster split by the
 *       network, is whole again within seconds.</li>
 *   <li>A joining node waits up to 3 s for the others' answers (JGroups' default 2 s, ours was 1 s): on a loaded
 *       machine a restarted web node otherwise founds a cluster of its own, takes the sessions' table there, and has
 *       to give it up when the two merge.</li>
 * </ul>
 */
final class JGroupsStack {

    static final long SUSPECT_AFTER_MILLIS = 4000;
    static final long VERIFY_MILLIS = 1000;

    private JGroupsStack() {
    }

    /**
     * @param host the address this node binds to and the others reach it at
     * @param members the nodes to ask when joining, {@code host:port} each (this node may be among them)
     */
    static String xml(String host, int port, List<String> members) {
        List<String> initial = new ArrayList<>();
        initial.add(hostPort(host, port));
        for (String member : members) {
            int colon = member.lastIndexOf(':');
            String hostPort = hostPort(member.substring(0, colon), Integer.parseInt(member.substring(colon + 1)));
            if (!initial.contains(hostPort)) {
                initial.add(hostPort);
            }
        }
        return """
                <config xmlns="urn:org:jgroups">
                  <TCP bind_addr="%s" bind_port="%d" port_range="0" diag.enabled="false" sock_conn_timeout="1000"
                       thread_pool.min_threads="0" thread_pool.max_threads="50" thread_pool.keep_alive_time="30000"/>
                  <RED/>
                  <TCPPING initial_hosts="%s" port_range="0" async_discovery="true" return_entire_cache="true"
                           send_cache_on_join="true"/>
                  <MERGE3 min_interval="2000" max_interval="5000"/>
                  <FD_ALL3 interval="1000" timeout="%d"/>
                  <VERIFY_SUSPECT2 timeout="%d"/>
                  <BARRIER/>
                  <pbcast.NAKACK2 use_mcast_xmit="false"/>
                  <UNICAST3/>
                  <pbcast.STABLE desired_avg_gossip="50000" max_bytes="4M"/>
                  <pbcast.GMS print_local_addr="false" join_timeout="3000"/>
                  <UFC max_credits="2M" min_threshold="0.4"/>
                  <MFC max_credits="2M" min_threshold="0.4"/>
                  <FRAG2 frag_size="60K"/>
                </config>
                """.formatted(attribute(host), port, attribute(String.join(",", initial)), SUSPECT_AFTER_MILLIS, VERIFY_MILLIS);
    }

    /** JGroups' form of an address: {@code host[port]}, IPv6 literals without brackets. */
    private static String hostPort(String host, int port) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        return bare + "[" + port + "]";
    }

    private static String attribute(String value) {
        return value.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
