"""The near-copy search (checker.similar): its letter-count screen never turns away a pair
that scores at the threshold, small inputs are searched exhaustively, and large ones find
what the former prefix and suffix blocks found, plus copies edited at both ends, with work
that grows linearly."""

from __future__ import annotations

import random

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from checker.similar import ANCHORED_VIEWS, SMALL, WINDOW, Stats, _LetterCounts, candidate_chunks, similar_pairs

# Thai letters, vowels and marks, digits, Latin, and letters outside the Thai code page
# (folded together by the screen's byte mapping).
ALPHABET = ("กขคงจฉชซญดตถทธนบปผพฟภมยรลวศษสหอฮ" "ะัาำิีึืุู" "เแโใไ" "่้๊๋็์" "0123456789" "abcXYZ" "中é😀")

texts = st.text(alphabet=ALPHABET, min_size=0, max_size=400)


@st.composite
def edited(draw):
    """A text and a copy of it with a few insertions, deletions and substitutions,
    clustered or spread out."""
    text = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=400))
    copy = list(text)
    for _ in range(draw(st.integers(0, 12))):
        place = draw(st.integers(0, len(copy)))
        kind = draw(st.sampled_from(("insert", "delete", "replace")))
        letters = draw(st.text(alphabet=ALPHABET, min_size=1, max_size=6))
        if kind == "insert" or not copy:
            copy[place:place] = letters
        elif kind == "delete":
            del copy[place: place + len(letters)]
        else:
            copy[place: place + len(letters)] = letters
    return text, "".join(copy)


def _screen_keeps(a: str, b: str, threshold: float) -> bool:
    """Whether both stages of the screen (as neighbours in a view, then on all classes)
    let the pair through."""
    letters = _LetterCounts([a, b], threshold)
    i, j = letters.neighbours(np.array([0, 1]), window=1, stats=None)
    return len(i) == 1


@settings(max_examples=400, deadline=None)
@given(edited(), st.floats(50, 100))
def test_screen_never_turns_away_a_pair_at_the_threshold(pair, threshold):
    a, b = pair
    if fuzz.ratio(a, b) >= threshold:
        assert _screen_keeps(a, b, threshold)


@settings(max_examples=300, deadline=None)
@given(texts, texts, st.floats(0, 100))
def test_screen_never_turns_away_any_pair_at_the_threshold(a, b, threshold):
    if fuzz.ratio(a, b) >= threshold:
        assert _screen_keeps(a, b, threshold)


def test_screen_with_counts_past_a_byte():
    # 300 of one letter against 290 (ratio 98.3): counts are capped at 127, and sums of
    # differences past 255 must not wrap into a pass or a refusal.
    assert _screen_keeps("ก" * 300, "ก" * 290, 93)
    assert _screen_keeps("กข" * 200, "กข" * 190 + "ค" * 5, 93)
    assert not _screen_keeps("ก" * 300, "ข" * 300, 93)


def test_screen_turns_away_most_unrelated_pairs():
    rng = random.Random(1)
    keys = [generated_text(rng) for _ in range(400)]
    letters = _LetterCounts(keys, 93)
    i, j = np.triu_indices(len(keys), 1)
    assert letters.passes(i, j).mean() < 0.01


