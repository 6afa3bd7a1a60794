package io.peerclaw.node.gateway;

import java.text.Normalizer;
import java.util.Locale;

/**
 * The one name a skill goes by in every protocol: its {@code id} when it has one, otherwise a slug
 * of its name, {@code [a-z0-9_-]}, at most 64 characters.
 */
public final class SkillNames {
    public static final int MAX_LENGTH = 64;

    private SkillNames() {}

    /** The skill's name: the id as given, or the slug of the display name. */
    public static String of(String id, String displayName) {
        if (id != null && !id.isBlank()) {
            return id;
        }
        return slug(displayName == null ? "" : displayName);
    }

    /**
     * Lowercase ASCII letters, digits, {@code _} and {@code -}; runs of anything else become one
     * {@code -}; trimmed of {@code -} at both ends; {@code skill} when nothing is left.
     */
    public static String slug(String text) {
        String folded =
                Normalizer.normalize(text, Normalizer.Form.NFKD)
                        .replaceAll("\\p{M}+", "")
                        .toLowerCase(Locale.ROOT);
        var out = new StringBuilder();
        boolean gap = false;
        for (int i = 0; i < folded.length() && out.length() < MAX_LENGTH; i++) {
            char c = folded.charAt(i);
            boolean kept = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
            if (kept) {
                if (gap && !out.isEmpty()) {
                    out.append('-');
                }
                gap = false;
                if (out.length() < MAX_LENGTH) {
                    out.append(c);
                }
            } else {
                gap = true;
            }
        }
        String slug = out.toString().replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_LENGTH) {
            slug = slug.substring(0, MAX_LENGTH);
        }
        return slug.isEmpty() ? "skill" : slug;
    }
}
