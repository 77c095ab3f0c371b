"""Output formats: plain text for terminals, Markdown, JSON and CSV. They render results; they decide nothing."""
