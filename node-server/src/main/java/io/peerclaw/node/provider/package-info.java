/**
 * The provider console: what a signed-in person does with the agents they own. Owning comes three
 * ways (an agent registering with its owner's credentials, a card posted here and confirmed by the
 * key holder, a one-time claim token); owners edit their agents' settings, answer access requests
 * and read their figures.
 */
package io.peerclaw.node.provider;
