package io.peerclaw.node.directory;

import io.peerclaw.node.http.ApiException;
import java.util.ArrayList;
import java.util.List;

/**
 * A full-text query: every word must be found (AND); the last word also matches longer words that
 * start with it, so that results follow the user's typing.
 *
 * @param exact words matched as whole terms
 * @param prefix the last word, matched as a prefix
 */
record SearchQuery(List<String> exact, String prefix) {
    static final int MAX_CHARACTERS = 200;
    static final int MAX_WORDS = 8;

    SearchQuery {
        exact = List.copyOf(exact);
    }

    static SearchQuery parse(String text) {
        if (text.length() > MAX_CHARACTERS) {
            throw ApiException.invalid(
                    "search", "must be at most " + MAX_CHARACTERS + " characters");
        }
        var words = new ArrayList<String>();
        for (String word : Tokenizer.words(text)) {
            if (!words.contains(word)) {
                words.add(word);
            }
        }
        if (words.isEmpty()) {
            throw ApiException.invalid("search", "must contain a letter or a digit");
        }
        if (words.size() > MAX_WORDS) {
            throw ApiException.invalid("search", "must have at most " + MAX_WORDS + " words");
        }
        String last = words.removeLast();
        words.removeIf(last::equals);
        return new SearchQuery(words, last);
    }

    /**
     * The smallest string greater than every term starting with {@code prefix}: its last code point
     * plus one. Terms hold only letters and digits, so the increment never overflows.
     */
    static String upperBound(String prefix) {
        int last = prefix.codePointBefore(prefix.length());
        String head = prefix.substring(0, prefix.length() - Character.charCount(last));
        return head + Character.toString(last + 1);
    }
}
