"""The kitchen's things in the language in force: recipe and ingredient titles, items as a
hint names them, and the hint labels themselves.

The simulation answers in English and by id (:class:`~kitchen.sim.hints.Hint` keeps its
``action``, ``item`` and ``points``); the words people read are made here, when they are
drawn. A level's own recipe or ingredient (not a built-in one) keeps the title the level
gives it, translated when the level carries a translation.
"""

from __future__ import annotations

from kitchen.i18n import N_, _, localize, pgettext
from kitchen.sim.hints import Hint

TITLES = {
    "Onion": N_("Onion"),
    "Tomato": N_("Tomato"),
    "Lettuce": N_("Lettuce"),
    "Mushroom": N_("Mushroom"),
    "Cucumber": N_("Cucumber"),
    "Bread": N_("Bread"),
    "Onion soup": N_("Onion soup"),
    "Tomato soup": N_("Tomato soup"),
    "Mushroom soup": N_("Mushroom soup"),
    "Salad": N_("Salad"),
    "Cucumber salad": N_("Cucumber salad"),
    "Tomato toast": N_("Tomato toast"),
}
"""The built-in ingredients' and recipes' titles (content/builtins.py), for the catalogue."""


def _item_words() -> dict[str, str]:
    return {
        "onion": pgettext("item in a hint", "onion"),
        "onion:chopped": pgettext("item in a hint", "chopped onion"),
        "tomato": pgettext("item in a hint", "tomato"),
        "tomato:chopped": pgettext("item in a hint", "chopped tomato"),
        "lettuce": pgettext("item in a hint", "lettuce"),
        "lettuce:chopped": pgettext("item in a hint", "chopped lettuce"),
        "mushroom": pgettext("item in a hint", "mushroom"),
        "mushroom:chopped": pgettext("item in a hint", "chopped mushroom"),
        "cucumber": pgettext("item in a hint", "cucumber"),
        "cucumber:chopped": pgettext("item in a hint", "chopped cucumber"),
        "bread": pgettext("item in a hint", "bread"),
        "plate": pgettext("item in a hint", "plate"),
        "soup": pgettext("item in a hint", "soup"),
        "dirty_plate": pgettext("item in a hint", "dirty plate"),
        "burnt": pgettext("item in a hint", "burnt food"),
    }


def title_words(title: str) -> str:
    """A recipe's or an ingredient's title as shown: a built-in one in the language in
    force, a level's own as the level writes it (its translation, if it has one)."""
    if title in TITLES:
        return _(title)
    return localize(title)


def item_words(key: str) -> str:
    """An item key as a hint names it: ``onion:chopped`` is ``chopped onion`` (in French
    ``l’oignon coupé``); an item of a level's own keeps its id's words."""
    if key.startswith("plate["):
        key = "plate"
    elif key.startswith("soup:"):
        key = "soup"
    known = _item_words().get(key)
    if known is not None:
        return known
    name, _sep, state = key.partition(":")
    if state == "chopped":
        return pgettext("item in a hint", "chopped {name}").format(name=name.replace("_", " "))
    return f"{state} {name}".strip().replace("_", " ")


def signed(points: int) -> str:
    """``+25`` or ``−30`` (a true minus sign)."""
    return f"{points:+d}".replace("-", "\u2212")


def hint_label(hint: Hint) -> str:
    """What a hint says, in the language in force (``Take onion``, ``Serve +25``)."""
    item = item_words(hint.item) if hint.item else ""
    action = hint.action
    if action == "refused":
        if hint.label.startswith("Broken"):
            return _("Broken: hold use to fix")
        return _("Not your role: hand it over")
    if action == "repair":
        return _("Hold use: repair")
    if action == "chop":
        return _("Hold use: chop")
    if action == "wash":
        return _("Hold use: wash")
    if action == "use":
        return _("Hold use")
    if action == "serve":
        return _("Serve {points}").format(points=signed(hint.points))
    if action == "safety_incident":
        return _("Allergy! {points}").format(points=signed(hint.points))
    if action == "wrong_dish":
        return _("No order! {points}").format(points=signed(hint.points))
    if action == "scrape":
        return _("Take out burnt food")
    if action == "plate":
        return _("Plate the soup")
    if action == "cook":
        return _("Put in pot: cook!")
    if action == "take":
        return _("Take {item}").format(item=item)
    if action == "pick_up":
        return _("Pick up {item}").format(item=item)
    if action == "put_down":
        return _("Put down {item}").format(item=item)
    if action == "bin":
        return _("Throw away {item}").format(item=item)
    if action == "add":
        if hint.label.startswith("Add "):
            return _("Add {item} to plate").format(item=item)
        if hint.label.endswith(" in pot"):
            return _("Put {item} in pot").format(item=item)
        return _("Put {item} on plate").format(item=item)
    return hint.label


def decision_words(decision: str | None) -> str:
    """A cycle's decision as shown: ``adopt``, ``adapt`` or ``abandon`` in the language in
    force, ``not decided yet`` when there is none."""
    if not decision:
        return _("not decided yet")
    words = {
        "adopt": pgettext("cycle decision", "adopt"),
        "adapt": pgettext("cycle decision", "adapt"),
        "abandon": pgettext("cycle decision", "abandon"),
    }
    return words.get(decision, decision)
