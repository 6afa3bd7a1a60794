/**
 * The node's whole public Java API, the only package the desktop program may use: start a node from
 * options, learn its address, stop it. Everything else goes over the REST API.
 */
package io.peerclaw.node.api;
