"""The dashboard page's words in the hub's language: the page itself is rendered from
``templates/dashboard.html.j2`` with the catalogue's words, and the words its scripts show
(:data:`WORDS`, :data:`PLURALS`) go inside it as JSON, so the scripts never hold a word
people read.

The hub's language is the language in force when it serves (``kitchen host --lang fr``, the
settings' language or the system's, as for every command: :mod:`kitchen.i18n`).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from kitchen import i18n
from kitchen.content.settings_model import DEFAULT_TAGS
from kitchen.content.shown_names import tag_name
from kitchen.i18n import N_, _, ngettext

WORDS: dict[str, str] = {
    # the page (dashboard.js)
    "title": N_("{workshop} – dashboard"),
    "live": N_("Live"),
    "reconnecting": N_("Reconnecting… (the hub is not answering)"),
    "login_ended": N_("Your login ended: log in again."),
    "logged_out": N_("Logged out."),
    "wrong_code": N_("Wrong facilitator code."),
    "no_rating_form": N_("Cannot read the rating form: {error}"),
    "no_level_yet": N_("No team is playing a level yet"),
    "huddle_left": N_("Huddle: {time} left"),
    "huddle_of": N_("Huddle of {time}"),
    "pause_all": N_("Pause all"),
    "resume_all": N_("Resume all"),
    "end_all": N_("End all rounds"),
    "trigger": N_("Trigger {label}"),
    "all_sending": N_("{what}: sending…"),
    "all_not_sent": N_("{what}: not sent ({error})"),
    # talking to the hub (api.js)
    "hub_answered": N_("the hub answered {status}"),
    "hub_unreachable": N_("the hub cannot be reached"),
    "tap_again": N_("Tap again"),
    # a team's tile (tiles.js)
    "state_lobby": N_("Waiting"),
    "state_playing": N_("Playing"),
    "state_paused": N_("Paused"),
    "state_huddle": N_("Huddle"),
    "state_debrief": N_("Debrief"),
    "over": N_("Over"),
    "no_disruption": N_("None"),
    "na": N_("n/a"),
    "heard": N_("{percent} of the time heard"),
    "on_machine": N_("on {machine}"),
    "connected": N_("Connected"),
    "not_connected": N_("Not connected"),
    "no_round_yet": N_("No round yet"),
    "no_disruptions": N_("No disruptions in this level"),
    "pause": N_("Pause"),
    "resume": N_("Resume"),
    "end_round": N_("End round"),
    "tag": N_("Tag “{label}”"),
    "sending": N_("{what}: sending…"),
    "done": N_("Done: {message}"),
    "not_done": N_("{what}: not done ({reason})"),
    "no_reason": N_("no reason given"),
    "not_sent": N_("{what}: not sent ({error})"),
    "sent": N_("{what}: sent"),
    # the Cycles view (cycles.js)
    "adopt": N_("Adopt"),
    "adapt": N_("Adapt"),
    "abandon": N_("Abandon"),
    "not_played": N_("Not played yet (to be compared with round {round})"),
    "result_measure": N_("{measure}: {before} in round {compared} → {result} in round {tested}"),
    "result": N_("{before} in round {compared} → {result} in round {tested}"),
    "met": N_("Prediction met"),
    "not_met": N_("Prediction not met"),
    "cycle": N_("Cycle {n}: {idea}"),
    "no_idea": N_("(no idea written)"),
    "no_change": N_("No change listed"),
    "change": N_("Change"),
    "prediction": N_("Prediction"),
    "quoted": N_("“{words}”"),
    "read_as": N_(" (read as: {reads})"),
    "result_term": N_("Result"),
    "system_share": N_("System share"),
    "decision": N_("Decision"),
    "not_decided": N_("Not decided yet"),
    "session": N_("Session {name}"),
    "cycles_problem": N_("The cycles cannot be read: {problem}"),
    "no_cycle": N_("No cycle planned yet."),
    "run_chart": N_("Run chart – {verdict}"),
    "no_cycles": N_("No improvement cycles yet."),
    "cycles_unreadable": N_("Cannot read the cycles: {error}"),
    "no_team": N_("No team has joined yet."),
    # the TEAM rating form (rating.js)
    "round_n": N_("Round {n}"),
    "round_of_session": N_("Round {n} ({session})"),
    "round": N_("Round"),
    "scale_item": N_("{value} = {text}"),
    "scale": N_("{scale}. Leave an item at “–” when you did not see it."),
    "not_observed": N_("not observed"),
    "not_rated_choice": N_("Not rated"),
    "not_rated": N_("not rated"),
    "global_rating": N_("Global rating"),
    "global_question": N_("{question} ({low} poor to {high} excellent)"),
    "save_rating": N_("Save rating"),
    "showing_saved": N_("Showing the rating saved for this round."),
    "not_rated_yet": N_("Not rated yet."),
    "nothing_to_rate": N_("No round to rate yet."),
    "sending_plain": N_("Sending…"),
    "saved": N_("Saved in the log of {round}."),
    "not_saved": N_("Not saved by the game: {message}"),
    "not_sent_plain": N_("Not sent: {error}"),
    "waiting_save": N_("Sent to the team's game for {round}; waiting for it to save…"),
    "rate_after": N_("No round yet: rate the team after its round."),
}
"""What the page's scripts show, by key: ``{name}`` fields are filled in by the script."""

