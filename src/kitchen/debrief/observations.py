"""What the facilitator observed, beside what the log measured.

The observation scale is the Team Emergency Assessment Measure (TEAM): Cooper S, Cant R,
Porter J, et al. *Rating medical emergency teamwork performance: development of the Team
Emergency Assessment Measure (TEAM).* Resuscitation 2010;81(4):446-452. Eleven items, each
rated 0 (never or hardly ever) to 4 (always or nearly always), in three groups (leadership,
teamwork, task management), and a global rating of the team's non-technical performance
from 1 to 10. The item texts below are our own wording of the published items, with the
kitchen in mind; an item the facilitator did not see is left out ("not observed"), never
scored 0.

The records themselves (:class:`~kitchen.session.log_model.TeamRatingRecord`,
:class:`~kitchen.session.log_model.TagNoteRecord`,
:class:`~kitchen.session.log_model.TakeawaysRecord`) are appended to the round log after
the round (:func:`kitchen.session.observation_log.append_observation`); in a log the latest
of each kind counts.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from kitchen.debrief import labels
from kitchen.debrief.lessons import rule_values
from kitchen.debrief.metrics import compute_metrics
from kitchen.events import FacilitatorTag
from kitchen.i18n import N_, _
from kitchen.session.log_model import (
    TEAM_ITEMS,
    TagNoteRecord,
    TakeawaysRecord,
    TeamRatingRecord,
)
from kitchen.session.replay import RoundLog
from kitchen.sim.spec import TICKS_PER_SECOND

SOURCE = (
    "Cooper S, Cant R, Porter J, et al. Rating medical emergency teamwork performance: "
    "development of the Team Emergency Assessment Measure (TEAM). "
    "Resuscitation 2010;81(4):446-452."
)
"""The published scale the observation sheet follows."""

SCALE = (
    N_("never or hardly ever"),
    N_("seldom"),
    N_("about as often as not"),
    N_("often"),
    N_("always or nearly always"),
)
"""What each rating 0-4 means (the TEAM anchors)."""

GLOBAL_QUESTION = N_("Overall, the team's non-technical performance (teamwork, not cooking skill)")
"""The global rating, 1 (poor) to 10 (excellent)."""


@dataclass(frozen=True)
class TeamItem:
    """One TEAM item: its key in the log, its group and its wording."""

    key: str
    group: str
    text: str
    short: str


ITEMS = (
    TeamItem(
        "leader_direction",
        N_("Leadership"),
        N_("The leader made clear what was expected of each person, directing the team."),
        N_("Leader gave direction"),
    ),
    TeamItem(
        "leader_overview",
        N_("Leadership"),
        N_("The leader kept an overview of the whole situation, not only their own task."),
        N_("Leader kept the overview"),
    ),
    TeamItem(
        "communication",
        N_("Teamwork"),
        N_("Team members communicated clearly and effectively with each other."),
        N_("Communication"),
    ),
    TeamItem(
        "working_together",
        N_("Teamwork"),
        N_("The team worked together to get tasks done in good time."),
        N_("Working together"),
    ),
    TeamItem(
        "composure",
        N_("Teamwork"),
        N_("The team stayed composed and in control."),
        N_("Composure and control"),
    ),
    TeamItem("morale", N_("Teamwork"), N_("The team's morale stayed positive."), N_("Morale")),
    TeamItem(
        "adapting",
        N_("Teamwork"),
        N_("The team adapted when the situation changed."),
        N_("Adapting to change"),
    ),
    TeamItem(
        "monitoring",
        N_("Teamwork"),
        N_("The team kept watching the situation and re-assessed it as it went."),
        N_("Monitoring and re-assessing"),
    ),
    TeamItem(
        "anticipating",
        N_("Teamwork"),
        N_("The team anticipated what would need doing next."),
        N_("Anticipating"),
    ),
    TeamItem(
        "prioritising",
        N_("Task management"),
        N_("The team put its tasks in order of priority."),
        N_("Prioritising"),
    ),
    TeamItem(
        "standards",
        N_("Task management"),
        N_("The team followed the agreed standards and procedures (recipes, safe handling)."),
        N_("Following standards"),
    ),
)
"""The eleven TEAM items in the published order."""

assert tuple(i.key for i in ITEMS) == TEAM_ITEMS, "the items match the log's record"

MEASURED: dict[str, tuple[str, ...]] = {
    "communication": ("communication.closed_loop_ratio", "communication.callouts_per_min"),
    "working_together": ("coordination.handoffs", "coordination.lost_handoffs"),
    "composure": ("service.safety_incidents",),
    "adapting": ("resilience.mean_recovery_s",),
    "monitoring": ("resilience.first_callout_mean_s",),
    "prioritising": ("service.expired",),
    "standards": ("service.wrong_dishes", "flow.waste"),
    "global": ("service.score",),
}
"""For each TEAM item, the measured metrics a facilitator can hold it against (named and
shown as everywhere else: :mod:`kitchen.debrief.labels`). Leadership, morale and
anticipating have no measure in the log beside them: the debrief says so rather than
invent one."""


def measured_values(log: RoundLog) -> dict[str, Any]:
    """The round's measured metrics by dotted name (as the lesson rules see them).

    Raises:
        SourceError: the level stored in the log does not load.
    """
    return rule_values(compute_metrics(log.events, log.level().spec))


def latest_rating(log: RoundLog) -> TeamRatingRecord | None:
    """The facilitator's latest TEAM rating of the round, if any."""
    found = [o for o in log.observations if isinstance(o, TeamRatingRecord)]
    return found[-1] if found else None


