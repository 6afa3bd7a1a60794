package io.peerclaw.node.directory;

import io.peerclaw.shared.model.AgentCard;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Splits text into search terms: Unicode-decomposed with accents dropped ("Café" and "cafe" meet),
 * lower-cased, cut at every character that is neither a letter nor a digit. Documents and queries
 * go through the same code, so they always agree.
 */
final class Tokenizer {
    /** Longest stored term; longer words are cut, and a query cuts its words the same way. */
    static final int MAX_TERM_LENGTH = 64;

    /** Distinct terms kept per agent; bounds the index when a description is very long. */
    static final int MAX_TERMS_PER_AGENT = 1_000;

    private static final Pattern MARKS = Pattern.compile("\\p{M}+");
    private static final Pattern SEPARATORS = Pattern.compile("[^\\p{L}\\p{N}]+");

    private Tokenizer() {}

    /** The words of a text, in order, duplicates kept. */
    static List<String> words(String text) {
        if (text == null || text.isEmpty()) {
            return List.of();
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        String folded = MARKS.matcher(decomposed).replaceAll("").toLowerCase(Locale.ROOT);
        var out = new ArrayList<String>();
        for (String word : SEPARATORS.split(folded)) {
            if (!word.isEmpty()) {
                out.add(cut(word));
            }
        }
        return out;
    }

    /** The distinct terms under which an agent is found. */
    static Set<String> documentTerms(AgentCard card) {
        var terms = new LinkedHashSet<String>();
        add(terms, card.name());
        add(terms, card.description());
        if (card.capabilities() != null) {
            card.capabilities().forEach(c -> add(terms, c));
        }
        if (card.skills() != null) {
            for (AgentCard.Skill skill : card.skills()) {
                add(terms, skill.name());
                add(terms, skill.description());
                if (skill.tags() != null) {
                    skill.tags().forEach(t -> add(terms, t));
                }
            }
        }
        if (card.peerclaw() != null && card.peerclaw().tags() != null) {
            card.peerclaw().tags().forEach(t -> add(terms, t));
        }
        return terms;
    }

    private static void add(Set<String> terms, String text) {
        for (String word : words(text)) {
            if (terms.size() >= MAX_TERMS_PER_AGENT) {
                return;
            }
            terms.add(word);
        }
    }

    private static String cut(String word) {
        if (word.length() <= MAX_TERM_LENGTH) {
            return word;
        }
        int end = MAX_TERM_LENGTH;
        if (Character.isHighSurrogate(word.charAt(end - 1))) {
            end--;
        }
        return word.substring(0, end);
    }
}
