"""The game's screens: one class per screen, each with ``handle_event / update / draw``."""
