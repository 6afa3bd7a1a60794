package io.peerclaw.desktop.settings;

import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * One editable setting in the form: its text, and the node's (or the form's) complaint about it.
 * {@code key} is the configuration key, or one of the form's own keys for the parts of {@code
 * server.http_addr}.
 */
public final class SettingField {
    private final String key;
    private final String label;
    private final String kind;
    private final String description;
    private final boolean readOnly;
    private final boolean set;
    private final StringProperty value = new SimpleStringProperty("");
    private final StringProperty error = new SimpleStringProperty("");
    private final StringProperty running = new SimpleStringProperty("");
    private String loaded = "";

    SettingField(String key, String label, String kind, String description, boolean readOnly) {
        this(key, label, kind, description, readOnly, false);
    }

    /**
     * @param set whether the node has a value for it; only a secret needs this, as its value is
     *     never sent
     */
    SettingField(
            String key,
            String label,
            String kind,
            String description,
            boolean readOnly,
            boolean set) {
        this.key = key;
        this.label = label;
        this.kind = kind;
        this.description = description;
        this.readOnly = readOnly;
        this.set = set;
    }

    void load(String text) {
        loaded = text == null ? "" : text;
        value.set(loaded);
        error.set("");
    }

    boolean changed() {
        return !loaded.equals(value.get());
    }

    public String key() {
        return key;
    }

    public String label() {
        return label;
    }

    public String kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public boolean readOnly() {
        return readOnly;
    }

    public boolean secret() {
        return "secret".equals(kind);
    }

    /** Whether the node reports a value for it (a secret's value itself is never sent). */
    public boolean set() {
        return set;
    }

    /**
     * The empty field's hint: for a secret, what the node says about it, since the value is never
     * shown.
     */
    public String placeholder() {
        if (!secret()) {
            return "";
        }
        return set ? "set; type a new value to replace it" : "not set; type a value to set it";
    }

    /**
     * Where the running node differs from this configured value, both in words; empty when they
     * agree.
     */
    public StringProperty runningProperty() {
        return running;
    }

    public StringProperty valueProperty() {
        return value;
    }

    public StringProperty errorProperty() {
        return error;
    }
}
