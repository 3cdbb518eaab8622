"""The shared encoder pass: one vector per paragraph, cached by text, read by every head."""
import numpy as np
import pytest

from faultlines.model import Document
from faultlines.pipeline import Pipeline
from faultlines.settings import Settings
from faultlines.text.encode import BACKENDS, DEFAULT_BACKEND, Encoder, encode_documents, encoding_of

ARTICLE = (
    "Attack on Chinese workers near the Afghan border\n\n"
    "Gunmen crossed from Afghanistan and opened fire on a camp of Chinese workers in Khatlon province.\n\n"
    "Two workers were killed and three wounded, the border service said on Tuesday.\n"
)


# the other backends are English models, kept for the encoder comparison (docs/persuasion.md)
CROSS_LINGUAL = ("e5", "use")


@pytest.mark.parametrize("backend", sorted(BACKENDS))
def test_encoder_vectors_are_normalized_and_place_a_paraphrase_before_an_unrelated_text(tmp_path, backend):
    if backend == "minilm":
        pytest.importorskip("sentence_transformers", reason="the optional minilm extra is not installed")
    encoder = Encoder(backend, cache_path=tmp_path / "enc.sqlite")
    vectors = encoder([
        "Gunmen attacked a camp of Chinese workers near the Afghan border.",
        "Armed men opened fire on Chinese labourers at a camp close to the frontier with Afghanistan.",
        "Боевики напали на лагерь китайских рабочих у афганской границы.",
        "The central bank kept its interest rate unchanged in October.",
        "",
    ])
    assert vectors.shape == (5, BACKENDS[backend])
    assert np.allclose(np.linalg.norm(vectors[:4], axis=1), 1.0, atol=1e-5)
    assert not vectors[4].any()  # empty text: zero vector, no model call
    paraphrase, translation, unrelated = vectors[0] @ vectors[1], vectors[0] @ vectors[2], vectors[0] @ vectors[3]
    assert paraphrase > unrelated + 0.05
    if backend in CROSS_LINGUAL:
        assert translation > unrelated + 0.05


def test_disk_cache_serves_a_second_encoder_without_loading_the_model(tmp_path):
    texts = ["Dushanbe denied the report.", "Москва подтвердила переговоры."]
    first = Encoder(DEFAULT_BACKEND, cache_path=tmp_path / "enc.sqlite")(texts)
    second_encoder = Encoder(DEFAULT_BACKEND, cache_path=tmp_path / "enc.sqlite")
    second = second_encoder(texts)
    assert second_encoder._model is None  # every vector came from the cache
    assert np.array_equal(first, second)


def test_unknown_backend_is_refused():
    with pytest.raises(ValueError, match="unknown encoder backend"):
        Encoder("word2vec")


def test_encode_pass_leaves_one_vector_per_paragraph():
    doc = Document(id="a", text=ARTICLE, title="Attack on Chinese workers near the Afghan border")
    (doc,) = Pipeline(("language", "segment", "encode"), Settings()).pipe([doc])
    encoding = doc.work["encoding"]
    paragraphs = [(a.start, a.end) for a in doc.layer("paragraph")]
    assert encoding.spans == paragraphs and len(paragraphs) == 3
    assert encoding.vectors.shape == (3, BACKENDS[DEFAULT_BACKEND])
    # the title is the first paragraph: encoded once, the same vector
    assert np.allclose(encoding.title, encoding.vectors[0])
    assert abs(np.linalg.norm(encoding.document) - 1.0) < 1e-5
    killed = ARTICLE.index("Two workers")
    assert encoding.paragraph_at(killed) == 2
    assert encoding.paragraph_at(len(ARTICLE) + 5) is None
    # nothing is stored: the encoding lives in the scratch area only
    assert "encoding" not in doc.to_dict().get("work", {})


def test_encode_pass_encodes_each_sentence_too():
    text = ARTICLE.replace("Khatlon province.", "Khatlon province. The camp was guarded by two policemen.")
    doc = Document(id="s", text=text)
    (doc,) = Pipeline(("language", "segment", "encode"), Settings()).pipe([doc])
    encoding = doc.work["encoding"]
    sentences = sorted((a.start, a.end) for a in doc.layer("sentence"))
    assert encoding.sentence_spans == sentences and len(sentences) == 4
    alone = Encoder(DEFAULT_BACKEND)([text[s:e].strip() for s, e in sentences])
    assert np.allclose(encoding.sentence_vectors, alone, atol=1e-6)
    guarded = next(span for span in sentences if text[span[0]:span[1]].startswith("The camp"))
    assert np.allclose(encoding.sentence_vector(*guarded), alone[sentences.index(guarded)], atol=1e-6)
    # a one-sentence paragraph and its sentence are one text: the same vector
    last = next(span for span in sentences if text[span[0]:span[1]].startswith("Two workers"))
    assert np.allclose(encoding.sentence_vector(*last), encoding.vectors[2], atol=1e-6)
    assert encoding.sentence_vector(guarded[0], guarded[1] - 1) is None  # not a sentence: no vector
    # encodings made without sentences (the narratives and roles training) carry none
    plain = encode_documents([doc], Encoder(DEFAULT_BACKEND))[0]
    assert plain.sentence_vectors is None and plain.sentence_vector(*guarded) is None


def test_encoding_of_encodes_on_demand_and_matches_the_pass():
    doc = Document(id="b", text=ARTICLE)
    (doc,) = Pipeline(("language", "segment"), Settings()).pipe([doc])
    on_demand = encoding_of(doc)
    assert doc.work["encoding"] is on_demand
    again = encode_documents([doc], Encoder(DEFAULT_BACKEND))[0]
    assert np.allclose(on_demand.vectors, again.vectors, atol=1e-6)
