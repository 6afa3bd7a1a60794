/**
 * The node's composition root: {@code NodeWiring} builds every feature in dependency order by hand,
 * hands each the executors of {@code NodeThreads} it needs, lists their routes in one {@code
 * RouteTable} (whose order is the route precedence), starts the web server, and registers every
 * part with a {@code Closer} as it is made, so that stopping and a failed start close them in
 * reverse. Also sets up logging and the data folder.
 */
package io.peerclaw.node.boot;
