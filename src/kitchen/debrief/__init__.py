"""Metrics over event logs, lesson packs and report export. No pygame."""
