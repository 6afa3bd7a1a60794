/**
 * Reviews of agents and abuse reports, and the moderation of both: one review per person and agent,
 * never of one's own agent; reports on agents and reviews, merged per reporter and target, worked
 * through by admins who may suspend the agent or hide the review.
 */
package io.peerclaw.node.reviews;
