package io.peerclaw.node.accounts;

import io.peerclaw.shared.crypto.Passwords;
import io.peerclaw.shared.protocol.api.Problem.FieldError;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** The checks of what people type into the account forms, collected as field errors. */
final class AccountInput {
    private static final Pattern EMAIL =
            Pattern.compile("[^@\\s\\p{Cntrl}]{1,64}@[^@\\s\\p{Cntrl}]+\\.[^@\\s\\p{Cntrl}]+");

    private AccountInput() {}

    /** The address in the form accounts store it, or null after adding why it is not one. */
    static String normalizeEmail(String text, String field, List<FieldError> errors) {
        if (text == null || text.isBlank()) {
            errors.add(new FieldError(field, "is required"));
            return null;
        }
        String address = text.strip().toLowerCase(Locale.ROOT);
        if (address.length() > 254 || !EMAIL.matcher(address).matches()) {
            errors.add(new FieldError(field, "is not an email address"));
            return null;
        }
        return address;
    }

    static void checkPassword(String password, String field, List<FieldError> errors) {
        if (password == null) {
            errors.add(new FieldError(field, "is required"));
            return;
        }
        int bytes = Passwords.byteLength(password);
        if (bytes < Passwords.MIN_BYTES || bytes > Passwords.MAX_BYTES) {
            errors.add(
                    new FieldError(
                            field,
                            "must be "
                                    + Passwords.MIN_BYTES
                                    + " to "
                                    + Passwords.MAX_BYTES
                                    + " bytes long (UTF-8)"));
        }
    }

    static void checkText(String text, String field, int min, int max, List<FieldError> errors) {
        if (text.length() < min || text.length() > max) {
            errors.add(
                    new FieldError(
                            field,
                            min > 0
                                    ? "must be " + min + " to " + max + " characters"
                                    : "must be at most " + max + " characters"));
        } else if (text.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n')) {
            errors.add(new FieldError(field, "must not contain control characters"));
        }
    }
}
