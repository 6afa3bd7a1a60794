/**
 * The node's composition root: builds every feature in dependency order by hand, assembles the
 * filter chain and routes, starts the web server and background upkeep, and stops them in reverse.
 * Also sets up logging and the data folder.
 */
package io.peerclaw.node.boot;
