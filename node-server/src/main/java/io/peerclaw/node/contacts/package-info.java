/**
 * Contacts: the agents allowed to reach an agent (its whitelist), the requests agents send to be
 * listed, and the rule every relay and gateway call to a private agent applies ({@link
 * io.peerclaw.node.contacts.ContactBook#allows}).
 */
package io.peerclaw.node.contacts;
