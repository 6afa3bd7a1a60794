package io.peerclaw.node.accounts;

import io.peerclaw.node.config.NodeConfig;
import jakarta.mail.Authenticator;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.PasswordAuthentication;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.Properties;
import java.util.concurrent.ExecutorService;

/**
 * Sends account emails through the configured SMTP server, off the request thread: a slow or
 * failing mail server must not hold up or fail a sign-up (the user can ask for a new code).
 */
final class SmtpEmailSender implements EmailSender {
    private static final System.Logger LOG = System.getLogger(SmtpEmailSender.class.getName());
    private static final String TIMEOUT_MILLIS = "10000";

    private final Session session;
    private final InternetAddress from;
    private final ExecutorService sending;

    /**
     * @param sending sends each mail off the request that asked for it
     */
    SmtpEmailSender(NodeConfig.Smtp config, ExecutorService sending) {
        this.sending = sending;
        var properties = new Properties();
        properties.put("mail.smtp.host", config.host());
        properties.put("mail.smtp.port", Integer.toString(config.port()));
        properties.put("mail.smtp.connectiontimeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.timeout", TIMEOUT_MILLIS);
        properties.put("mail.smtp.writetimeout", TIMEOUT_MILLIS);
        if (config.port() == 465) {
            properties.put("mail.smtp.ssl.enable", "true");
            properties.put("mail.smtp.ssl.checkserveridentity", "true");
        } else if (config.tls()) {
            properties.put("mail.smtp.starttls.enable", "true");
            properties.put("mail.smtp.starttls.required", "true");
            properties.put("mail.smtp.ssl.checkserveridentity", "true");
        }
        Authenticator login = null;
        if (!config.username().isEmpty()) {
            properties.put("mail.smtp.auth", "true");
            String user = config.username().value();
            String password = config.password().value();
            login =
                    new Authenticator() {
                        @Override
                        protected PasswordAuthentication getPasswordAuthentication() {
                            return new PasswordAuthentication(user, password);
                        }
                    };
        }
        this.session = Session.getInstance(properties, login);
        try {
            this.from = new InternetAddress(config.from(), true);
        } catch (jakarta.mail.internet.AddressException e) {
            throw new IllegalStateException("smtp.from is not an email address", e);
        }
    }

    @Override
    public void send(String to, String subject, String body) {
        sending.execute(
                () -> {
                    try {
                        var message = new MimeMessage(session);
                        message.setFrom(from);
                        message.setRecipient(Message.RecipientType.TO, new InternetAddress(to));
                        message.setSubject(subject, "UTF-8");
                        message.setText(body, "UTF-8");
                        Transport.send(message);
                    } catch (MessagingException e) {
                        LOG.log(
                                System.Logger.Level.WARNING,
                                "could not send an email through SMTP: " + e.getMessage());
                    }
                });
    }
}
