"""Session logs (JSON Lines, append-only, crash-safe) and replay."""
