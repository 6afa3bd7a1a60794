/**
 * The HTTP foundation every feature's routes stand on: the filter chain (CORS, request id and
 * client address, rate limit), RFC 9457 problem answers for every failure including Helidon's own,
 * JSON bodies in and out, and the shape of a feature's entry point ({@code Feature}: its {@code
 * Mount}s and its {@code close}). Depends on no feature.
 */
package io.peerclaw.node.http;
