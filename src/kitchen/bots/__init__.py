"""Computer cooks that play through the same commands as people. No pygame."""
