"""Gamepads through SDL's game-controller API, with hot-plugging.

:class:`Gamepads` turns SDL's controller and joystick events into three custom events
that the rest of the front end understands, whatever the pad:

* :data:`PAD_BUTTON` (``pad``, ``button``, ``down``): a logical button went down or up.
  Buttons are ``a b x y start back`` and ``up down left right`` (the d-pad, and the left
  stick, which is turned into the same four directions).
* :data:`PAD_ADDED` (``pad``, ``name``): a pad was plugged in.
* :data:`PAD_REMOVED` (``pad``): a pad was unplugged.

``pad`` is SDL's instance id, which stays the same while the pad is plugged in. Pads are
tracked from events (not by polling), so a pad seen only through posted events, as in the
tests, works exactly like a real one. Plain joysticks that SDL does not know as game
controllers get a best-effort mapping (buttons 0-3, hat, first two axes).
"""

from __future__ import annotations

import contextlib
from dataclasses import dataclass, field

import pygame

try:  # pragma: no cover - depends on the pygame build
    from pygame._sdl2 import controller as _controller
except ImportError:  # pragma: no cover
    _controller = None

PAD_BUTTON = pygame.event.custom_type()
PAD_ADDED = pygame.event.custom_type()
PAD_REMOVED = pygame.event.custom_type()

DIRECTIONS = ("up", "down", "left", "right")

_CONTROLLER_BUTTONS = {
    pygame.CONTROLLER_BUTTON_A: "a",
    pygame.CONTROLLER_BUTTON_B: "b",
    pygame.CONTROLLER_BUTTON_X: "x",
    pygame.CONTROLLER_BUTTON_Y: "y",
    pygame.CONTROLLER_BUTTON_START: "start",
    pygame.CONTROLLER_BUTTON_BACK: "back",
    pygame.CONTROLLER_BUTTON_DPAD_UP: "up",
    pygame.CONTROLLER_BUTTON_DPAD_DOWN: "down",
    pygame.CONTROLLER_BUTTON_DPAD_LEFT: "left",
    pygame.CONTROLLER_BUTTON_DPAD_RIGHT: "right",
}

_JOYSTICK_BUTTONS = {0: "a", 1: "b", 2: "x", 3: "y", 6: "back", 7: "start"}

STICK_ON = 0.5
"""How far (0..1) the stick must lean for a direction to count as pressed."""

STICK_OFF = 0.35
"""...and how far back it must come for the direction to be released (hysteresis)."""

_SDL_EVENTS = frozenset(
    {
        pygame.CONTROLLERDEVICEADDED,
        pygame.CONTROLLERDEVICEREMOVED,
        pygame.CONTROLLERDEVICEREMAPPED,
        pygame.CONTROLLERBUTTONDOWN,
        pygame.CONTROLLERBUTTONUP,
        pygame.CONTROLLERAXISMOTION,
        pygame.JOYDEVICEADDED,
        pygame.JOYDEVICEREMOVED,
        pygame.JOYBUTTONDOWN,
        pygame.JOYBUTTONUP,
        pygame.JOYHATMOTION,
        pygame.JOYAXISMOTION,
        pygame.JOYBALLMOTION,
    }
)


@dataclass
class Pad:
    """What is known about one plugged-in pad."""

    instance_id: int
    name: str = "Gamepad"
    kind: str = "controller"  # or "joystick"
    device: object | None = None
    held: set[str] = field(default_factory=set)
    stick: set[str] = field(default_factory=set)

    def direction_held(self, direction: str) -> bool:
        """True while the d-pad or the stick points in ``direction``."""
        return direction in self.held or direction in self.stick


