"""Writing a PNG picture (``kitchen preview -o``) without ever replacing a file kitchen did
not write.

Each PNG kitchen writes carries a ``tEXt`` chunk ``Software: Systems Kitchen``, so a second
preview of the same level replaces the first (atomically) while any other file of that
name (a photo, a round log, a folder) is left alone with a one-line reason. This module
needs no pygame; :func:`save_png` imports it only when called.
"""

from __future__ import annotations

import io
import struct
import zlib
from pathlib import Path
from typing import Any

from kitchen.paths import WontOverwrite, check_output_target, read_head, write_atomically

SOFTWARE = "Systems Kitchen"
_MARK = b"Software\x00" + SOFTWARE.encode("ascii")
_SIGNATURE = b"\x89PNG\r\n\x1a\n"
_HEAD_BYTES = 4096


def _chunk(kind: bytes, data: bytes) -> bytes:
    return (
        struct.pack(">I", len(data))
        + kind
        + data
        + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    )


def mark_png(data: bytes) -> bytes:
    """``data`` (a PNG) with kitchen's ``Software`` text chunk after its header chunk."""
    if not data.startswith(_SIGNATURE) or data[12:16] != b"IHDR":
        raise ValueError("not a PNG")
    end_of_header = 8 + 8 + struct.unpack(">I", data[8:12])[0] + 4
    return data[:end_of_header] + _chunk(b"tEXt", _MARK) + data[end_of_header:]


def is_our_png(path: Path) -> bool:
    """Whether the regular file at ``path`` is a PNG kitchen wrote (it has the mark)."""
    head = read_head(path, _HEAD_BYTES)
    return head is not None and head.startswith(_SIGNATURE) and b"tEXt" + _MARK in head


def check_png_target(path: Path) -> None:
    """Refuse a PNG file name that would replace anything but a PNG kitchen wrote, or whose
    folder is missing or not writable.

    Raises:
        WontOverwrite: with the one-line reason.
    """
    if path.suffix.lower() != ".png":
        raise WontOverwrite(path, "a preview is a PNG picture: give -o a file name ending in .png")
    check_output_target(path, is_ours=is_our_png, what="a picture", suffix=".png")


def save_png(surface: Any, path: Path) -> None:
    """Write a pygame ``surface`` to ``path`` as a marked PNG, atomically, after
    :func:`check_png_target`.

    Raises:
        WontOverwrite: see :func:`check_png_target`.
        OSError: the file cannot be written.
    """
    import pygame

    check_png_target(path)
    buffer = io.BytesIO()
    try:
        pygame.image.save(surface, buffer, "png")
    except pygame.error as err:
        raise OSError(f"cannot make the picture: {err}") from None
    write_atomically(path, mark_png(buffer.getvalue()))
