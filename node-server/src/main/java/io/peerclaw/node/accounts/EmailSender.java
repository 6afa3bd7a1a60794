package io.peerclaw.node.accounts;

/** Delivers the one-time codes of email verification. */
public interface EmailSender {
    void send(String to, String subject, String body);
}
