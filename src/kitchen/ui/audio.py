"""Sound effects and the music loop, with volume and mute, that never stop the game.

If there is no audio device (or the mixer fails for any reason) :class:`Audio` carries
on silently: every method becomes a no-op. Sounds are the WAV files that
``tools/make_sounds.py`` writes into ``assets/sounds/``; a missing file is just skipped.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pygame

from kitchen.paths import assets_dir

SOUND_NAMES = (
    "pickup",
    "putdown",
    "chop",
    "sizzle",
    "serve",
    "expired",
    "alarm",
    "wrong",
    "no",
    "burnt",
    "countdown",
    "go",
    "click",
    "join",
)
"""Every sound effect the game plays."""

MUSIC = "music"


def sounds_dir() -> Path:
    """The folder of shipped sound files."""
    return assets_dir() / "sounds"


class Audio:
    """Plays sounds if it can; otherwise does nothing, without complaint.

    Args:
        volume: effects volume 0..1.
        music_volume: music volume 0..1 (multiplied by ``volume``).
        muted: start muted.
        folder: where the WAV files are (default :func:`sounds_dir`).
    """

    def __init__(
        self,
        volume: float = 0.8,
        music_volume: float = 0.5,
        muted: bool = False,
        folder: Path | None = None,
    ) -> None:
        self.volume = volume
        self.music_volume = music_volume
        self.muted = muted
        self.enabled = False
        self.problem: str | None = None
        self.sounds: dict[str, pygame.mixer.Sound] = {}
        self._music_path: Path | None = None
        self._music_playing = False
        folder = folder if folder is not None else sounds_dir()
        try:
            if not pygame.mixer.get_init():
                pygame.mixer.init(frequency=22050, size=-16, channels=2, buffer=512)
            pygame.mixer.set_num_channels(16)
            self.enabled = True
        except (pygame.error, NotImplementedError, OSError) as err:
            self.problem = f"no sound: {err}"
            return
        for name in SOUND_NAMES:
            try:
                self.sounds[name] = pygame.mixer.Sound(str(folder / f"{name}.wav"))
            except (pygame.error, FileNotFoundError, OSError):
                continue
        music = folder / f"{MUSIC}.wav"
        if music.exists():
            self._music_path = music

    def play(self, name: str, volume: float = 1.0) -> None:
        """Play effect ``name`` (unknown names and a silent mixer are ignored)."""
        if not self.enabled or self.muted:
            return
        sound = self.sounds.get(name)
        if sound is None:
            return
        try:
            sound.set_volume(max(0.0, min(1.0, self.volume * volume)))
            sound.play()
        except pygame.error:
            pass

    def start_music(self) -> None:
        """Start the music loop (if not already playing)."""
        if not self.enabled or self._music_path is None or self._music_playing:
            return
        try:
            pygame.mixer.music.load(str(self._music_path))
            pygame.mixer.music.set_volume(self._effective_music())
            pygame.mixer.music.play(loops=-1)
            self._music_playing = True
        except pygame.error:
            self._music_path = None

    def stop_music(self) -> None:
        """Stop the music loop."""
        if not self.enabled or not self._music_playing:
            return
        with contextlib.suppress(pygame.error):
            pygame.mixer.music.stop()
        self._music_playing = False

    def set_levels(self, volume: float, music_volume: float, muted: bool) -> None:
        """Apply new volume settings at once."""
        self.volume, self.music_volume, self.muted = volume, music_volume, muted
        if self.enabled and self._music_playing:
            with contextlib.suppress(pygame.error):
                pygame.mixer.music.set_volume(self._effective_music())

    def _effective_music(self) -> float:
        return 0.0 if self.muted else self.volume * self.music_volume

    def close(self) -> None:
        """Stop everything and release the mixer."""
        self.stop_music()
        if self.enabled:
            with contextlib.suppress(pygame.error):
                pygame.mixer.quit()
        self.enabled = False
