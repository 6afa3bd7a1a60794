package io.peerclaw.node.accounts;

/**
 * Writes messages to the node's log instead of sending them: the default without an SMTP server, so
 * that an operator can read a code to a user.
 */
final class LogEmailSender implements EmailSender {
    private static final System.Logger LOG = System.getLogger(LogEmailSender.class.getName());

    @Override
    public void send(String to, String subject, String body) {
        LOG.log(
                System.Logger.Level.INFO,
                "email to {0} (no SMTP server configured): {1}: {2}",
                to,
                subject,
                body);
    }
}