def tag_notes(log: RoundLog) -> dict[tuple[int, str], str]:
    """The latest note on each tag, by the tag's ``(tick, label)``."""
    out: dict[tuple[int, str], str] = {}
    for o in log.observations:
        if isinstance(o, TagNoteRecord):
            out[(o.tick, o.label)] = o.note
    return out


def latest_takeaways(log: RoundLog) -> TakeawaysRecord | None:
    """The team's latest take-aways for the round, if any."""
    found = [o for o in log.observations if isinstance(o, TakeawaysRecord)]
    return found[-1] if found else None


TAKEAWAY_PROMPTS = (
    ("keep", N_("Keep: what worked that we should keep doing?")),
    ("change", N_("Change: what would we do differently next time?")),
    ("at_work", N_("Back at work: where does this happen in our system?")),
)
"""The Application phase's three take-away prompts and their keys in the log (the texts in
English, marked for the catalogue: shown with ``_()``)."""


@dataclass
class ObservedRow:
    """One line of observed beside measured."""

    key: str
    group: str
    label: str
    text: str
    rating: int | None
    shown: str
    measured: list[tuple[str, str]] = field(default_factory=list)


def _shown(rating: int | None, out_of: int) -> str:
    return _("not observed") if rating is None else f"{rating} / {out_of}"


def observed_beside_measured(
    values: dict[str, Any], rating: TeamRatingRecord | None
) -> list[ObservedRow]:
    """Each TEAM item (and the global rating) with its rating and the measured metrics
    beside it (formatted; ``n/a`` when the round could not measure one)."""
    ratings = rating.ratings.model_dump() if rating else {}
    rows = []
    for item in ITEMS:
        value = ratings.get(item.key)
        rows.append(
            ObservedRow(
                item.key,
                item.group,
                item.short,
                item.text,
                value,
                _shown(value, 4),
                [
                    (labels.label(name), labels.show(name, values.get(name)))
                    for name in MEASURED.get(item.key, ())
                ],
            )
        )
    overall = rating.global_rating if rating else None
    rows.append(
        ObservedRow(
            "global",
            N_("Global"),
            N_("Global rating"),
            GLOBAL_QUESTION,
            overall,
            _shown(overall, 10),
            [
                (labels.label(name), labels.show(name, values.get(name)))
                for name in MEASURED["global"]
            ],
        )
    )
    return rows


@dataclass(frozen=True)
class RoundTag:
    """A moment the facilitator tagged during the round, with the note written on it after."""

    tick: int
    label: str
    note: str
    later_note: str = ""

    @property
    def time_s(self) -> float:
        """Seconds into the round."""
        return self.tick / TICKS_PER_SECOND


def round_tags(log: RoundLog) -> list[RoundTag]:
    """The round's tags in order, each with the latest note written on it after the round."""
    notes = tag_notes(log)
    return [
        RoundTag(e.tick, e.label, e.note, notes.get((e.tick, e.label), ""))
        for e in log.events
        if isinstance(e, FacilitatorTag)
    ]


def observation_view(log: RoundLog, values: dict[str, Any]) -> dict[str, Any]:
    """What the report shows of a round's observations: the TEAM rows beside the measured
    metrics, the notes on tags, and the team's take-aways."""
    rating = latest_rating(log)
    takeaways = latest_takeaways(log)
    rated = (
        0
        if rating is None
        else sum(1 for v in rating.ratings.model_dump().values() if v is not None)
    )
    return {
        "rated": rating is not None,
        "rated_count": rated,
        "rows": observed_beside_measured(values, rating),
        "created": rating.created if rating else "",
        "tag_notes": [t for t in round_tags(log) if t.later_note],
        "takeaways": [
            (prompt, getattr(takeaways, key))
            for key, prompt in TAKEAWAY_PROMPTS
            if takeaways is not None and getattr(takeaways, key).strip()
        ],
        "source": SOURCE,
        "scale": SCALE,
    }
