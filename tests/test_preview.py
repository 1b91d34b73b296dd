"""`kitchen preview` draws every shipped level to a PNG without a window."""

from __future__ import annotations

import pygame
import pytest
from conftest import SHIPPED

from kitchen.cli import main


@pytest.mark.parametrize("path", SHIPPED, ids=[p.stem for p in SHIPPED])
def test_preview_renders_every_shipped_level(path, tmp_path, capsys):
    out = tmp_path / f"{path.stem}.png"
    assert main(["preview", str(path), "-o", str(out)]) == 0
    assert f"wrote {out}" in capsys.readouterr().out
    pygame.init()
    image = pygame.image.load(str(out))
    assert image.get_size() == (1920, 1080)
    colours = {tuple(image.get_at((x, y))) for x in range(0, 1920, 97) for y in range(0, 1080, 89)}
    assert len(colours) > 8, "the picture should show a kitchen, not a blank screen"


def test_preview_of_a_broken_level_is_a_message(tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("name: bad\nmap: |\n  XXX\n  X1\nrecipes: [onion_soup]\n")
    assert main(["preview", str(bad), "-o", str(tmp_path / "x.png")]) == 1
    err = capsys.readouterr().err
    assert "bad.yaml:4:" in err
    assert "Traceback" not in err
    assert not (tmp_path / "x.png").exists()
