"""Nothing a user saved is overwritten: ``report -o``, ``preview -o``, ``simulate --log``
and the in-game "save report" refuse (one line, exit 1) to write over a round log, a
``session.json`` or any file kitchen did not write, and replace their own output atomically.
Every case checks that no data file's bytes changed."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from pathlib import Path

import pygame
import pytest
from frontend_support import press

from kitchen.cli import main
from kitchen.content import load_level
from kitchen.paths import shipped_levels
from kitchen.session import RecordedRound, Session
from kitchen.ui.png_output import is_our_png, mark_png
from kitchen.ui.scenes.debrief import DebriefScene

TUTORIAL = next(p for p in shipped_levels() if p.stem == "01_tutorial")


def digest(folder: Path) -> dict[str, str]:
    """Every file under ``folder`` (relative name -> sha256 of its bytes)."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def recorded(tmp_path_factory) -> Path:
    level = load_level(TUTORIAL)
    session = Session.create("Ward 7", root=tmp_path_factory.mktemp("recorded"))
    rec = RecordedRound(level, 1, [1, 2], session=session)
    while not rec.round.finished:
        rec.step(None)
    return session.folder


@pytest.fixture
def session(recorded, tmp_path) -> Path:
    """A fresh copy of a recorded session folder (one round)."""
    folder = tmp_path / recorded.name
    shutil.copytree(recorded, folder)
    return folder


def refused(capsys, argv, message):
    assert main(argv) == 1
    captured = capsys.readouterr()
    assert captured.err.strip() == message
    assert "Traceback" not in captured.err + captured.out


# --- kitchen report -o ----------------------------------------------------------------


def test_report_named_session_html_would_write_session_json_and_is_refused(session, capsys):
    before = digest(session)
    refused(
        capsys,
        ["report", str(session), "-o", str(session / "session.html")],
        f"{session / 'session.json'}: is session data (a round log or session.json) and is never "
        f"overwritten; give -o another name, e.g. {session / 'report.html'}",
    )
    assert digest(session) == before  # nothing written, not even session.html


def test_report_over_a_round_log_is_refused(session, capsys):
    before = digest(session)
    log = session / "round-01.jsonl"
    refused(
        capsys,
        ["report", str(session), "-o", str(log)],
        f"{log}: the report is written as HTML (with CSV and JSON beside it): give -o a file "
        "name ending in .html, or a folder",
    )
    assert digest(session) == before


def test_report_into_a_session_folder_goes_beside_the_data_and_is_replaced_on_rerun(
    session, capsys
):
    before = digest(session)
    assert main(["report", str(session), "-o", str(session)]) == 0
    after = digest(session)
    assert {k: v for k, v in after.items() if k in before} == before
    assert sorted(set(after) - set(before)) == ["report.csv", "report.html", "report.json"]
    capsys.readouterr()
    (session / "report.html").write_text("stale", encoding="utf-8")  # not ours any more
    refused(
        capsys,
        ["report", str(session), "-o", str(session)],
        f"{session / 'report.html'}: already exists and is not a report written by kitchen, so "
        "it is left as it is; give -o another name or move the file",
    )
    assert (session / "report.html").read_text(encoding="utf-8") == "stale"
    (session / "report.html").unlink()
    assert main(["report", str(session), "-o", str(session)]) == 0  # report.csv/.json are ours
    assert main(["report", str(session), "-o", str(session / "report.html")]) == 0
    final = digest(session)
    assert {k: v for k, v in final.items() if k in before} == before
    assert not [p for p in session.iterdir() if p.name.endswith(".tmp")]


@pytest.mark.parametrize("clash", ["x.html", "x.csv", "x.json"])
def test_report_never_replaces_a_file_it_did_not_write(session, tmp_path, capsys, clash):
    out = tmp_path / "out"
    out.mkdir()
    (out / clash).write_text("team,notes\nWard 7,keep me\n", encoding="utf-8")
    before = digest(out)
    refused(
        capsys,
        ["report", str(session), "-o", str(out / "x.html")],
        f"{out / clash}: already exists and is not a report written by kitchen, so it is left "
        "as it is; give -o another name or move the file",
    )
    assert digest(out) == before  # none of the three was written


def test_report_over_a_link_or_a_folder_is_refused(session, tmp_path, capsys):
    out = tmp_path / "out"
    out.mkdir()
    (out / "x.json").symlink_to(session / "session.json")
    before = digest(session)
    refused(
        capsys,
        ["report", str(session), "-o", str(out / "x.html")],
        f"{out / 'x.json'}: already exists and is not a report written by kitchen, so it is left "
        "as it is; give -o another name or move the file",
    )
    (out / "x.json").unlink()
    (out / "x.csv").mkdir()
    refused(
        capsys,
        ["report", str(session), "-o", str(out / "x.html")],
        f"{out / 'x.csv'}: is a folder; give -o a file name ending in .html, or the folder itself",
    )
    assert digest(session) == before


