"""One name per metric, everywhere: the label, the way a value is rounded and shown, and
which direction is better. The in-game debrief, the HTML report, the CSV and JSON exports
and docs/report.md all take a metric's label and rounding from :data:`METRICS` here, so a
facilitator never meets the same number under two names or two roundings.

A metric keeps its dotted name (``communication.closed_loop_ratio``) as its identifier in
the CSV header and the JSON; :func:`label` is how it is shown to people.
"""

from __future__ import annotations

from dataclasses import dataclass

from kitchen.i18n import N_, _, format_number, format_percent, ngettext

NOT_MEASURABLE = N_("n/a")
"""What is shown for a value that cannot be measured (never 0); :func:`not_measurable` gives
it in the language in force."""


def not_measurable() -> str:
    """``n/a`` in the language in force (``n.d.`` in French)."""
    return _(NOT_MEASURABLE)


@dataclass(frozen=True)
class MetricLabel:
    """How one metric is named and shown.

    Attributes:
        label: the metric's one name for people, in English (:func:`label` gives it in the
            language in force).
        fmt: ``int`` (a count), ``pct`` (a ratio shown as a whole percentage), ``s``
            (whole seconds), ``1f`` or ``2f`` (decimals).
        more_is_better: ``True``/``False``, or ``None`` when neither direction is better.
    """

    label: str
    fmt: str = "int"
    more_is_better: bool | None = None


