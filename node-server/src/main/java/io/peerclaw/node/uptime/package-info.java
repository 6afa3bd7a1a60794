/**
 * Uptime probes: the node calls each registered agent's endpoint on a jittered schedule with its
 * protocol's cheapest liveness call, keeps the last result and hourly counts for a 24 h uptime, and
 * feeds the results to reputation as uptime samples. Owners and admins may ask for a re-check. It
 * reaches endpoints only through {@code net.OutboundHttp} and reads agents only through the
 * registry's public use cases.
 */
package io.peerclaw.node.uptime;
