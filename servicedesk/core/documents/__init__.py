"""reportlab layouts for the documents the office sends: timeline letters, visit summaries, change notices."""
