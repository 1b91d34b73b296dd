"""Languages (issue 16): the French catalogue holds exactly the strings the code uses, its
compiled .mo matches it, the game's font draws every character French needs, numbers follow
the locale, content text in several languages is checked and shown, and the report is made in
French from the same session."""

from __future__ import annotations

import io
from datetime import date
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.mofile import read_mo
from babel.messages.pofile import read_po
from i18n_support import english_afterwards  # noqa: F401  (autouse fixture)

from kitchen import i18n
from kitchen.content import SourceError, load_level_text
from kitchen.content.lesson_pack import read_pack, read_pack_text
from kitchen.debrief import labels
from kitchen.debrief.lessons import known_names
from kitchen.paths import shipped_levels

ROOT = Path(__file__).resolve().parent.parent
PO = i18n.LOCALES_DIR / "fr" / "LC_MESSAGES" / "kitchen.po"
MO = PO.with_suffix(".mo")


def _key(message_id: str | tuple[str, ...], context: str | None) -> tuple[str | None, str]:
    singular = message_id[0] if isinstance(message_id, tuple) else message_id
    return context, singular


def used_messages() -> set[tuple[str | None, str]]:
    """Every string the code and templates give the catalogue (Babel's own extraction,
    with the project's babel.cfg)."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as f:
        method_map, options_map = parse_mapping_cfg(f)
    found = set()
    for _file, _line, message, _comments, context in extract_from_dir(
        str(ROOT), method_map, options_map
    ):
        found.add(_key(message, context))
    return found


def french_catalogue():
    with PO.open("rb") as f:
        return read_po(f, locale="fr")


def test_the_french_catalogue_holds_every_string_the_code_uses_and_no_other():
    used = used_messages()
    catalogue = french_catalogue()
    held = {_key(m.id, m.context) for m in catalogue if m.id}
    missing = sorted(used - held, key=str)
    unused = sorted(held - used, key=str)
    assert missing == [], f"add to {PO.name} (docs/translating.md: pybabel update): {missing}"
    assert unused == [], f"no longer used by the code, remove from {PO.name}: {unused}"
    assert list(catalogue.obsolete) == [], "obsolete (#~) entries: update with --ignore-obsolete"
    untranslated = [m.id for m in catalogue if m.id and not all(m.string or [""])]
    fuzzy = [m.id for m in catalogue if m.id and m.fuzzy]
    assert untranslated == []
    assert fuzzy == []


def test_the_compiled_catalogue_matches_its_po_file():
    def plain(value):
        return tuple(value) if isinstance(value, (list, tuple)) else value

    with MO.open("rb") as f:
        compiled = {(m.context, plain(m.id)): plain(m.string) for m in read_mo(f) if m.id}
    written = {(m.context, plain(m.id)): plain(m.string) for m in french_catalogue() if m.id}
    assert compiled == written, "run: pybabel compile -d src/kitchen/locales -D kitchen"


def french_texts() -> list[str]:
    """Every French text the game can show: the catalogue and the shipped content."""
    texts = []
    for m in french_catalogue():
        if m.id:
            texts.extend(m.string if isinstance(m.string, tuple) else [m.string])
    for path in shipped_levels():
        level = load_level_text(path.read_text(encoding="utf-8"), path.name)
        d = level.definition
        pieces = [d.title, d.description, d.facilitator_notes]
        if d.tutorial:
            pieces += [s.say for s in d.tutorial.steps] + [d.tutorial.finish]
        texts += [p.translations.get("fr", "") for p in pieces if p is not None]
    pack = read_pack(None, known_names()).definition
    texts += [pack.title.translations.get("fr", "")]
    for lesson in pack.lessons:
        for piece in (lesson.title, lesson.topic, lesson.showed, lesson.why, *lesson.questions):
            texts.append(piece.translations.get("fr", ""))
    with i18n.using_language("fr"):
        texts += [i18n.format_number(1234567.5, 1), i18n.format_percent(0.42)]
        texts += [i18n.format_date(date(2025, 12, 24), "long")]
    return texts


def test_the_font_draws_every_character_of_the_french_texts():
    pygame = pytest.importorskip("pygame")
    pygame.font.init()
    font = pygame.font.Font(None, 40)

    def picture(text: str) -> tuple[tuple[int, int], bytes]:
        surface = font.render(text, True, (255, 255, 255))
        return surface.get_size(), pygame.image.tobytes(surface, "RGBA")

    missing = picture("\uffff")  # a character no font has: the font's "missing" box
    characters = sorted({c for text in french_texts() for c in text} - {"\n"})
    assert "é" in characters
    assert "’" in characters
    not_drawn = []
    for char in characters:
        size, pixels = picture(char)
        if char.isspace():
            if any(pixels[3::4]):  # a space must draw as a space, never a box
                not_drawn.append(char)
        elif (size, pixels) == missing or not any(pixels[3::4]):
            not_drawn.append(char)
    assert not_drawn == [], [f"U+{ord(c):04X}" for c in not_drawn]


def test_numbers_dates_and_plurals_follow_the_language():
    assert i18n.current_language() == "en"
    assert i18n.format_number(1234.5, 1) == "1,234.5"
    assert labels.show("communication.closed_loop_ratio", 0.42) == "42%"
    assert labels.count_of(0, "round") == "0 rounds"
    i18n.set_language("fr")
    assert i18n.format_number(1234.5, 1) == "1\u00a0234,5"  # U+00A0: the font draws it
    assert labels.show("communication.closed_loop_ratio", 0.42) == "42\u00a0%"
    assert labels.show("flow.throughput_per_min", 2.25) == "2,2"
    assert labels.show("service.score", None) == "n.d."
    assert labels.count_of(0, "round") == "0 manche"  # French: 0 takes the singular
    assert labels.count_of(2, "round") == "2 manches"
    assert labels.label("communication.closed_loop_ratio") == "Taux de boucle fermée"
    assert i18n.format_date(date(2025, 3, 5), "long") == "5 mars 2025"


def test_the_language_comes_from_the_system_and_falls_back_to_english(monkeypatch):
    for var in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(var, raising=False)
    monkeypatch.setenv("LANG", "fr_CA.UTF-8")
    assert i18n.system_language() == "fr"
    monkeypatch.setenv("LC_ALL", "de_DE.UTF-8")
    assert i18n.system_language() == "en"  # no German catalogue
    monkeypatch.setenv("LC_ALL", "C")
    assert i18n.system_language() == "fr"
    assert i18n.available_languages() == ("en", "fr")
    assert [i18n.language_name(c) for c in i18n.available_languages()] == ["English", "Français"]


def test_content_text_is_shown_in_the_language_in_force():
    level = load_level_text(
        "name: mini\ntitle: {en: Two recipes, fr: Deux recettes}\nmap: |\n  XXPX\n  O1 S\n"
        "  XDXX\nrecipes: [onion_soup]\n",
        "mini.yaml",
    )
    assert level.definition.title == "Two recipes"  # the text itself is English
    assert level.title == "Two recipes"
    with i18n.using_language("fr"):
        assert level.title == "Deux recettes"
    assert i18n.localize(level.definition.description) == ""


MINI = "name: mini\nmap: |\n  XXPX\n  O1 S\n  XDXX\nrecipes: [onion_soup]\n"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            MINI + "title: {en: Soup, fre: Soupe}\n",
            "7:19: title.fre: 'fre' is not a language code: write fr",
        ),
        (
            MINI + "title: {en: Soup, xx: Soupe}\n",
            "7:19: title.xx: 'xx' is not a language code: write a code such as en, fr, de or pt_BR",
        ),
        (
            MINI + "description:\n  fr: Une soupe\n",
            "8:3: description: gives no English text (en:), which is shown in every language "
            "without its own text (languages given: fr)",
        ),
    ],
)
def test_a_wrong_translation_in_a_level_is_a_problem_at_its_place(text, expected):
    with pytest.raises(SourceError) as err:
        load_level_text(text, "mini.yaml")
    assert [str(p).removeprefix("mini.yaml:") for p in err.value.problems] == [expected]


def test_a_lesson_pack_checks_the_placeholders_of_every_language():
    pack = (
        "name: p\ntitle: P\nlessons:\n  - id: one\n    title: {en: One, fr: Un}\n"
        "    topic: T\n    when: [{metric: service.served, above: 1}]\n"
        "    showed:\n      en: Served {service.served}\n      fr: Servis {service.servd}\n"
        '    why: W\n    questions: ["Why?"]\n'
    )
    with pytest.raises(SourceError) as err:
        read_pack_text(pack, "p.yaml", known_names())
    (problem,) = err.value.problems
    assert (problem.line, problem.path) == (10, "lessons[0].showed.fr")
    assert "unknown metric '{service.servd}'" in problem.message


def test_the_shipped_lesson_pack_and_levels_are_in_french():
    pack = read_pack(None, known_names()).definition
    untranslated = [
        lesson.id
        for lesson in pack.lessons
        for piece in (lesson.title, lesson.topic, lesson.showed, lesson.why, *lesson.questions)
        if "fr" not in piece.translations
    ]
    assert untranslated == []
    for path in shipped_levels():
        d = load_level_text(path.read_text(encoding="utf-8"), path.name).definition
        for piece in (d.title, d.description, d.facilitator_notes):
            assert piece is not None, path.name
            assert "fr" in piece.translations, path.name


def test_the_report_is_made_in_french_from_the_same_session(tmp_path):
    from test_report import play

    from kitchen.cli import main
    from kitchen.session import Session

    silos = next(p for p in shipped_levels() if "silos" in p.name)
    session = Session.create("Équipe du bloc", root=tmp_path)
    play(session, silos, 1, tag="silo")
    out_en, out_fr = tmp_path / "en.html", tmp_path / "fr.html"
    assert main(["report", str(session.folder), "-o", str(out_en)]) == 0
    assert main(["report", "--lang", "fr", str(session.folder), "-o", str(out_fr)]) == 0
    assert i18n.current_language() == "en"  # the command gave its caller's language back
    english, french = out_en.read_text("utf-8"), out_fr.read_text("utf-8")
    assert '<html lang="en">' in english
    assert "Lessons this round brought up" in english
    assert '<html lang="fr">' in french
    for words in ("Ce qui s’est passé", "Enseignements soulevés par cette manche", "Cuisinier 1"):
        assert words in french
    assert "Services cloisonnés" in french  # the level's own French title
    for words in ("What happened", "Each chef", "Lessons this round brought up"):
        assert words not in french
    data = (tmp_path / "fr.json").read_text("utf-8")
    assert '"language": "fr"' in data
    assert '"service.score": "Score"' in data
    assert '"communication.closed_loop_ratio": "Taux de boucle fermée"' in data
    # the CSV is for machines: the same in both languages
    assert (tmp_path / "fr.csv").read_text("utf-8") == (tmp_path / "en.csv").read_text("utf-8")


def test_an_unknown_language_is_one_line_and_exit_2(capsys):
    from kitchen.cli import main

    assert main(["levels", "--lang", "xx"]) == 2
    err = capsys.readouterr().err
    assert err == "kitchen: --lang xx: no such language (choose en, fr)\n"


def test_the_settings_keep_the_language(tmp_path):
    from kitchen.content.settings_model import Settings
    from kitchen.content.settings_store import read_language

    path = tmp_path / "settings.json"
    assert read_language(path) is None
    path.write_text(Settings(language="fr").model_dump_json(), encoding="utf-8")
    assert read_language(path) == "fr"
    path.write_text('{"language": "French"}', encoding="utf-8")
    assert read_language(path) is None
    path.write_bytes(io.BytesIO(b"\x00not json").getvalue())
    assert read_language(path) is None
