package io.peerclaw.desktop.ui;

/** The style classes of {@code app.css}, and the AtlantaFX ones the views use. */
public final class Styles {
    private Styles() {}

    public static final String PAGE = "page";
    public static final String PAGE_TITLE = "page-title";
    public static final String SECTION_TITLE = "section-title";
    public static final String CARD = "card";
    public static final String STAT = "stat";
    public static final String STAT_VALUE = "stat-value";
    public static final String STAT_LABEL = "stat-label";
    public static final String NAV = "nav";
    public static final String NAV_BUTTON = "nav-button";
    public static final String HEADER = "header";
    public static final String BRAND = "brand";
    public static final String MUTED = "muted";
    public static final String ERROR = "error-text";
    public static final String NOTICE = "notice-text";
    public static final String MONO = "mono";
    public static final String STATE = "state";
    public static final String STATE_RUNNING = "state-running";
    public static final String FEED = "feed";
    // AtlantaFX
    public static final String ACCENT = atlantafx.base.theme.Styles.ACCENT;
    public static final String DANGER = atlantafx.base.theme.Styles.DANGER;
    public static final String SUCCESS = atlantafx.base.theme.Styles.SUCCESS;
    public static final String FLAT = atlantafx.base.theme.Styles.FLAT;
    public static final String STRIPED = atlantafx.base.theme.Styles.STRIPED;
}