_M = MetricLabel
METRICS: dict[str, MetricLabel] = {
    "service.score": _M(N_("Score"), "int", True),
    "service.stars": _M(N_("Stars"), "int", True),
    "service.orders": _M(N_("Orders"), "int"),
    "service.served": _M(N_("Dishes served"), "int", True),
    "service.served_on_time": _M(N_("Dishes served on time"), "int", True),
    "service.expired": _M(N_("Orders expired"), "int", False),
    "service.wrong_dishes": _M(N_("Wrong dishes"), "int", False),
    "service.safety_incidents": _M(N_("Safety incidents"), "int", False),
    "service.special_orders": _M(N_("Special orders"), "int"),
    "service.special_orders_served": _M(N_("Special orders served"), "int", True),
    "service.mean_wait_s": _M(N_("Mean wait for a dish"), "s", False),
    "service.serves_with_choice": _M(N_("Dishes served with tickets to choose from"), "int"),
    "service.urgent_first_ratio": _M(N_("Most urgent ticket served first"), "pct", True),
    "flow.throughput_per_min": _M(N_("Dishes per minute"), "1f", True),
    "flow.binned": _M(N_("Items binned"), "int", False),
    "flow.burnt_pots": _M(N_("Burnt pots"), "int", False),
    "flow.burnt_ingredients": _M(N_("Ingredients burnt"), "int", False),
    "flow.lost_items": _M(N_("Items lost"), "int", False),
    "flow.waste": _M(N_("Items wasted"), "int", False),
    "flow.rework": _M(N_("Rework"), "int", False),
    "flow.idle_s_mean": _M(N_("Idle time per chef"), "s", False),
    "flow.idle_share": _M(N_("Share of time idle"), "pct", False),
    "flow.idle_while_open_s_mean": _M(N_("Idle time per chef while work was open"), "s", False),
    "flow.idle_while_open_share": _M(N_("Share of open-work time idle"), "pct", False),
    "communication.callouts": _M(N_("Call-outs"), "int"),
    "communication.callouts_per_min": _M(N_("Call-outs per minute"), "1f"),
    "communication.calls_needing_answer": _M(N_("Calls needing an answer"), "int"),
    "communication.calls_answered_in_time": _M(N_("Calls answered in time"), "int", True),
    "communication.late_calls": _M(N_("Calls too late in the round to answer"), "int"),
    "communication.acknowledged_ratio": _M(N_("Calls acknowledged"), "pct", True),
    "communication.calls_closed_loop": _M(N_("Calls with the loop closed"), "int", True),
    "communication.closed_loop_ratio": _M(N_("Closed-loop ratio"), "pct", True),
    "communication.ack_delay_mean_s": _M(N_("Mean time to answer a call"), "s", False),
    "communication.ack_delay_median_s": _M(N_("Median time to answer a call"), "s", False),
    "communication.checkbacks": _M(N_("Check-backs"), "int"),
    "communication.callout_gini": _M(N_("Call-out inequality (Gini)"), "2f", False),
    "communication.action_gini": _M(N_("Workload inequality (Gini)"), "2f", False),
    "communication.silent_chefs": _M(N_("Chefs who made no call-out"), "int", False),
    "communication.people": _M(N_("People playing"), "int"),
    "communication.directed_share": _M(N_("Calls addressed to a teammate"), "pct"),
    "communication.hazards": _M(N_("Hazards"), "int"),
    "communication.hazards_unspoken": _M(N_("Hazards nobody spoke about"), "int", False),
    "communication.speak_up_s_median": _M(N_("Median time to speak up after a hazard"), "s", False),
    "coordination.handoffs": _M(N_("Hand-offs"), "int"),
    "coordination.handoff_delay_mean_s": _M(N_("Mean hand-off delay"), "s", False),
    "coordination.handoff_delay_median_s": _M(N_("Median hand-off delay"), "s", False),
    "coordination.lost_handoffs": _M(N_("Lost hand-offs"), "int", False),
    "coordination.lost_left_items": _M(N_("Food left waiting"), "int", False),
    "coordination.lost_binned_by_other": _M(N_("Items binned by another chef"), "int", False),
    "coordination.blocks": _M(N_("Times in each other's way"), "int", False),
    "coordination.blocked_s": _M(N_("Time blocked"), "s", False),
    "coordination.zone_crossings": _M(N_("Zone crossings"), "int"),
    "coordination.silo_index": _M(N_("Silo index (time in own area)"), "pct"),
    "coordination.refused_actions": _M(N_("Actions refused"), "int"),
    "resilience.disruptions": _M(N_("Disruptions"), "int"),
    "resilience.max_drop": _M(N_("Largest drop in dishes per minute"), "1f", False),
    "resilience.max_wait_s": _M(N_("Longest wait for a dish after a disruption"), "s", False),
    "resilience.mean_recovery_s": _M(N_("Mean time to recover"), "s", False),
    "resilience.unrecovered": _M(N_("Disruptions never recovered from"), "int", False),
    "resilience.repaired": _M(N_("Breakdowns repaired"), "int"),
    "resilience.first_callout_mean_s": _M(
        N_("Mean time to the first call after a disruption"), "s"
    ),
    "tags.count": _M(N_("Facilitator tags"), "int"),
    "context.round_index": _M(N_("Round number"), "int"),
    "context.silos": _M(N_("Silos on"), "int"),
    "context.has_zones": _M(N_("Level has zones"), "int"),
    "context.score_change": _M(N_("Score change from the last round of this level"), "int"),
    "context.closed_loop_change": _M(
        N_("Closed-loop ratio change from the last round of this level"), "2f"
    ),
    "talk.microphones": _M(N_("Microphones listening"), "int"),
    "talk.heard_s": _M(N_("Time heard by a microphone"), "s"),
    "talk.talk_s": _M(N_("Seconds with talk"), "s"),
    "talk.talk_share": _M(N_("Share of time with talk"), "pct"),
    "talk.typical_wait_s": _M(N_("Typical wait for someone to talk (s)"), "1f"),
    "talk.hazards_heard": _M(N_("Hazards while a microphone listened"), "int"),
    "talk.hazard_silence_s_median": _M(N_("Median silence after a hazard"), "s", False),
    "talk.hazard_silence_vs_typical": _M(
        N_("Silence after a hazard against the typical"), "1f", False
    ),
    "talk.disruption_silence_s_max": _M(N_("Longest silence after a disruption"), "s", False),
    "talk.largest_drop": _M(N_("Largest drop in talk after a disruption"), "pct", False),
    "talk.quieter_after": _M(N_("Disruptions after which the kitchen went quiet"), "int", False),
    "talk.longest_silence_open_s": _M(N_("Longest silence with orders open"), "s", False),
    "blackout.ack_before": _M(N_("Calls acknowledged before the blackout"), "pct", True),
    "blackout.ack_during": _M(N_("Calls acknowledged during the blackout"), "pct", True),
    "blackout.ack_after": _M(N_("Calls acknowledged after the blackout"), "pct", True),
}
"""Every metric the debrief shows or exports, by dotted name."""

