package io.peerclaw.node.admin;

import io.peerclaw.node.http.ApiException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;

/**
 * Who may create the first admin over HTTP: only while the node has no admin, and only a client on
 * this machine. A forwarded request is refused even from loopback: a local reverse proxy makes
 * every remote visitor look local.
 */
final class SetupRule {
    private SetupRule() {}

    /**
     * @throws ApiException 409 when an admin exists, 403 when the client is not on this machine
     */
    static void check(boolean adminExists, SocketAddress peer, boolean forwarded) {
        if (adminExists) {
            throw ApiException.conflict(
                    "this node already has an admin; sign in, or use peerclaw --create-admin"
                            + " EMAIL");
        }
        InetAddress address = peer instanceof InetSocketAddress inet ? inet.getAddress() : null;
        if (address == null || !address.isLoopbackAddress() || forwarded) {
            throw ApiException.forbidden(
                    "the first admin can only be created from the node's own machine (a loopback"
                            + " address, not through a proxy); or run peerclaw --create-admin"
                            + " EMAIL there");
        }
    }
}
