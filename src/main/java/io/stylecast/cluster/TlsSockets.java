package io.stylecast.cluster;

import java.net.Socket;
import java.net.SocketException;
import javax.net.ssl.SSLSocket;
import org.jgroups.util.DefaultSocketFactory;
import org.jgroups.util.SocketFactory;
import org.jgroups.util.TLS;
import org.jgroups.util.TLSClientAuth;

/**
 * JGroups' sockets: TLS with the {@link ClusterSecret}'s key, its certificate the only one trusted, client
 * certificates required, as JGroups' own TLS component makes them, and one thing more: a connection's TLS handshake
 * must be over within {@value #HANDSHAKE_MILLIS} ms. JGroups 5.2 opens a connection while holding the lock every
 * send goes through, and a member that is stopped (SIGSTOP, a frozen VM) still accepts TCP connections (its kernel
 * does) but never answers the handshake: without a timeout, the first message to it blocked every other message of
 * the node, heartbeats included, until the healthy members took each other for dead.
 */
final class TlsSockets {

    static final int HANDSHAKE_MILLIS = 1000;

    private TlsSockets() {
    }

    static SocketFactory factory(ClusterSecret secret) throws Exception {
        TLS tls = new TLS().enabled(true).setKeystorePath(secret.file().toString()).setKeystorePassword(ClusterSecret.PASSWORD)
                .setKeystoreType("PKCS12").setClientAuth(TLSClientAuth.NEED);
        tls.init();   // the key store is the trust store too
        DefaultSocketFactory factory = (DefaultSocketFactory) tls.createSocketFactory();
        factory.setSocketConfigurator(TlsSockets::boundHandshake);
        return factory;
    }

    /** Reads time out until the handshake is done; after it, a connection waits for data as long as it takes. */
    private static void boundHandshake(Socket socket) {
        try {
            socket.setSoTimeout(HANDSHAKE_MILLIS);
        } catch (SocketException e) {
            return;
        }
        if (socket instanceof SSLSocket ssl) {
            ssl.addHandshakeCompletedListener(done -> {
                try {
                    socket.setSoTimeout(0);
                } catch (SocketException closed) {
                    // closed already: nothing to wait for
                }
            });
        }
    }
}
