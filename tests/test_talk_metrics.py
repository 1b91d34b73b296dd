"""Talk metrics (docs/metrics.md, Talk) on hand-built logs whose answers are worked out by
hand. A frame is 100 ms = 6 ticks; frame ``i`` covers ticks ``6 i`` to ``6 i + 5``."""

from __future__ import annotations

from kitchen.debrief.lessons import evaluate, load_pack, rule_values
from kitchen.debrief.metrics import compute_metrics
from kitchen.events import (
    BurnWarning,
    DisruptionEnded,
    DisruptionStarted,
    MicrophoneChanged,
    OrderArrived,
    OrderServed,
    RoundEnded,
    RoundStarted,
    TalkFrames,
)

S = 60


def heard(first: int, last: int, talk: set[int], mic: int = 0) -> list[TalkFrames]:
    """Frames ``first`` to ``last - 1`` heard by ``mic`` in batches of ten (sent one second
    later), talk in the frames of ``talk``."""
    out = []
    for start in range(first, last, 10):
        n = min(10, last - start)
        said = "".join("1" if start + k in talk else "0" for k in range(n))
        levels = tuple(-20.0 if c == "1" else -50.0 for c in said)
        out.append(TalkFrames((start + n) * 6, mic, start, said, levels))
    return out


def round_of(seconds: int, *middle) -> list:
    events = [RoundStarted(0, "t", 0, (1, 2), S, seconds * S, people=(1, 2)), *middle]
    events.sort(key=lambda e: e.tick)
    return [*events, RoundEnded(seconds * S, 0, 0, 0, 0, 0)]


def talk_of(events) -> dict:
    return compute_metrics(events).sections["talk"]


def test_share_of_talk_and_the_longest_silence_while_orders_were_open():
    # 100 s; the microphone listens from 10 s (frame 100) after its calibration. Talk in
    # frames 100-149 and 500-549: 10 s of 90 s heard = 0.111. A ticket is open from 0 to
    # 80 s (frame 800): the silent stretches while it is open are frames 150-499 (35 s) and
    # 550-799 (25 s); 550-999 is 45 s of silence but only 25 s of it with the ticket open.
    talk = set(range(100, 150)) | set(range(500, 550))
    events = round_of(
        100,
        MicrophoneChanged(0, 0, "calibrating", ""),
        MicrophoneChanged(600, 0, "listening", ""),
        OrderArrived(0, 1, "soup", 100_000),
        OrderServed(4800, 1, "soup", 1, 5, (0, 0), 20, 0, 4800),
        *heard(100, 1000, talk),
    )
    t = talk_of(events)
    assert t["microphones"] == 1
    assert (t["heard_s"], t["talk_s"]) == (90.0, 10.0)
    assert t["talk_share"] == 0.111
    assert t["longest_silence_open_s"] == 35.0


def test_talk_in_the_minute_before_and_after_a_disruption():
    # 200 s, heard from frame 100. A power cut at 70 s (frame 700). The minute before it
    # (frames 100-699) has talk in frames 400-699: 300 of 600 = 0.5. The minute after
    # (700-1299) has talk in 1200-1259 only: 60 of 600 = 0.1. First talk after it: frame 1200,
    # tick 7200, 3000 ticks = 50 s after tick 4200. Drop 0.4; the team talked half as much or
    # less after it (0.1 <= 0.25, and 0.5 >= 0.15): quieter after one disruption.
    talk = set(range(400, 700)) | set(range(1200, 1260))
    events = round_of(
        200,
        MicrophoneChanged(600, 0, "listening", ""),
        DisruptionStarted(4200, 1, "power_cut", "Power cut", "scheduled", 1800),
        DisruptionEnded(6000, 1, "power_cut", "time"),
        *heard(100, 2000, talk),
    )
    t = talk_of(events)
    assert t["by_disruption"] == [
        {
            "disruption_id": 1,
            "kind": "power_cut",
            "label": "Power cut",
            "start_s": 70.0,
            "silence_s": 50.0,
            "before_share": 0.5,
            "after_share": 0.1,
        }
    ]
    assert t["disruption_silence_s_max"] == 50.0
    assert t["largest_drop"] == 0.4
    assert t["quieter_after"] == 1
    # the card about the kitchen going quiet uses them
    cards = evaluate(load_pack(), rule_values(compute_metrics(events)))
    assert "talk_quiet_after_disruption" in [c.id for c in cards]


def test_a_team_quiet_all_along_does_not_go_quiet():
    # Before: 60 of 600 frames (0.1, under 0.15); after: none. Not counted as going quiet.
    events = round_of(
        200,
        DisruptionStarted(4200, 1, "power_cut", "Power cut", "scheduled", 1800),
        DisruptionEnded(6000, 1, "power_cut", "time"),
        *heard(100, 2000, set(range(600, 660))),
    )
    t = talk_of(events)
    assert (t["by_disruption"][0]["before_share"], t["by_disruption"][0]["after_share"]) == (
        0.1,
        0.0,
    )
    assert t["quieter_after"] == 0
    assert "talk_quiet_after_disruption" not in [
        c.id for c in evaluate(load_pack(), rule_values(compute_metrics(events)))
    ]