PLURALS: dict[str, Callable[[int], str]] = {
    "all_done": lambda n: ngettext(
        "{what}: done by {done} of {n} game", "{what}: done by {done} of {n} games", n
    ),
    "all_done_so_far": lambda n: ngettext(
        "{what}: done by {n} game so far", "{what}: done by {n} games so far", n
    ),
    "all_done_refused": lambda n: ngettext(
        "{what}: done by {done} of {n} game; not done by {refused}",
        "{what}: done by {done} of {n} games; not done by {refused}",
        n,
    ),
    "all_so_far_refused": lambda n: ngettext(
        "{what}: done by {n} game so far; not done by {refused}",
        "{what}: done by {n} games so far; not done by {refused}",
        n,
    ),
    "all_sent": lambda n: ngettext("{what}: sent to {n} game", "{what}: sent to {n} games", n),
    "more_changes": lambda n: ngettext("and {n} more", "and {n} more", n),
    "left_out": lambda n: ngettext(
        "{n} earlier cycle not shown.", "{n} earlier cycles not shown.", n
    ),
}
"""Words with a count ``{n}``: the script picks the form with the browser's plural rules
for the hub's language (``Intl.PluralRules``: one, many, other)."""

_PLURAL_SAMPLES = {"one": 1, "other": 2, "many": 1_000_000}
"""A count of each of CLDR's plural categories a catalogue may tell apart."""


def tag_names(tags: tuple[str, ...] = DEFAULT_TAGS) -> dict[str, str]:
    """Each tag as the hub's language shows it (a facilitator's own tag as written)."""
    return {tag: tag_name(tag) for tag in tags}


def page_words() -> dict[str, Any]:
    """The scripts' words in the language in force: ``lang``, ``words`` (by key),
    ``plurals`` (by key, then by plural category) and ``tags``."""
    return {
        "lang": i18n.current_language(),
        "words": {key: _(text) for key, text in WORDS.items()},
        "plurals": {
            key: {category: form(n) for category, n in _PLURAL_SAMPLES.items()}
            for key, form in PLURALS.items()
        },
        "tags": tag_names(),
    }


_ENV = Environment(
    loader=PackageLoader("kitchen.hub", "templates"),
    autoescape=select_autoescape(["html", "j2"], default=True),
    extensions=["jinja2.ext.i18n"],
)
_ENV.install_gettext_callables(  # type: ignore[attr-defined]
    gettext=i18n._, ngettext=i18n.ngettext, newstyle=True
)
_ENV.policies["ext.i18n.trimmed"] = True


def dashboard_page() -> str:
    """The dashboard's page in the language in force, its scripts' words inside it."""
    links = {
        "state": Markup('<a href="/api/state">{}</a>').format(_("read the state")),
        "host": Markup("<code>kitchen host</code>"),
        "report": Markup("<code>kitchen report</code>"),
    }
    return _ENV.get_template("dashboard.html.j2").render(
        lang=i18n.current_language(),
        words_json=json.dumps(page_words(), ensure_ascii=False, separators=(",", ":")),
        links=links,
    )
