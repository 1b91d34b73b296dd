"""The redesign's Roles panel names the shipped roles and zones in the language in force
(``prep``: ``préparation``), through :func:`kitchen.ui.names.zone_name`."""

from __future__ import annotations

from frontend_support import env  # noqa: F401  (fixture)

from kitchen.content.redesign import RedesignDraft
from kitchen.i18n import using_language
from kitchen.paths import shipped_levels


def test_the_roles_panel_names_roles_and_zones_in_the_language(env):  # noqa: F811
    from kitchen.ui.scenes.redesign_editor import RedesignScene

    path = next(p for p in shipped_levels() if p.stem == "06_silos")
    app = env.app(seed=3)
    editor = RedesignScene(app, RedesignDraft(path.read_text(encoding="utf-8"), path.name))
    app.reset_to(editor)
    editor.tab = "Roles"
    drawn: list[str] = []
    app.text.on_draw = lambda draw: drawn.append(draw.text)
    try:
        with using_language("fr"):
            editor.draw(app.logical)
        french = set(drawn)
        drawn.clear()
        editor.draw(app.logical)
    finally:
        app.text.on_draw = None
    assert {"préparation", "passe"} <= french, sorted(french)
    assert any(t == "peut aller en préparation" for t in french), french
    assert not {"prep", "pass"} & french
    assert {"prep", "pass"} <= set(drawn)
