"""Talk recording through the game (issue 13): the capture puts a listener's frames on the
round's clock and into the round as actions; a round played through the real app with a
corpus WAV in place of a microphone shows a talk lane and talk figures in the debrief and
the report, and its files hold no sound; a round without talk shows neither."""

from __future__ import annotations

import base64
import json
import wave
from pathlib import Path

import pygame
import pytest
from frontend_support import TICK, press, write_level
from test_frontend_flow import joined_round

from kitchen.debrief.report import write_report
from kitchen.session import read_round_log, replay
from kitchen.sim.actions import MicrophoneState, TalkHeard
from kitchen.talk.frames import TalkFrame
from kitchen.ui.scenes.debrief import DebriefScene
from kitchen.ui.scenes.play import PlayScene
from kitchen.ui.scenes.round_end import RoundEndScene
from kitchen.ui.talk_capture import ENV_FILE, MicChannel, talk_switch

CORPUS = Path(__file__).parent / "talk_corpus"
WAV = CORPUS / "talk_10db_kitchen.wav"


class FakeListener:
    """Frames and a status handed in by the test."""

    def __init__(self) -> None:
        self.status = "calibrating"
        self.frames: list[TalkFrame] = []
        self.started = self.stopped = False

    def start(self) -> None:
        self.started = True

    def stop(self) -> None:
        self.stopped = True

    def drain(self) -> list[TalkFrame]:
        out, self.frames = self.frames, []
        return out

    def give(self, first: int, last: int, talk=lambda i: False) -> None:
        self.frames += [TalkFrame(0, i, talk(i), -30.0) for i in range(first, last)]


def run(channel: MicChannel, ticks: range) -> list:
    out = []
    for tick in ticks:
        out += [(tick, a) for a in channel.actions(tick)]
    return out


def test_frames_wait_for_the_round_clock_come_in_seconds_and_skip_calibration():
    fake = FakeListener()
    channel = MicChannel(fake, 0, "prep", live=False, calibration_s=1.0)
    channel.start(0)
    fake.give(0, 35, talk=lambda i: i % 2 == 0)  # a file read at once: 3.5 s of frames
    fake.status = "lost"  # ... and then it ended
    sent = run(channel, range(0, 400))
    assert sent[0] == (0, MicrophoneState(0, "calibrating", "prep"))
    heard = [(t, a) for t, a in sent if isinstance(a, TalkHeard)]
    # frames 10-19 (after the 1 s calibration) go once the round reaches frame 19 (tick 114)
    assert heard[0] == (114, TalkHeard(0, 10, "1010101010", (-30.0,) * 10))
    assert [a.first_index for _, a in heard] == [10, 20, 30]
    assert heard[-1][1].talk == "10101"  # the last, partial second when the microphone ended
    states = [(t, a.state) for t, a in sent if isinstance(a, MicrophoneState)]
    assert states == [(0, "calibrating"), (60, "listening"), (204, "lost")]


