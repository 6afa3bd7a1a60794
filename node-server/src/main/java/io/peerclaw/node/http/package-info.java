/**
 * The HTTP foundation every feature's routes stand on: the filter chain (CORS, request id and
 * client address, rate limit), RFC 9457 problem answers for every failure including Helidon's own,
 * and JSON bodies in and out. Depends on no feature.
 */
package io.peerclaw.node.http;
