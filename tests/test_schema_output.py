"""`kitchen schema -o` never writes over session data or a file it did not make."""

from __future__ import annotations

import hashlib
from pathlib import Path

from kitchen.cli import main


def digest(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def one_line(capsys) -> str:
    out, err = capsys.readouterr()
    lines = [line for line in (out + err).splitlines() if line.strip()]
    assert len(lines) == 1, lines
    assert "Traceback" not in out + err
    return lines[0]


def test_schema_replaces_its_own_file_but_never_session_data_or_other_files(tmp_path, capsys):
    session = tmp_path / "session"
    session.mkdir()
    (session / "session.json").write_text('{"team": "Ward 7", "created": "x", "rounds": []}')
    (session / "round-01.jsonl").write_text("{}\n")
    (session / "notes.json").write_text('{"mine": true}')
    before = digest(session)
    cases = {
        "session.json": "is session data (a round log or session.json) and is never overwritten",
        "round-01.jsonl": "is session data (a round log or session.json) and is never overwritten",
        "notes.json": "already exists and is not a schema written by kitchen, so it is left as "
        "it is; give -o another name or move the file",
    }
    for name, message in cases.items():
        assert main(["schema", "-o", str(session / name)]) == 1
        assert one_line(capsys) == f"{session / name}: {message}"
    assert main(["schema", "-o", str(session)]) == 1
    assert one_line(capsys) == f"{session}: is a folder; give -o a file name ending in .json"
    assert main(["schema", "-o", str(tmp_path / "level.yaml")]) == 1
    assert one_line(capsys).endswith("a schema is JSON: give -o a file name ending in .json")
    assert main(["schema", "-o", str(tmp_path / "missing" / "level.schema.json")]) == 1
    assert one_line(capsys).endswith(
        f"the folder {tmp_path / 'missing'} does not exist; create it first"
    )
    assert digest(session) == before
    own = tmp_path / "level.schema.json"
    assert main(["schema", "-o", str(own)]) == 0
    capsys.readouterr()
    assert main(["schema", "--lessons", "-o", str(own)]) == 0  # its own file: replaced
    assert '"title": "Systems Kitchen lesson pack"' in own.read_text()