def test_a_minute_mostly_unheard_is_not_measured():
    # The microphone listens only from 50 s (frame 500): the minute before a disruption at
    # 70 s has 20 s heard, under 30 s, so its share is n/a (None), not a number.
    events = round_of(
        200,
        DisruptionStarted(4200, 1, "surge", "Rush", "scheduled"),
        DisruptionEnded(4200, 1, "surge", "instant"),
        *heard(500, 2000, set(range(500, 700))),
    )
    d = talk_of(events)["by_disruption"][0]
    assert d["before_share"] is None
    assert d["after_share"] == 0.0
    assert talk_of(events)["largest_drop"] is None


def test_typical_wait_for_talk():
    # 10 s heard from frame 0, talk every tenth frame (0, 10, ..., 90). The waits to the
    # next talk: 0 at the 10 talk frames and 0.1-0.9 s nine times each before them (frames
    # 91-99 are left out: the heard stretch ends before a next talk and before 60 s). Of
    # those 91 waits the middle one (46th) is 0.4 s.
    events = round_of(10, *heard(0, 100, set(range(0, 100, 10))))
    assert talk_of(events)["typical_wait_s"] == 0.4


def test_silence_after_a_hazard_against_the_typical_wait():
    # 100 s heard throughout, talk once a second (every tenth frame) except in frames
    # 301-449. A pot about to burn at tick 1806 (frame 301): the first talk after it is
    # frame 450 (tick 2700): 894 ticks = 14.9 s. The typical wait is under a second, so the
    # silence after the hazard is 14.9 times the typical (taken as at least 1 s).
    talk = {i for i in range(0, 1000, 10) if not 301 <= i < 450}
    events = round_of(100, BurnWarning(1806, (2, 0), "pot[onion]", 300), *heard(0, 1000, talk))
    t = talk_of(events)
    assert t["hazards_heard"] == 1
    assert t["hazard_silence_s_median"] == 14.9
    assert t["typical_wait_s"] < 1.0
    assert t["hazard_silence_vs_typical"] == 14.9


def test_a_silence_cut_off_by_a_lost_microphone_is_not_counted():
    # Heard frames 0-399, the microphone lost at 40 s; a disruption at 35 s with no talk
    # after it: its silence ran into the end of what was heard (5 s, under a minute), so it
    # cannot be told.
    events = round_of(
        100,
        MicrophoneChanged(0, 0, "listening", ""),
        DisruptionStarted(2100, 1, "surge", "Rush", "scheduled"),
        DisruptionEnded(2100, 1, "surge", "instant"),
        MicrophoneChanged(2400, 0, "lost", ""),
        *heard(0, 400, set(range(0, 300))),
    )
    t = talk_of(events)
    assert t["by_disruption"][0]["silence_s"] is None
    assert t["disruption_silence_s_max"] is None
    assert t["microphone_changes"][-1] == {"time_s": 40.0, "mic": 0, "state": "lost", "label": ""}


def test_two_microphones_are_one_kitchen():
    # Mic 0 (prep) talks in frames 0-99, mic 1 (service) in 50-149; both heard 0-199:
    # talk in frames 0-149 = 15 of 20 s.
    events = round_of(
        20,
        MicrophoneChanged(0, 0, "listening", "prep"),
        MicrophoneChanged(0, 1, "listening", "service"),
        *heard(0, 200, set(range(100)), mic=0),
        *heard(0, 200, set(range(50, 150)), mic=1),
    )
    t = talk_of(events)
    assert t["microphones"] == 2
    assert (t["talk_s"], t["talk_share"]) == (15.0, 0.75)


def test_no_microphone_is_not_zero_talk():
    # Talk switched on but no microphone: the section says what is known (nothing heard),
    # every figure n/a, no card.
    events = round_of(60, MicrophoneChanged(0, 0, "none", ""))
    t = talk_of(events)
    assert t["microphones"] == 0
    assert t["heard_s"] == 0.0
    assert t["talk_share"] is None
    assert t["longest_silence_open_s"] is None
    values = rule_values(compute_metrics(events))
    assert not [c for c in evaluate(load_pack(), values) if c.id.startswith("talk_")]


def test_a_round_without_talk_has_no_talk_section_and_no_talk_card():
    events = round_of(60, OrderArrived(0, 1, "soup", 100_000))
    metrics = compute_metrics(events)
    assert "talk" not in metrics.sections
    values = rule_values(metrics)
    assert not [name for name in values if name.startswith("talk.")]
    assert not [c for c in evaluate(load_pack(), values) if c.id.startswith("talk_")]
