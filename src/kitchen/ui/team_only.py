"""The team-only view of the results and debrief screens: for showing them to the whole
group, team figures only and no number per person (no per-chef table, no call-outs by
person, no who-to-whom). **P** switches it on either screen; the settings'
``team_only_by_default`` says how the screens open, and the debrief opens as the results
screen had it."""

from __future__ import annotations

import pygame

TEAM_ONLY_KEY = pygame.K_p
"""Switches the team-only view."""
