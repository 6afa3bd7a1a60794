/**
 * The signaling relay: agents hold one WebSocket each to the node, prove their key (at the upgrade
 * or by answering a challenge), and exchange WebRTC offers, answers and candidates and relayed
 * messages with the agents that list them as contacts.
 */
package io.peerclaw.node.signaling;