class Gamepads:
    """Opens pads as they are plugged in and translates their events."""

    def __init__(self) -> None:
        self.pads: dict[int, Pad] = {}
        self.available = False
        self.problem: str | None = None
        try:
            if not pygame.joystick.get_init():
                pygame.joystick.init()
            if _controller is not None:
                _controller.init()
            self.available = True
        except pygame.error as err:
            self.problem = str(err)

    def handles(self, event: pygame.event.Event) -> bool:
        """True for the SDL pad events this class translates."""
        return event.type in _SDL_EVENTS

    def translate(self, event: pygame.event.Event) -> list[pygame.event.Event]:
        """Turn one SDL pad event into zero or more ``PAD_*`` events (never raises)."""
        try:
            return self._translate(event)
        except (pygame.error, AttributeError, TypeError, ValueError):
            return []

    # --- SDL events ------------------------------------------------------------------

    def _translate(self, event: pygame.event.Event) -> list[pygame.event.Event]:
        t = event.type
        if t == pygame.CONTROLLERDEVICEADDED:
            return self._open_controller(event.device_index)
        if t == pygame.JOYDEVICEADDED:
            return self._open_joystick(event.device_index)
        if t in (pygame.CONTROLLERDEVICEREMOVED, pygame.JOYDEVICEREMOVED):
            return self._removed(event.instance_id)
        if t in (pygame.CONTROLLERBUTTONDOWN, pygame.CONTROLLERBUTTONUP):
            pad = self._pad(event.instance_id, "controller")
            if pad is None:
                return []
            name = _CONTROLLER_BUTTONS.get(event.button)
            return self._button(pad, name, t == pygame.CONTROLLERBUTTONDOWN)
        if t == pygame.CONTROLLERAXISMOTION:
            pad = self._pad(event.instance_id, "controller")
            if pad is None:
                return []
            if event.axis == pygame.CONTROLLER_AXIS_LEFTX:
                return self._stick(pad, "left", "right", event.value / 32767)
            if event.axis == pygame.CONTROLLER_AXIS_LEFTY:
                return self._stick(pad, "up", "down", event.value / 32767)
            return []
        # Plain joysticks (not known to SDL as game controllers).
        pad = self._pad(getattr(event, "instance_id", -1), "joystick")
        if pad is None or pad.kind != "joystick":
            return []
        if t in (pygame.JOYBUTTONDOWN, pygame.JOYBUTTONUP):
            return self._button(pad, _JOYSTICK_BUTTONS.get(event.button), t == pygame.JOYBUTTONDOWN)
        if t == pygame.JOYHATMOTION:
            x, y = event.value
            out: list[pygame.event.Event] = []
            for name, on in (("left", x < 0), ("right", x > 0), ("up", y > 0), ("down", y < 0)):
                out += self._button(pad, name, on)
            return out
        if t == pygame.JOYAXISMOTION and event.axis in (0, 1):
            value = float(event.value)
            if event.axis == 0:
                return self._stick(pad, "left", "right", value)
            return self._stick(pad, "up", "down", value)
        return []

    def _pad(self, instance_id: int, kind: str) -> Pad | None:
        """The pad with this id; a pad first seen through a button press is adopted."""
        if not isinstance(instance_id, int) or instance_id < 0:
            return None
        pad = self.pads.get(instance_id)
        if pad is None:
            pad = Pad(instance_id, kind=kind)
            self.pads[instance_id] = pad
        return pad

    def _open_controller(self, device_index: int) -> list[pygame.event.Event]:
        if _controller is None:
            return []
        try:
            device = _controller.Controller(device_index)
            instance_id = device.as_joystick().get_instance_id()
            name = device.name or "Gamepad"
        except (pygame.error, IndexError, ValueError, TypeError):
            return []
        known = self.pads.get(instance_id)
        if known is not None and known.kind == "controller" and known.device is not None:
            return []
        self.pads[instance_id] = Pad(instance_id, name, "controller", device)
        return [pygame.event.Event(PAD_ADDED, pad=instance_id, name=name)]

    def _open_joystick(self, device_index: int) -> list[pygame.event.Event]:
        if _controller is not None:
            try:
                if _controller.is_controller(device_index):
                    return []  # CONTROLLERDEVICEADDED follows and opens it properly
            except (pygame.error, IndexError, ValueError, TypeError):
                pass
        try:
            device = pygame.joystick.Joystick(device_index)
            instance_id = device.get_instance_id()
            name = device.get_name() or "Joystick"
        except (pygame.error, IndexError, ValueError, TypeError):
            return []
        if instance_id in self.pads:
            return []
        self.pads[instance_id] = Pad(instance_id, name, "joystick", device)
        return [pygame.event.Event(PAD_ADDED, pad=instance_id, name=name)]

    def _removed(self, instance_id: int) -> list[pygame.event.Event]:
        pad = self.pads.pop(instance_id, None)
        if pad is None:
            # Already gone (SDL reports a controller twice: as joystick and controller),
            # or never seen: still report it so a seat bound to it is released.
            return [pygame.event.Event(PAD_REMOVED, pad=instance_id)]
        close = getattr(pad.device, "quit", None)
        if close is not None:
            with contextlib.suppress(pygame.error):
                close()
        return [pygame.event.Event(PAD_REMOVED, pad=instance_id)]

    # --- logical buttons -------------------------------------------------------------

    def _button(self, pad: Pad, name: str | None, down: bool) -> list[pygame.event.Event]:
        if name is None:
            return []
        if down == (name in pad.held):
            return []
        if down:
            pad.held.add(name)
        else:
            pad.held.discard(name)
        return [pygame.event.Event(PAD_BUTTON, pad=pad.instance_id, button=name, down=down)]

    def _stick(self, pad: Pad, low: str, high: str, value: float) -> list[pygame.event.Event]:
        out = []
        for name, amount in ((low, -value), (high, value)):
            was = name in pad.stick
            now = amount >= (STICK_OFF if was else STICK_ON)
            if now != was:
                if now:
                    pad.stick.add(name)
                else:
                    pad.stick.discard(name)
                if name not in pad.held:
                    out.append(
                        pygame.event.Event(PAD_BUTTON, pad=pad.instance_id, button=name, down=now)
                    )
        return out

    def direction(self, instance_id: int) -> tuple[int, int]:
        """The move (dx, dy) a pad points in, from its d-pad or stick."""
        pad = self.pads.get(instance_id)
        if pad is None:
            return (0, 0)
        dx = int(pad.direction_held("right")) - int(pad.direction_held("left"))
        dy = int(pad.direction_held("down")) - int(pad.direction_held("up"))
        return (dx, dy)

    def release_all(self) -> None:
        """Forget held buttons (when the window loses focus)."""
        for pad in self.pads.values():
            pad.held.clear()
            pad.stick.clear()

    def name(self, instance_id: int) -> str:
        """A pad's name, for the join screen."""
        pad = self.pads.get(instance_id)
        return pad.name if pad else "Gamepad"
