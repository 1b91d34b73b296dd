"""The side panels of the level editor's redesign mode (the Improve phase): the changes
made so far against the budget, the roles (who may serve, read the tickets, stand where)
and the protocols a team can adopt. Laid out with the editor's own
:class:`~kitchen.ui.render.editor_panels.PanelBuilder`."""

from __future__ import annotations

from kitchen.content.redesign import (
    PROTOCOL_CALL_HANDOVERS,
    PROTOCOL_CHECK_BACK,
    PROTOCOL_HUDDLE,
    RedesignDraft,
    ticket_reader,
)
from kitchen.i18n import N_, _, ngettext
from kitchen.ui.names import zone_name
from kitchen.ui.render.editor_panels import PanelBuilder

REDESIGN_TABS = (N_("Changes"), N_("Roles"), N_("Protocols"), N_("Problems"))
"""The panel tabs (ids in English: draw each with ``_()``)."""

KIND_WORDS = {
    "move": N_("move a station, crate or start"),
    "pass_counter": N_("add or remove a pass counter"),
    "zone": N_("redraw a zone"),
    "role": N_("change a role"),
    "protocol": N_("adopt a protocol"),
}
"""The ``redesign:`` kinds of change, as the panel names them."""


def budget_line(redesign: RedesignDraft) -> str:
    """``2 of 3 changes left``."""
    b = redesign.rules.budget
    return ngettext("{left} of {n} change left", "{left} of {n} changes left", b).format(
        left=redesign.left, n=b
    )


def protocols_of(redesign: RedesignDraft) -> list[str]:
    """The protocols a team can adopt in this kitchen: a named ticket reader (one per
    chef of the level), calling every hand-over, checking back, a huddle."""
    rows = redesign.draft.rows()
    chefs = sorted({int(c) for row in rows for c in row if c in "1234"})
    return [
        *(ticket_reader(p) for p in chefs),
        PROTOCOL_CALL_HANDOVERS,
        PROTOCOL_CHECK_BACK,
        PROTOCOL_HUDDLE,
    ]


def changes_panel(b: PanelBuilder, redesign: RedesignDraft) -> None:
    """The budget left, what is allowed, and each change in plain words."""
    b.heading(budget_line(redesign))
    changes = redesign.changes()
    if not changes:
        b.text(_("No changes yet: pick Move or Pass counter on the left, or a zone brush."))
    for i, (_kind, words) in enumerate(changes, start=1):
        b.text(f"{i}. {words}")
    b.heading(_("Allowed here"))
    for kind in redesign.rules.allow:
        b.text(_(KIND_WORDS[kind]))


def roles_panel(b: PanelBuilder, redesign: RedesignDraft) -> None:
    """Each role's chefs, zones, ticket reading and serving, to change."""
    draft = redesign.draft
    if "role" not in redesign.rules.allow:
        b.heading(_("Roles"))
        b.text(_("This kitchen's redesign does not change roles."))
        return
    roles = draft.roles()
    names = list(draft.zone_names().values())
    if not roles:
        b.heading(_("No roles yet"))
        b.text(_("Every chef may serve and read the tickets. A role limits who may."))
    for role, settings in roles.items():
        b.heading(zone_name(role))
        players = settings.get("players") or []
        b.row(
            _("chefs"),
            [
                (str(p), lambda role=role, p=p: draft.toggle_role_player(role, p), p in players)
                for p in (1, 2, 3, 4)
            ],
        )
        b.toggle(
            _("reads the tickets"),
            settings.get("sees_tickets", True),
            lambda role=role: _flip(redesign, role, "sees_tickets"),
        )
        b.toggle(
            _("may serve"),
            settings.get("may_serve", True),
            lambda role=role: _flip(redesign, role, "may_serve"),
        )
        allowed = settings.get("zones")
        for name in names:
            b.toggle(
                _("may stand in {zone}").format(zone=zone_name(name)),
                allowed is None or name in allowed,
                lambda role=role, name=name: _zone(redesign, role, name, names),
            )
    b.button(_("+ New role"), draft.add_role)


def _flip(redesign: RedesignDraft, role: str, key: str) -> None:
    current = redesign.draft.roles()[role].get(key, True)
    redesign.draft.set_value(("roles", role, key), None if not current else False)


def _zone(redesign: RedesignDraft, role: str, zone: str, every: list[str]) -> None:
    """No list means any zone: the first click on one makes the list of all the others."""
    allowed = redesign.draft.roles()[role].get("zones")
    if allowed is None:
        redesign.draft.set_value(("roles", role, "zones"), [z for z in every if z != zone])
    else:
        redesign.draft.toggle_role_zone(role, zone)


def protocols_panel(b: PanelBuilder, redesign: RedesignDraft, changed: object) -> None:
    """The protocols to adopt (each counts as one change; kept with the cycle, not in the
    level). ``changed`` is called with the protocol after a click."""
    b.heading(_("Adopt a protocol"))
    if "protocol" not in redesign.rules.allow:
        b.text(_("This kitchen's redesign does not take protocols."))
        return
    for protocol in protocols_of(redesign):
        b.toggle(
            protocol,
            protocol in redesign.protocols,
            lambda protocol=protocol: changed(protocol),  # type: ignore[operator]
        )
    b.text(_("Kept with the cycle's changes; the debrief lists it, no measure checks it."))
