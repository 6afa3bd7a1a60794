/**
 * REST request and response bodies that both the node and its clients (the desktop console, the
 * load generator, tests) read and write.
 */
package io.peerclaw.shared.protocol.api;