def test_a_report_of_the_older_json_form_is_still_recognised_as_ours(session, tmp_path, capsys):
    out = tmp_path / "x.html"
    assert main(["report", str(session), "-o", str(out)]) == 0
    data = json.loads(out.with_suffix(".json").read_text(encoding="utf-8"))
    assert data["report"] == "systems-kitchen report"
    del data["report"]
    out.with_suffix(".json").write_text(json.dumps(data, indent=2), encoding="utf-8")
    assert main(["report", str(session), "-o", str(out)]) == 0


# --- kitchen simulate --log ------------------------------------------------------------


def test_simulate_never_writes_over_an_existing_log(session, capsys):
    before = digest(session)
    log = session / "round-01.jsonl"
    refused(
        capsys,
        ["simulate", str(TUTORIAL), "--log", str(log), "--format", "summary"],
        f"{log} already exists; round logs are never overwritten",  # the message names the file once
    )
    assert digest(session) == before


# --- kitchen preview -o ------------------------------------------------------------------


def test_preview_to_a_folder_a_missing_folder_or_a_non_png_is_a_message(session, tmp_path, capsys):
    before = digest(session)
    refused(
        capsys,
        ["preview", "tutorial", "-o", str(tmp_path)],
        f"{tmp_path}: a preview is a PNG picture: give -o a file name ending in .png",
    )
    (tmp_path / "pics.png").mkdir()
    refused(
        capsys,
        ["preview", "tutorial", "-o", str(tmp_path / "pics.png")],
        f"{tmp_path / 'pics.png'}: is a folder; give -o a file name ending in .png",
    )
    missing = tmp_path / "nope" / "x.png"
    refused(
        capsys,
        ["preview", "tutorial", "-o", str(missing)],
        f"{missing}: the folder {missing.parent} does not exist; create it first",
    )
    refused(
        capsys,
        ["preview", "tutorial", "-o", str(session / "round-01.jsonl")],
        f"{session / 'round-01.jsonl'}: a preview is a PNG picture: give -o a file name ending in .png",
    )
    assert digest(session) == before
    assert not missing.parent.exists()


def test_preview_to_an_unwritable_place_is_a_message(tmp_path, capsys, monkeypatch):
    folder = tmp_path / "locked"
    folder.mkdir()
    monkeypatch.setattr(os, "access", lambda path, mode: Path(path) != folder)
    refused(
        capsys,
        ["preview", "tutorial", "-o", str(folder / "x.png")],
        f"{folder / 'x.png'}: cannot write: the folder {folder} is not writable",
    )
    monkeypatch.undo()
    if Path("/sys").is_dir() and not os.access(
        "/sys", os.W_OK
    ):  # a real refusal, where there is one
        refused(
            capsys,
            ["preview", "tutorial", "-o", "/sys/x.png"],
            "/sys/x.png: cannot write: the folder /sys is not writable",
        )


def test_preview_replaces_its_own_png_but_not_another_picture(tmp_path, capsys):
    out = tmp_path / "level.png"
    assert main(["preview", "tutorial", "-o", str(out)]) == 0
    assert is_our_png(out)
    pygame.init()
    assert pygame.image.load(str(out)).get_size() == (1920, 1080)
    assert main(["preview", "tutorial", "-o", str(out)]) == 0  # re-run: replaced
    capsys.readouterr()
    photo = tmp_path / "photo.png"
    surface = pygame.Surface((4, 4))
    pygame.image.save(surface, str(photo))
    before = photo.read_bytes()
    refused(
        capsys,
        ["preview", "tutorial", "-o", str(photo)],
        f"{photo}: already exists and is not a picture written by kitchen, so it is left as "
        "it is; give -o another name or move the file",
    )
    assert photo.read_bytes() == before
    assert is_our_png_bytes(mark_png(before))


def is_our_png_bytes(data: bytes) -> bool:
    return b"tEXtSoftware\x00Systems Kitchen" in data[:200]


# --- the in-game debrief's "save report" -------------------------------------------------


def test_the_debrief_does_not_save_over_a_file_it_did_not_write(env, recorded):
    folder = env.data_dir / recorded.name
    shutil.copytree(recorded, folder)
    (folder / "report.html").write_text("<p>our own notes</p>", encoding="utf-8")
    before = digest(folder)
    app = env.app()
    scene = DebriefScene(app, folder / "round-01.jsonl")
    app.push(scene)
    press(app, pygame.K_4)
    press(app, pygame.K_e)
    assert scene.saved == (
        f"Could not save the report: {folder / 'report.html'} is in the way (kitchen did not "
        "write it, so it is left as it is); move it and press E again"
    )
    assert digest(folder) == before