def test_a_live_microphone_far_ahead_of_a_paused_round_drops_what_was_heard_meanwhile():
    fake = FakeListener()
    channel = MicChannel(fake, 1, "", live=True, calibration_s=0.0)
    channel.start(0)
    fake.status = "listening"
    wall = 0  # the microphone's clock, in ticks: one frame every 6

    def live(ticks: range) -> list:
        nonlocal wall
        out = []
        for tick in ticks:
            if wall % 6 == 5:
                fake.give(wall // 6, wall // 6 + 1, talk=lambda i: i >= 100)
            wall += 1
            out += [a for a in channel.actions(tick) if isinstance(a, TalkHeard)]
        return out

    assert [a.first_index for a in live(range(0, 66))] == [0]
    wall += 600  # the round is paused for 10 s; the microphone goes on (frames 11-110)
    fake.give(11, 111, talk=lambda i: i >= 100)
    heard = live(range(66, 186))
    # what was heard during the pause is dropped (frames 11-99, no talk); the round's frames
    # from 11 on get what was said after it, each frame once, in order, never in the future
    slots = [a.first_index + k for a in heard for k in range(len(a.talk))]
    assert slots == sorted(set(slots))
    assert slots[0] >= 10
    assert slots[-1] <= 186 // 6
    said = "".join(a.talk for a in heard)
    assert said[: 11 - slots[0]] == "0" * (11 - slots[0])  # frame 10: before the pause
    assert set(said[11 - slots[0] :]) == {"1"}  # after it: only what came after the pause


def test_no_microphone_says_so_and_sends_nothing_else():
    fake = FakeListener()
    fake.status = "none"
    channel = MicChannel(fake, 0, "", live=True, calibration_s=10.0)
    channel.start(0)
    assert run(channel, range(0, 120)) == [(0, MicrophoneState(0, "none", ""))]


def test_talk_is_off_unless_switched_on(monkeypatch):
    monkeypatch.delenv(ENV_FILE, raising=False)
    assert talk_switch(object.__new__(type("A", (), {}))).on is False
    monkeypatch.setenv(ENV_FILE, str(WAV))

    class B:
        pass

    switch = talk_switch(B())
    assert switch.on is True
    assert switch.files == [WAV]


def play_to_the_end(app, play):
    """Run the round's ticks through the play screen (drawing once a second of play)."""
    for n in range(200):
        if isinstance(app.scene, RoundEndScene):
            break
        if n % 4:
            play.update(0.25)
        else:
            app.run_frames(1, 0.25)
    assert isinstance(app.scene, RoundEndScene)
    return play


def samples_of(path: Path) -> bytes:
    with wave.open(str(path), "rb") as wav:
        return wav.readframes(wav.getnframes())


@pytest.mark.skipif(not WAV.exists(), reason="the talk corpus is not there")
def test_a_round_with_a_wav_for_a_microphone_shows_talk_in_the_debrief_and_report(env, monkeypatch):
    monkeypatch.setenv(ENV_FILE, str(WAV))
    app = env.app()
    play = joined_round(env, app, write_level(env.root))
    assert isinstance(play, PlayScene)
    assert play.talk is not None
    play.update(TICK)  # the first tick starts the listener
    for channel in play.talk.channels:  # the file is read faster than the test plays the
        channel.listener.join(20)  # round: let it finish, so the test never races it
    play_to_the_end(app, play)  # 30 s; the 28 s file ends (microphone lost) before the end
    log_path = play.recorded.log_path
    log = read_round_log(log_path)
    changes = [(e.tick, e.state) for e in log.events if e.type == "microphone_changed"]
    assert [s for _, s in changes] == ["calibrating", "listening", "lost"]
    assert 600 <= changes[1][0] <= 660  # after the 10 s calibration
    assert 1600 <= changes[2][0] <= 1720  # the file ends at 28 s
    frames = [e for e in log.events if e.type == "talk_frames"]
    talk = {f.first_index + k for f in frames for k, c in enumerate(f.talk) if c == "1"}
    truth = json.loads((CORPUS / "talk_10db_kitchen.json").read_text())["speech"]
    said = {i for a, b in truth for i in range(round(a * 10), round(b * 10))}
    assert len(talk & said) >= 0.8 * len(said)  # on the round's clock, where it was said
    assert replay(log).identical

    debrief = DebriefScene(app, log_path)
    app.push(debrief)
    assert debrief.error is None
    assert debrief.tl_view.rows[-1] == "Talk"
    lane = debrief.timeline.talk
    assert lane is not None
    assert lane.talk
    assert [n.label for n in lane.notes] == [f"microphone lost at 0:{changes[2][0] // 60}"]
    values = debrief.round.values
    assert 0.2 < values["talk.talk_share"] < 0.7
    press(app, pygame.K_2)
    app.run_frames(1, TICK)
    press(app, pygame.K_3)
    app.run_frames(1, TICK)

    out = log_path.parent / "report.html"
    write_report([debrief.session], out)
    html = out.read_text(encoding="utf-8")
    assert ">Talk<" in html
    assert "microphone lost at 0:2" in html
    files = [log_path, *log_path.parent.glob("report*")]
    assert {p.suffix for p in files} >= {".jsonl", ".html", ".csv", ".json"}
    assert_no_sound(files, samples_of(WAV), log_path)


def assert_no_sound(files: list[Path], samples: bytes, log_path: Path) -> None:
    """No piece of the recording, raw or encoded, is in any file; the log's talk records
    hold one talk flag and one level per 100 ms frame and nothing else."""
    chunks = [samples[i : i + 64] for i in range(len(samples) // 2, len(samples), 64_000)]
    for path in files:
        data = path.read_bytes()
        for chunk in chunks:
            assert chunk not in data
            assert chunk.hex().encode() not in data
            assert base64.b64encode(chunk)[:40] not in data
    for line in log_path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        body = record.get("event") or record
        if body.get("type") == "talk_frames" or body.get("action") == "talk_heard":
            assert set(body) - {"record", "type", "action", "tick"} == {
                "mic",
                "first_index",
                "talk",
                "levels",
            }
            assert len(body["levels"]) == len(body["talk"]) <= 10


def test_a_round_without_talk_has_no_talk_lane_indicator_or_figures(env, monkeypatch):
    monkeypatch.delenv(ENV_FILE, raising=False)
    app = env.app()
    play = joined_round(env, app, write_level(env.root))
    assert play.talk is None
    press(app, pygame.K_ESCAPE)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_DOWN)
    press(app, pygame.K_RETURN)  # end the round now
    log = read_round_log(play.recorded.log_path)
    assert not [e for e in log.events if e.type in ("talk_frames", "microphone_changed")]
    debrief = DebriefScene(app, play.recorded.log_path)
    assert debrief.timeline.talk is None
    assert "Talk" not in debrief.tl_view.rows
    assert not [n for n in debrief.round.values if n.startswith("talk.")]
    assert not [c for c in debrief.round.cards if c.id.startswith("talk_")]


def test_f7_on_the_join_screen_switches_talk_on_and_says_what_is_recorded(env, monkeypatch):
    from kitchen.content import load_level
    from kitchen.ui.scenes.join import JoinScene

    monkeypatch.delenv(ENV_FILE, raising=False)
    app = env.app()
    join = JoinScene(app, load_level(write_level(env.root)), None)
    app.push(join)
    seen: list[str] = []
    real = app.text.draw
    monkeypatch.setattr(
        app.text, "draw", lambda s, t, *a, **k: seen.append(t) or real(s, t, *a, **k)
    )
    app.run_frames(1, TICK)
    assert "F7  Talk recording: OFF" in seen
    assert not any("never sound" in t for t in seen)
    seen.clear()
    press(app, pygame.K_F7)
    assert talk_switch(app).on
    assert "F7  Talk recording: ON" in seen
    assert any("talk or no talk" in t and "never sound" in t for t in seen)


def test_the_talk_settings_give_a_microphone_to_a_zone_and_remember_it(env):
    from kitchen.ui.scenes.talk_settings import TalkSettingsScene

    app = env.app()
    scene = TalkSettingsScene(app)
    app.push(scene)
    app.run_frames(1, TICK)
    assert "prep" in scene.labels  # a zone of the Departments level
    scene.next_label(0)
    assert app.store.settings.talk.microphones[0].label == scene.labels[1]
    scene.next_device(1)  # the second microphone: none -> the default input
    assert len(app.store.settings.talk.microphones) == 2
    app.run_frames(1, TICK)
    assert talk_switch(app).on is False  # settings do not switch talk on
