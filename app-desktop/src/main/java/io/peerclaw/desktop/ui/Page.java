package io.peerclaw.desktop.ui;

import io.peerclaw.desktop.mvvm.ViewModel;
import javafx.scene.Node;

/** One view of the console: its name in the navigation, the view, and the model F5 refreshes. */
public record Page(String title, Node view, ViewModel model) {}
