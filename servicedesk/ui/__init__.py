"""All of Qt lives here: the main window, one folder per pane, shared widgets and table models."""
