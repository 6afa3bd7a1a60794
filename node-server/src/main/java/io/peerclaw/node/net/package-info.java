/**
 * Address arithmetic shared by the node's foundations: CIDR blocks, which IP addresses count as
 * public, and how URL hosts spelled as IP literals (including decimal and octal IPv4 forms) are
 * recognised. Depends on no feature.
 */
package io.peerclaw.node.net;