_DIGITS = {"int": 0, "pct": 2, "s": 0, "1f": 1, "2f": 2}


def _guess(name: str) -> MetricLabel:
    """A metric added to the metrics without a row here yet: a readable label from its
    name and a rounding from its suffix, so nothing is ever shown unrounded or unnamed."""
    key = name.rpartition(".")[2]
    fmt = "int"
    if key.endswith(("_ratio", "_rate", "_share")):
        fmt = "pct"
    elif key.endswith("_s"):
        fmt = "s"
    elif key.endswith(("gini", "_index")):
        fmt = "2f"
    elif key.endswith(("_per_min", "_mean")):
        fmt = "1f"
    words = key.removesuffix("_s").replace("_", " ").strip()
    return MetricLabel(words[:1].upper() + words[1:], fmt)


def metric(name: str) -> MetricLabel:
    """The label, format and direction of ``name`` (a guessed one for an unknown name)."""
    return METRICS.get(name) or _guess(name)


def label(name: str) -> str:
    """The one name people see for the metric ``name``, in the language in force."""
    return _(metric(name).label)


def rounded_value(name: str, value: object) -> object:
    """``value`` rounded as it is shown (a count to a whole number, a ratio to two
    places, seconds to whole seconds...). Anything not a number passes through unchanged;
    the CSV, JSON, report and game all use this."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return value
    digits = _DIGITS.get(metric(name).fmt, 2)
    if digits == 0:
        return round(value)
    out = round(float(value), digits)
    return 0.0 if out == 0 else out


def show(name: str, value: object) -> str:
    """``value`` of the metric ``name`` as people read it: ``42%``, ``12 s``, ``3``,
    ``0.25``; ``n/a`` when it cannot be measured."""
    return show_as(metric(name).fmt, rounded_value(name, value))


def show_as(fmt: str | None, value: object) -> str:
    """``value`` shown in format ``fmt`` (see :class:`MetricLabel`); ``n/a`` for ``None``."""
    if value is None:
        return not_measurable()
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if not isinstance(value, (int, float)):
        return str(value)
    digits = _DIGITS.get(fmt or "", 2)
    if fmt == "pct":
        return format_percent(round(value * 100) / 100)
    if fmt is None and "." in f"{value:.{digits}f}":
        digits = len(f"{value:.{digits}f}".rstrip("0").partition(".")[2])
    text = format_number(value, digits)
    if fmt == "s":
        return _("{seconds} s").format(seconds=text)
    return text


def plural(count: int, word: str, many: str | None = None) -> str:
    """``1 round``, ``2 rounds``, ``0 rounds`` (``many`` for an irregular plural)."""
    return f"{count} {word if count == 1 else (many or word + 's')}"


def count_of(count: int, what: str) -> str:
    """``3 rounds`` in the language in force, for the words the report counts (``session``,
    ``round``, ``level``, ``star``, ``call``): the catalogue's plural rule (French: 0 and 1
    take the singular)."""
    forms = {
        "session": ngettext("{n} session", "{n} sessions", count),
        "round": ngettext("{n} round", "{n} rounds", count),
        "level": ngettext("{n} level", "{n} levels", count),
        "star": ngettext("{n} star", "{n} stars", count),
        "call": ngettext("{n} call", "{n} calls", count),
    }
    if what not in forms:
        return plural(count, what)
    return forms[what].format(n=format_number(count))


def verdict_word(verdict: str | None) -> str:
    """``better``, ``worse`` or ``same`` in the language in force (``""`` for none)."""
    words = {"better": _("better"), "worse": _("worse"), "same": _("same")}
    return words.get(verdict or "", verdict or "")


def verdict(name: str, now: object, before: object) -> str | None:
    """``better``, ``worse`` or ``same`` for the metric ``name`` going from ``before`` to
    ``now`` (compared as shown, so a change hidden by rounding is ``same``); ``None`` when
    either cannot be measured or neither direction is better."""
    direction = metric(name).more_is_better
    a, b = rounded_value(name, now), rounded_value(name, before)
    if direction is None or not isinstance(a, (int, float)) or not isinstance(b, (int, float)):
        return None
    if a == b:
        return "same"
    return "better" if (a > b) == direction else "worse"
