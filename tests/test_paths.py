"""Where kitchen keeps things on disk: one environment-variable convention, with the old
name of the config folder's variable still read."""

from __future__ import annotations

from pathlib import Path

from kitchen.paths import config_dir, data_dir, sessions_dir


def test_the_data_folder_follows_kitchen_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("KITCHEN_DATA_DIR", str(tmp_path / "data"))
    assert data_dir() == tmp_path / "data"
    assert sessions_dir() == tmp_path / "data" / "sessions"


def test_the_config_folder_follows_kitchen_config_dir_before_the_old_name(tmp_path, monkeypatch):
    monkeypatch.setenv("SYSTEMS_KITCHEN_CONFIG", str(tmp_path / "old"))
    monkeypatch.setenv("KITCHEN_CONFIG_DIR", str(tmp_path / "new"))
    assert config_dir() == tmp_path / "new"


def test_the_old_config_variable_is_still_read(tmp_path, monkeypatch):
    monkeypatch.delenv("KITCHEN_CONFIG_DIR", raising=False)
    monkeypatch.setenv("SYSTEMS_KITCHEN_CONFIG", str(tmp_path / "old"))
    assert config_dir() == tmp_path / "old"


def test_without_variables_the_user_folders_are_used(monkeypatch):
    for name in ("KITCHEN_CONFIG_DIR", "SYSTEMS_KITCHEN_CONFIG", "KITCHEN_DATA_DIR"):
        monkeypatch.delenv(name, raising=False)
    assert "systems-kitchen" in config_dir().parts
    assert "systems-kitchen" in data_dir().parts
    assert isinstance(config_dir(), Path)
