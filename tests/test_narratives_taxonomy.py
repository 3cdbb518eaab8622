"""The narrative taxonomy files: the shipped SemEval label names and regional extension, and the validation of
users' files (no encoder needed)."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

from faultlines.errors import InputError
from faultlines.narratives.regional import SHIPPED_STEM, RegionalModel, taxonomy_changes
from faultlines.narratives.taxonomy import (OTHER, SHIPPED_FILES, load_taxonomy, narrative_of, parse_taxonomy,
                                            semeval_labels, user_taxonomy_paths)

SCORERS = Path(__file__).resolve().parents[2] / "shared" / "datasets" / "semeval2025_task10" / "scorers"

GOOD = """
[[narrative]]
name = "MY: Gold is stolen by foreign miners"
definition = "Foreign mining companies take the country's gold and leave poisoned rivers."
examples_en = ["The foreigners dig out our gold and leave us cyanide."]
examples_ru = ["Иностранцы вывозят наше золото и оставляют нам цианид."]

[[narrative.subnarrative]]
name = "Officials are paid off"
definition = "Officials take bribes from the mining companies."
examples_en = ["Every minister has a share in the mine.", "The licences were bought with bribes."]
"""


def test_semeval_label_names_are_the_official_lists():
    coarse, fine = semeval_labels()
    assert len(coarse) == 22 and len(fine) == 91
    assert OTHER in coarse and OTHER in fine
    assert all(narrative_of(f) in coarse for f in fine)
    assert narrative_of("URW: Discrediting the West, Diplomacy: West is tired of Ukraine") == \
        "URW: Discrediting the West, Diplomacy"


@pytest.mark.skipif(not SCORERS.exists(), reason="needs ../shared/datasets/semeval2025_task10 (the official lists)")
def test_shipped_label_names_equal_the_scorer_files():
    coarse, fine = semeval_labels()
    assert list(coarse) == (SCORERS / "subtask2_narratives.txt").read_text(encoding="utf-8").split("\n")
    assert list(fine) == (SCORERS / "subtask2_subnarratives.txt").read_text(encoding="utf-8").split("\n")


def test_shipped_regional_extension():
    taxonomy = load_taxonomy()
    names = taxonomy.names()
    assert len(names) >= 9 and len(set(names)) == len(names)
    assert all(n.startswith("CA: ") for n in names)
    for narrative in taxonomy.narratives:
        langs = [lang for lang, _ in narrative.examples]
        assert narrative.definition and langs.count("en") >= 3 and langs.count("ru") >= 3, narrative.name
    assert {"en", "ru"} <= {lang for lang, _ in taxonomy.background}
    joined = " ".join(names).lower()
    for topic in ("foothold", "colour revolution", "guarantor", "allies", "afghanistan", "soviet-era borders",
                  "water", "multipolar", "media"):
        assert topic in joined, topic


def test_shipped_model_was_built_from_the_shipped_files():
    """Editing resources/*.toml without `faultlines train narratives` would leave the shipped model stale."""
    model = RegionalModel.load(SHIPPED_STEM)
    assert model.fingerprint == load_taxonomy().fingerprint
    assert [n["name"] for n in model.narratives] == load_taxonomy().names()


def test_user_file_adds_narratives_with_full_subnarrative_names(tmp_path):
    user = tmp_path / "mine.toml"
    user.write_text(GOOD, encoding="utf-8")
    taxonomy = load_taxonomy([user])
    mine = taxonomy.narratives[-1]
    assert mine.name == "MY: Gold is stolen by foreign miners" and mine.source == str(user)
    assert [s.name for s in mine.subnarratives] == ["MY: Gold is stolen by foreign miners: Officials are paid off"]
    assert len(taxonomy.narratives) == len(load_taxonomy().narratives) + 1
    assert taxonomy.fingerprint != load_taxonomy().fingerprint


def _entry(name="MY: Something", definition="A definition.", examples='["one", "два"]', extra=""):
    lines = ["[[narrative]]", f"name = {name!r}" if name is not None else ""]
    if definition is not None:
        lines.append(f"definition = {definition!r}")
    if examples is not None:
        lines.append(f"examples_en = {examples}")
    return "\n".join(lines + [extra]) + "\n"


@pytest.mark.parametrize("text, message", [
    (_entry(definition=None), "narrative 1 ('MY: Something'): missing definition"),
    (_entry(definition="  "), "missing definition"),
    (_entry(examples=None), "needs at least two examples"),
    (_entry(examples='["only one"]'), "needs at least two examples"),
    (_entry(examples='["ok", ""]'), "examples_en must be a list of non-empty strings"),
    (_entry(name="URW: Praise of Russia"), "the prefix URW: belongs to the SemEval taxonomy"),
    (_entry(name="CC: Something new"), "the prefix CC: belongs to the SemEval taxonomy"),
    (_entry(name="No prefix here"), "name must read 'PREFIX: Name'"),
    (_entry(name=None), "narrative 1: missing name"),
    (_entry() + _entry(), "narrative 2 ('MY: Something'): duplicate narrative name"),
    (_entry(extra="exmaples_ru = ['x']"), "unknown key(s) exmaples_ru"),
    (_entry(extra="threshold = 3"), "threshold must be a number between 0 and 1"),
    (_entry(extra="cues_en = ['gold|(mine']"), "cues_en: 'gold|(mine' is not a regular expression"),
    (_entry(extra="cues_ru = 'золот'"), "cues_ru must be a list of non-empty strings"),
    (_entry(extra="cast = [{ who = ['bloc:west'], role = 'Villain', fine = 'Tyrant' }]"),
     "cast: role must be one of Protagonist, Antagonist, Innocent and fine one of its fine roles ('Villain', 'Tyrant')"),
    (_entry(extra="cast = [{ who = ['bloc:west'], role = 'Protagonist', fine = 'Tyrant' }]"), "fine one of its fine roles"),
    (_entry(extra="cast = [{ who = ['area:west'], role = 'Antagonist', fine = 'Tyrant' }]"), "(not 'area:west')"),
    (_entry(extra="cast = [{ whom = ['Russia'], role = 'Antagonist', fine = 'Tyrant' }]"), "cast: unknown key(s) whom"),
    (_entry(extra="cast = 'Russia'"), "write cast as a list of"),
    (_entry(extra="[[narrative.subnarrative]]\nname = 'Sub'\nexamples_en = ['a', 'b']"),
     "subnarrative 1 ('Sub'): missing definition"),
    (_entry(extra="[[narrative.subnarrative]]\nname = 'Other'\ndefinition = 'd'\nexamples_en = ['a', 'b']"),
     "must not contain ': ' or be 'Other'"),
    ("[[narrative]\nname = 'x'", "not valid TOML"),
    ("title = 'my narratives'\n", "unknown top-level key(s) title"),
])
def test_bad_entries_give_one_clear_line(tmp_path, text, message):
    path = tmp_path / "bad.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_taxonomy([path])
    shown = str(err.value)
    assert message in shown
    assert shown.startswith(str(path)) and shown.endswith("[FL113]") and "\n" not in shown


def test_user_narrative_may_not_repeat_a_shipped_one(tmp_path):
    shipped_name = load_taxonomy().names()[0]
    path = tmp_path / "dup.toml"
    path.write_text(_entry(name=shipped_name), encoding="utf-8")
    with pytest.raises(InputError, match="is already defined in .*regional.toml"):
        load_taxonomy([path])


def test_missing_user_file_is_named(tmp_path):
    with pytest.raises(InputError, match="taxonomy file not found"):
        load_taxonomy([tmp_path / "nope.toml"])


def test_parse_returns_background_table():
    narratives, background = parse_taxonomy("[background]\nexamples_ru = ['Погода в Душанбе']\n")
    assert narratives == [] and background == [("ru", "Погода в Душанбе")]


def test_user_files_come_from_option_then_environment(tmp_path, monkeypatch):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    monkeypatch.setenv("FAULTLINES_NARRATIVES", f"{a}{__import__('os').pathsep}{b}")
    assert user_taxonomy_paths() == [a, b]
    assert user_taxonomy_paths([b]) == [b]
    monkeypatch.delenv("FAULTLINES_NARRATIVES")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    assert user_taxonomy_paths() == []
    default = tmp_path / "config" / "faultlines" / "narratives.toml"
    default.parent.mkdir(parents=True)
    default.write_text(GOOD, encoding="utf-8")
    assert user_taxonomy_paths() == [default]
    assert [Path(p) for p in load_taxonomy().sources] == list(SHIPPED_FILES)

    # the analyzer notices a configured user file the model it reads lacks, and files changed since it was built,
    # but not a file the model was built from with `reload --taxonomy` (it had said to run a reload that drops it)
    def built(taxonomy):
        return SimpleNamespace(fingerprint=taxonomy.fingerprint, sources=list(taxonomy.sources))

    assert "not in the model" in taxonomy_changes(built(load_taxonomy()))
    assert taxonomy_changes(built(load_taxonomy(user_taxonomy_paths()))) is None
    extra = tmp_path / "extra.toml"
    extra.write_text(GOOD.replace("MY: Gold is stolen", "MY: Silver is stolen"), encoding="utf-8")
    with_extra = built(load_taxonomy(user_taxonomy_paths() + [extra]))
    assert taxonomy_changes(with_extra) is None
    extra.write_text(GOOD.replace("MY: Gold is stolen", "MY: Copper is stolen"), encoding="utf-8")
    assert taxonomy_changes(with_extra) == "the taxonomy files changed"


def test_every_bad_entry_of_a_file_is_named_one_line_each(tmp_path):
    # (the first had been the only one named: a file with seven problems took seven reloads to mend)
    path = tmp_path / "bad.toml"
    path.write_text(_entry(definition=None) + _entry(name="URW: Mine") + _entry(name="MY: Fine")
                    + _entry(name="MY: Short", examples='["only one"]'), encoding="utf-8")
    with pytest.raises(InputError) as err:
        load_taxonomy([path])
    lines = str(err.value).splitlines()
    assert len(lines) == 3 and all(line.startswith(str(path)) for line in lines) and lines[-1].endswith("[FL113]")
    assert "narrative 1 ('MY: Something'): missing definition" in lines[0]
    assert "narrative 2 ('URW: Mine')" in lines[1] and "narrative 4 ('MY: Short')" in lines[2]