@settings(max_examples=30, deadline=None)
@given(st.lists(edited(), min_size=1, max_size=SMALL // 2), st.floats(80, 100))
def test_small_inputs_find_every_pair_at_the_threshold(pairs, threshold):
    keys = list(dict.fromkeys(text for pair in pairs for text in pair))
    expected = set()
    if len(keys) >= 2:
        matrix = process.cdist(keys, keys, scorer=fuzz.ratio)
        expected = {(i, j) for i, j in zip(*np.nonzero(matrix >= threshold)) if i < j}
    assert set(similar_pairs(keys, threshold)) == expected


# ------------------------------------------------------------------ large inputs

WORDS = ("จัดทำ", "คู่มือ", "การให้บริการ", "ประชาสัมพันธ์", "เว็บไซต์", "ประชาชน", "รายงาน", "ผู้บริหาร",
         "ทุกไตรมาส", "ตรวจสอบ", "พัสดุ", "ครุภัณฑ์", "แผน", "งบประมาณ", "จริยธรรม", "อบรม", "บุคลากร")
OPENINGS = ("มีการจัดทำและเผยแพร่", "ดำเนินการประชาสัมพันธ์", "จัดอบรมให้ความรู้แก่")


def generated_text(rng: random.Random) -> str:
    return rng.choice(OPENINGS) + "".join(rng.choice(WORDS) for _ in range(12))


def generated(n: int, seed: int = 4) -> list[str]:
    """n distinct texts as results are written: most share a stock opening."""
    rng = random.Random(seed)
    return list(dict.fromkeys(generated_text(rng) + str(i) for i in range(n)))


def test_work_grows_linearly():
    screened, scored = {}, {}
    for n in (2_000, 4_000, 8_000):
        stats = Stats()
        similar_pairs(generated(n), 93, stats=stats)
        screened[n], scored[n] = stats.screened, stats.comparisons
    # Every pair would be n²/2: 32 million at 8,000. Each key meets `WINDOW` neighbours in
    # each view, and the screen leaves few pairs to score.
    views = 2 + ANCHORED_VIEWS
    assert all(count <= views * WINDOW * n for n, count in screened.items())
    assert screened[8_000] <= 2.05 * screened[4_000] <= 2.05 ** 2 * screened[2_000]
    assert all(count <= n for n, count in scored.items())


def test_finds_every_pair_the_former_blocks_found():
    keys = generated(4_000, seed=9)
    rng = random.Random(9)
    for k in range(3_000, 4_000):  # near copies with a slip somewhere
        source = keys[rng.randrange(3_000)]
        place = rng.randrange(len(source))
        keys[k] = source[:place] + rng.choice("กขค") + source[place + 1:] + str(k)
    keys = list(dict.fromkeys(keys))
    former = set()
    for chunk in candidate_chunks(keys):
        texts = [keys[i] for i in chunk]
        matrix = process.cdist(texts, texts, scorer=fuzz.ratio, score_cutoff=93)
        former |= {tuple(sorted((chunk[a], chunk[b]))) for a, b in zip(*np.nonzero(matrix >= 93)) if a != b}
    found = set(similar_pairs(keys, 93))
    assert len(former) > 500 and former <= found


def test_forward_and_backward_views_sort_as_python_does():
    # Long stock openings and endings (past the letters numpy sorts on) with short
    # differences, shorter keys that start longer ones, Latin and digits among Thai.
    rng = random.Random(3)
    stock = "มีการจัดทำคู่มือการให้บริการและเผยแพร่ทางเว็บไซต์ของหน่วยงาน" * 3
    keys = [stock[: rng.randrange(100, len(stock))] + generated_text(rng)[: rng.randrange(0, 30)] for _ in range(400)]
    keys += [generated_text(rng)[: rng.randrange(5, 40)] + "ITA" + str(i) + stock for i in range(400)]
    keys = list(dict.fromkeys(keys))
    letters = _LetterCounts(keys, 93)
    assert letters.forward_order(128).tolist() == sorted(range(len(keys)), key=keys.__getitem__)
    assert letters.forward_order(128, backward=True).tolist() == sorted(range(len(keys)), key=lambda i: keys[i][::-1])


def test_copies_edited_at_both_ends_are_found_among_many(monkeypatch):
    keys = generated(5_000)
    # A slip in the first letter and the last letters dropped: neither the start nor the
    # end of the source survives, the middle does.
    source = keys[40]
    keys.append("ก" + source[1:-6])
    assert fuzz.ratio(keys[-1], source) >= 93
    assert (40, len(keys) - 1) in similar_pairs(keys, 93)
    # The views read from an anchor find it; the forward and backward views alone do not.
    monkeypatch.setattr("checker.similar.ANCHORED_VIEWS", 0)
    assert (40, len(keys) - 1) not in similar_pairs(keys, 93)
