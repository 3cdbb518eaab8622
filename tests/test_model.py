import json

import pytest
from hypothesis import given, strategies as st

from faultlines.model import Annotation, Document, OffsetError, content_hash

TEXT = (
    "Three Chinese citizens killed near the Afghan border\r\n\r\n"
    "On November 26, gunmen from Afghanistan attacked a camp in Khatlon province.\r\n"
    "«Это дезинформация», — заявили в МИД.\n"
)


def test_json_round_trip_keeps_everything():
    doc = Document(id="a1", text=TEXT, title="Three Chinese citizens killed", source="a1.txt",
                   language="en", language_score=0.93, published="2025-12-10",
                   published_readings=["2025-10-12", "2025-12-10"], published_basis="events in November",
                   meta={"author": "Анна", "nested": {"k": [1, 2]}})
    event_start = TEXT.index("On November 26")
    claim_start = TEXT.index("«")
    doc.add(Annotation("event", event_start, TEXT.index("\r\n«"), label="Violence against civilians",
                       attrs={"fatalities": 3, "actors": ["Gunmen", "Civilians"]}, score=0.8,
                       analyzer="events", version="1"))
    doc.add(Annotation("claim", claim_start, claim_start + 19, attrs={"stance": "deny"}, analyzer="claims", version="2"))
    again = Document.from_json(doc.to_json())
    assert again == doc
    assert again.span_text(again.layer("claim")[0]) == "«Это дезинформация»"
    assert json.loads(doc.to_json())["annotations"][0]["attrs"]["actors"] == ["Gunmen", "Civilians"]


def test_offsets_are_checked():
    doc = Document(id="x", text="short")
    with pytest.raises(OffsetError):
        doc.add(Annotation("sentence", 0, 6))
    with pytest.raises(OffsetError):
        doc.add(Annotation("sentence", 3, 2))


def test_identity_ignores_line_endings_case_and_bom():
    a = "Title\n\nBody text here.\n"
    b = "\ufeffTitle\r\n\r\nBody   text here.\r\n"
    assert content_hash(a) == content_hash(b)
    assert content_hash(a) != content_hash("Title\n\nOther body.\n")
    assert Document(id="1", text=a).content_hash == Document(id="2", text=b).content_hash


def test_layers_sorted_and_dropped():
    doc = Document(id="x", text="one two three")
    doc.add(Annotation("w", 8, 13, label="three"))
    doc.add(Annotation("w", 0, 3, label="one"))
    doc.add(Annotation("s", 0, 13))
    assert [a.label for a in doc.layer("w")] == ["one", "three"]
    assert doc.layers() == ["s", "w"]
    doc.drop_layer("w")
    assert doc.layers() == ["s"]


@given(st.text(min_size=1, max_size=200), st.data())
def test_round_trip_property(text, data):
    doc = Document(id="p", text=text)
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    doc.add(Annotation("span", start, end, label=data.draw(st.text(max_size=10)), score=0.5))
    again = Document.from_json(doc.to_json())
    assert again.text == doc.text and len(again.text) == len(text)  # (control characters became spaces)
    assert again.span_text(again.annotations[0]) == doc.text[start:end]


def test_control_characters_and_lone_surrogates_never_reach_a_terminal_or_the_store():
    """"\x1b[2J" in an article cleared the screen of whoever ran `faultlines show`; offsets must hold."""
    from faultlines.model import Document

    doc = Document(id="x", text="A\x1b[2Jb\x00c\n\td \udc00 e\x9b", title="T\x1b]8;;http://evil.example\x07x")
    assert doc.text == "A [2Jb c\n\td \ufffd e " and len(doc.text) == len("A\x1b[2Jb\x00c\n\td \udc00 e\x9b")
    assert doc.title == "T ]8;;http://evil.example x"
    doc.text.encode("utf-8")
