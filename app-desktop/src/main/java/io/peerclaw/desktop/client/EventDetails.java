package io.peerclaw.desktop.client;

import io.peerclaw.shared.json.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** An audit or activity event's details as people read them, not as JSON. */
final class EventDetails {
    private EventDetails() {}

    /** E.g. {@code name: weather · protocols: a2a, mcp}; empty for none. */
    static String words(Map<String, Object> details) {
        if (details == null) {
            return "";
        }
        var parts = new ArrayList<String>();
        details.forEach((name, value) -> parts.add(name.replace('_', ' ') + ": " + text(value)));
        return String.join(" · ", parts);
    }

    private static String text(Object value) {
        if (value instanceof List<?> list) {
            var items = new ArrayList<String>();
            list.forEach(item -> items.add(item instanceof String s ? s : scalar(item)));
            return String.join(", ", items);
        }
        return scalar(value);
    }

    private static String scalar(Object value) {
        if (value == null
                || value instanceof String
                || value instanceof Number
                || value instanceof Boolean) {
            return String.valueOf(value);
        }
        return Json.text(value); // a nested object, shown as it came
    }
}
