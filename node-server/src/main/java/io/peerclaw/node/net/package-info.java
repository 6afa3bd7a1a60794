/**
 * Reaching other machines safely: CIDR blocks, which IP addresses count as public, how URL hosts
 * spelled as IP literals (including decimal and octal IPv4 forms) are recognised, and {@link
 * io.peerclaw.node.net.OutboundHttp}, the node's one client for URLs others supply. Depends on no
 * feature; nothing else in the node may open outgoing HTTP connections.
 */
package io.peerclaw.node.net;
