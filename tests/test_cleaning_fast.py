"""The fast boilerplate code against the straightforward formulation it replaced.

``find_boilerplate`` now memoises per-line facts and screens new lines with
page-wide regexes, ``boilerplate_mask_for_units`` classifies units with numpy,
and ``TemplateModel`` memoises line hashes.  The reference implementations
below are the previous code, kept only here; every comparison must be exact.
The reference grew with the rules: labels between boilerplate lines are now
runs (several short lines, a menu) and take at most two words next to a date
stamp or a byline; the per-line rules it shares with the fast code
(``_structural_reason``: agency-credit tags, follow prompts, "... and agencies"
bylines, caption labels with a credit, one-line menus) are checked against the
page-wide screens by the random pages.  The page rules added with them (author
labels next to metadata, teaser lists after a list heading, menu runs at the
top and bottom of a page) are written out here line by line.
"""

from __future__ import annotations

import random
import re
import unicodedata
from bisect import bisect_right
from pathlib import Path

import numpy as np
import pytest

import framing
from framing import cleaning
from framing.cleaning import (
    BoilerplateSpan,
    TemplateModel,
    boilerplate_mask_for_units,
    find_boilerplate,
    load_cues,
)

SEEDS = Path(framing.__file__).parent / "datasets" / "data" / "kazakhstan_2022"
CUE_FILE = Path(framing.__file__).parent / "data" / "boilerplate_cues.txt"


# --------------------------------------------------------------------------
# reference: the previous, line-by-line formulation
# --------------------------------------------------------------------------


def ref_find_boilerplate(text, *, template=None, publisher=None, cues=None,
                         max_cue_line_chars=300, min_body_lines=2):
    if publisher is None:
        template = None
    if cues is None:
        cues = cleaning._default_cues()
    lines = list(cleaning._iter_nonblank_lines(text))
    n = len(lines)
    reasons = [None] * n
    norms = [""] * n
    short = [False] * n
    for i, (a, b) in enumerate(lines):
        if b - a > max_cue_line_chars:
            if template is not None and template.is_template(publisher, text[a:b]):
                reasons[i] = "template_line"
            continue
        line = text[a:b]
        short[i] = True
        norm = norms[i] = cleaning._normalize_line(line)
        reason = (cleaning._cue_reason(norm, cues) if norm else None) or \
            cleaning._structural_reason(line, norm, cues)
        if reason is None and template is not None and template.is_template(publisher, line):
            reason = "template_line"
        reasons[i] = reason
    line_text = [text[a:b] for a, b in lines]
    # an author label next to a date stamp or a byline (as found by the line rules)
    meta = [r in ("date_stamp", "credit") for r in reasons]
    for i in range(n):
        if reasons[i] is None and short[i] and cleaning._AUTHOR_LABEL_RE.match(line_text[i]) \
                and ((i > 0 and meta[i - 1]) or (i + 1 < n and meta[i + 1])):
            reasons[i] = "credit"
    for i in range(n):
        if short[i] and norms[i] in cues.teaser_intro:
            reasons[i] = reasons[i] or "navigation"
            if i + 1 < n and short[i + 1] and reasons[i + 1] is None:
                reasons[i + 1] = "teaser"
    # list headings: headline-like lines of the same block, after enough body lines
    heads = [i for i in range(n) if short[i] and norms[i] in cues.teaser_list]
    for i in heads:
        reasons[i] = reasons[i] or "navigation"
    before = list(reasons)
    for i in heads:
        body_before = sum(1 for x in range(i) if before[x] is None
                          and cleaning._is_body_line(line_text[x]))
        if body_before < min_body_lines:
            continue
        run, j, prose = [], i + 1, False
        while j < n and text[lines[j - 1][1] : lines[j][0]].count("\n") == 1 and short[j]:
            if before[j] is None:
                if len(line_text[j].split()) > 20 or re.search(r"\.[\"'\u201d\u2019)]*$",
                                                               line_text[j]):
                    prose = True
                    break
                run.append(j)
            j += 1
        if prose and run and run[-1] == j - 1:
            run.pop()
        for x in run:
            if before[x] is None:
                reasons[x] = "teaser"
    # menus at the top / bottom: runs of boilerplate lines and menu items
    menu_rows = []
    body_rows = [i for i in range(n) if reasons[i] is None
                 and cleaning._is_body_line(line_text[i])]
    if body_rows:
        before = list(reasons)
        for lo, hi in ((0, body_rows[0]), (body_rows[-1] + 1, n)):
            menu = [before[i] is None and short[i] and cleaning._is_menu_item(line_text[i], 4)
                    for i in range(n)]
            i = lo
            while i < hi:
                if before[i] is None and not menu[i]:
                    i += 1
                    continue
                run = []
                while i < hi and (before[i] is not None or menu[i]):
                    if menu[i] and not (i + 1 < n and before[i + 1] in ("date_stamp", "credit")):
                        run.append(i)
                    i += 1
                if run and run[-1] == i - 1 and i < n:
                    run.pop()
                if len(run) >= 2:
                    menu_rows.extend(run)
    snapshot = list(reasons)
    # every maximal run a..b of lines with no reason yet: the headline of a
    # truncated teaser (line b), else labels between two boilerplate lines
    i = 0
    while i < n:
        if snapshot[i] is not None:
            i += 1
            continue
        a = i
        while i < n and snapshot[i] is None:
            i += 1
        b = i - 1
        run = [text[lines[x][0] : lines[x][1]] for x in range(a, b + 1)]
        if (short[b] and b + 1 < n and snapshot[b + 1] == "teaser"
                and cleaning._TRUNCATED_RE.search(text[lines[b + 1][0] : lines[b + 1][1]])
                and len(run[-1].split()) <= 25
                and not run[-1].endswith(cleaning._HEADLINE_BAD_END)):
            reasons[b] = "teaser"
        elif a > 0 and b < n - 1:
            if {snapshot[a - 1], snapshot[b + 1]} & {"date_stamp", "credit"}:
                limit = 2
            else:
                limit = 6 if a == b else 4
            if all(short[x] and len(line.split()) <= limit
                   and not cleaning._SENTENCE_END_RE.search(line)
                   for x, line in zip(range(a, b + 1), run, strict=True)):
                for x in range(a, b + 1):
                    reasons[x] = "navigation"
    # the menus, found before the labels between boilerplate, which do not see them
    for x in menu_rows:
        reasons[x] = reasons[x] or "navigation"
    body = 0
    for i in range(n):
        if short[i] and norms[i] in cues.trailing and body >= min_body_lines:
            for j in range(i, n):
                reasons[j] = "trailing_section"
            break
        if reasons[i] is None and cleaning._is_body_line(text[lines[i][0] : lines[i][1]]):
            body += 1
    spans = []
    for i, ((a, b), reason) in enumerate(zip(lines, reasons, strict=True)):
        if reason is None:
            continue
        if i > 0 and reasons[i - 1] == reason:
            spans[-1] = BoilerplateSpan(spans[-1].start, b, reason)
        else:
            spans.append(BoilerplateSpan(a, b, reason))
    return spans


def _nonspace(s):
    return len("".join(s.split()))


def ref_mask(text, pairs, spans, min_coverage=0.5):
    ordered = sorted(spans, key=lambda sp: sp.start)
    starts = [sp.start for sp in ordered]
    ends = [sp.end for sp in ordered]
    out = np.zeros(len(pairs), dtype=bool)
    for u, (s, e) in enumerate(pairs):
        total = _nonspace(text[s:e])
        if total == 0:
            continue
        covered = 0
        k = bisect_right(ends, s)
        while k < len(ordered) and starts[k] < e:
            covered += _nonspace(text[max(s, starts[k]) : min(e, ends[k])])
            k += 1
        out[u] = covered >= min_coverage * total
    return out


def ref_doc_hashes(text, max_line_chars=200):
    keys = set()
    for line in text.split("\n"):
        stripped = line.strip()
        if not stripped or len(stripped) > max_line_chars:
            continue
        key = re.sub(r"\d+", "0", cleaning._normalize_line(stripped))
        if key:
            keys.add(cleaning._hash64(key))
    return keys


# --------------------------------------------------------------------------
# random pages
# --------------------------------------------------------------------------


def _seed_lines():
    lines = []
    for path in sorted((SEEDS / "texts").glob("*.txt")):
        lines.extend(x for x in path.read_text(encoding="utf-8").split("\n") if x.strip())
    return lines


def _cue_lines():
    """Every pattern of the cue file, rendered as a line."""
    out = []
    for raw in CUE_FILE.read_text(encoding="utf-8").splitlines():
        raw = raw.strip()
        if not raw or raw.startswith("#") or raw.startswith("["):
            continue
        out.append(raw)
    return out


SEED_LINES = _seed_lines()
CUE_LINES = _cue_lines()
TRICKY = ("\u00df\u0130\u02bc\u0345\u00a0\u2009\u2026\ufb01\u2019\u2018\u201c\u201d\"'`-\u2013"
          "\u2014._,:;!?|>\u00bb\u2022*()[]/\\0123456789\u00e9e\u0301\u0401\u0451\u043a\u00a9"
          "\u212a\u017f\u03a3\u03c2_ \t")


def _tricky(rng, n):
    return "".join(rng.choice(TRICKY + "abcXYZ") for _ in range(n))


def _dress(rng, pattern):
    """A cue-file pattern as it might appear on a page."""
    body = pattern.strip("*")
    if rng.random() < 0.3:
        body = body.upper()
    elif rng.random() < 0.3:
        body = body.title()
    if rng.random() < 0.3:
        body = body.replace("'", "\u2019").replace(" ", rng.choice([" ", "  ", "\u00a0", "\t"]))
    if pattern.endswith("*"):
        body += rng.choice([" Police raid flats", ": more", "", " x" * rng.randint(1, 5)])
    if pattern.startswith("*"):
        body = rng.choice(["Text ", "A / ", "", "\u00a9 2022 "]) + body
    if rng.random() < 0.3:
        body = rng.choice(["", "- ", "\u2022 ", ">> ", "  "]) + body + rng.choice(
            ["", ":", ".", " \u00bb", "...", "\u2026", " |"])
    if rng.random() < 0.1:
        body = body.replace("s", "\u017f").replace("ss", "\u00df")
    return body


def _line(rng):
    r = rng.random()
    if r < 0.35:
        return rng.choice(SEED_LINES)
    if r < 0.65:
        return _dress(rng, rng.choice(CUE_LINES))
    if r < 0.75:
        return _tricky(rng, rng.randint(1, 40))
    if r < 0.8:
        return rng.choice(["Jan 9, 2022", "12 Comments", "0 0", "Facebook Twitter Email",
                           "By John Smith", "* * *", "Story [MAP]", "Should he go? [POLL]",
                           "He said it was...", "Previous Story", "Next", "x" * 350,
                           "Updated: 08/01/2022 10:30 GMT", "1.2K views", "10am",
                           "Follow TASS on Telegram", "\u2022 Follow Al Jazeera English:",
                           "follow the money on the Left", "Andrew Roth in Moscow and agencies",
                           "Staff and agencies", "Crowds in Almaty [AFP]", "Riot [Reuters]",
                           "Sustainability", "Press Review", "Society & Culture",
                           "News|Protests", "TOP STORIES / WORLD / ASIA", "Opinion / Viewpoint",
                           "Kazakhstan unrest | DW", "a | b", "Photo: Akorda",
                           "Illustration: Liu Rui/GT", "Photo: Protesters in Almaty",
                           "PHOTOS... AFP via Getty Images", "Author Lena Brandt",
                           "Authors: A B", "Date 08.01.2022", "Updated 7:42 p.m. ET",
                           "Related Coverage", "Keep reading", "Most Read", "Kazakhstan",
                           "Russia", "Protests", "What Happened?", "Tokayev: Order Restored",
                           "Follow all AP stories at https://apnews.com/hub/x",
                           "[Editor: huaxia]", "Business & Economy", "NEWS ANALYSIS"])
    if r < 0.9:
        return rng.choice(SEED_LINES)[: rng.randint(1, 80)]
    return ""


def _page(rng):
    lines = [_line(rng) for _ in range(rng.randint(0, 30))]
    sep = rng.choice(["\n", "\n", "\r\n", "\n\n", "\n \n"])
    text = sep.join(lines)
    if rng.random() < 0.3:
        text = rng.choice(["", " ", "\n", "\t\n"]) + text + rng.choice(["", "\n", "  \n\n"])
    return text


def _spans(spans):
    return [(s.start, s.end, s.reason) for s in spans]


# --------------------------------------------------------------------------
# find_boilerplate
# --------------------------------------------------------------------------


@pytest.mark.parametrize("cold", [True, False])
def test_seeds_match_reference(cold):
    for path in sorted((SEEDS / "texts").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        if cold:
            cleaning._SCREENS.clear()
        assert _spans(find_boilerplate(text)) == _spans(ref_find_boilerplate(text)), path.name
        assert _spans(find_boilerplate(text, min_body_lines=0, max_cue_line_chars=40)) == \
            _spans(ref_find_boilerplate(text, min_body_lines=0, max_cue_line_chars=40))


@pytest.mark.parametrize("seed", range(6))
def test_random_pages_match_reference(seed):
    rng = random.Random(seed)
    for i in range(100):
        if i % 10 == 0:
            cleaning._SCREENS.clear()  # new lines go through the screens
        text = _page(rng)
        kwargs = rng.choice([{}, {"min_body_lines": 0}, {"min_body_lines": 1},
                             {"max_cue_line_chars": 30}, {"min_body_lines": 5}])
        assert _spans(find_boilerplate(text, **kwargs)) == \
            _spans(ref_find_boilerplate(text, **kwargs)), (seed, i, text)


def test_random_pages_with_templates_match_reference():
    rng = random.Random(7)
    furniture = [_dress(rng, rng.choice(CUE_LINES)) for _ in range(20)]
    furniture += [f"Site {k} footer line 2022" for k in range(10)]
    furniture += [rng.choice(SEED_LINES) for _ in range(5)]
    docs = []
    for _ in range(150):
        pub = rng.choice(["a", "b", "c", None])
        lines = [_line(rng) for _ in range(rng.randint(0, 15))]
        lines += rng.sample(furniture, rng.randint(0, 8))
        rng.shuffle(lines)
        docs.append((pub, "\n".join(lines)))
    model = TemplateModel(min_docs=3).fit(docs)
    assert sum(model.n_template_lines_.values()) > 10
    cleaning._SCREENS.clear()
    for pub, text in docs:
        for kw in ({}, {"max_cue_line_chars": 20}):
            assert _spans(find_boilerplate(text, template=model, publisher=pub, **kw)) == \
                _spans(ref_find_boilerplate(text, template=model, publisher=pub, **kw))


def test_extra_cues_match_reference():
    cues = load_cues(extra={"promo": ["buy our app*", "*is free", "*javascript is*"],
                            "trailing_section": ["discuss this"],
                            "teaser_intro": ["more from us"],
                            "share_tokens": ["gab"]})
    rng = random.Random(3)
    extra_lines = ["Buy our app today", "THE APP IS FREE.", "Javascript is off here",
                   "Discuss this", "More from us", "Gab Email"]
    for _ in range(200):
        lines = [_line(rng) if rng.random() < 0.7 else rng.choice(extra_lines)
                 for _ in range(rng.randint(0, 20))]
        text = "\n".join(lines)
        assert _spans(find_boilerplate(text, cues=cues)) == \
            _spans(ref_find_boilerplate(text, cues=cues))


def test_unfitted_template_raises_only_where_consulted():
    page = "Advertisement\nWorld"  # every line has a cue: the template is never consulted
    assert find_boilerplate(page, template=TemplateModel(), publisher="a") == \
        ref_find_boilerplate(page)
    with pytest.raises(Exception, match="not fitted"):
        find_boilerplate("Some text\nAdvertisement", template=TemplateModel(), publisher="a")


# --------------------------------------------------------------------------
# the assumptions behind the screens, over all of Unicode
# --------------------------------------------------------------------------


def test_ignorecase_matches_every_single_character_fold():
    everything = "".join(map(chr, range(0x110000)))
    special = []
    for lo in range(0, 0x110000, 4096):
        block = everything[lo : lo + 4096]
        if block.casefold() == block:
            continue
        for c in block:
            f = c.casefold().translate(cleaning._APOSTROPHES)
            if f == c:
                continue
            if len(f) != 1:
                assert len(c.casefold()) != len(c)  # screened in by the casefold length test
                continue
            alnum = bool(re.match(r"[^\W_]", c)), bool(re.match(r"[^\W_]", f))
            digit = bool(re.match(r"\d", c)), bool(re.match(r"\d", f))
            if alnum[0] != alnum[1] or digit[0] != digit[1]:
                special.append(c)
                continue
            assert not f.isspace()
            atom = cleaning._APOS_CLASS if f == "'" else re.escape(f)
            assert re.fullmatch(atom, c, re.IGNORECASE), hex(ord(c))
    for c in "\u2019\u2018\u02bc\u2032":
        assert re.fullmatch(cleaning._APOS_CLASS, c)
    assert sorted(special) == sorted(cleaning._ALNUM_CHANGING)
    # every space character is in planes 0-1 (the substring screens' variants)
    assert all(ord(c) < 0x20000 for c in re.findall(r"\s", everything))


def test_nfkc_of_spaces_is_a_space():
    for c in re.findall(r"\s", "".join(map(chr, range(0x20000)))):
        norm = unicodedata.normalize("NFKC", c)
        assert norm == c or (norm == " " and ord(c) in cleaning._NFKC_SPACES)


# --------------------------------------------------------------------------
# boilerplate_mask_for_units
# --------------------------------------------------------------------------


def test_mask_matches_reference_on_seeds_and_random_pages():
    rng = random.Random(11)
    texts = [p.read_text(encoding="utf-8") for p in sorted((SEEDS / "texts").glob("*.txt"))]
    texts += [_page(rng) for _ in range(300)]
    for text in texts:
        spans = find_boilerplate(text)
        n = len(text)
        pairs = []
        for _ in range(rng.randint(0, 40)):
            s = rng.randint(0, n)
            pairs.append((s, rng.randint(s, min(n, s + rng.choice([0, 1, 5, 40, 400])))))
        for sp in spans:  # units inside, around and across spans
            pairs.append((sp.start, sp.end))
            pairs.append((max(0, sp.start - rng.randint(0, 20)),
                          min(n, sp.end + rng.randint(0, 20))))
            mid = rng.randint(sp.start, sp.end)
            pairs.append((mid, min(n, mid + rng.randint(0, 60))))
        for cov in (0.5, 1.0, 0.01):
            expected = ref_mask(text, pairs, spans, cov)
            got = boilerplate_mask_for_units(text, pairs, spans, min_coverage=cov)
            assert got.tolist() == expected.tolist()
            arr = np.array(pairs, dtype=np.int64).reshape(-1, 2)
            assert boilerplate_mask_for_units(text, arr, spans, min_coverage=cov).tolist() == \
                expected.tolist()


def test_mask_with_hand_made_spans():
    text = "ab cd\n  ef gh \n\nij"
    spans = [BoilerplateSpan(0, 2, "x"), BoilerplateSpan(3, 9, "y"), BoilerplateSpan(17, 40, "z")]
    pairs = [(a, b) for a in range(len(text) + 1) for b in range(a, len(text) + 1)]
    assert boilerplate_mask_for_units(text, pairs, spans).tolist() == \
        ref_mask(text, pairs, spans).tolist()


# --------------------------------------------------------------------------
# TemplateModel
# --------------------------------------------------------------------------


def test_template_hashes_match_reference():
    rng = random.Random(5)
    texts = [_page(rng) for _ in range(200)]
    model = TemplateModel(max_line_chars=60)
    for text in texts:
        assert set(model._doc_hashes(text).tolist()) == ref_doc_hashes(text, 60)
        for line in text.split("\n"):
            assert cleaning._line_hash(line.strip()) == (
                cleaning._hash64(k) if (k := re.sub(r"\d+", "0", cleaning._normalize_line(
                    line.strip()))) else None)


# --------------------------------------------------------------------------
# template keys of many lines at once
# --------------------------------------------------------------------------


def ref_template_key(line):
    return re.sub(r"\d+", "0", cleaning._normalize_line(line))


def _all_chars():
    """Every code point except surrogates (which cannot be encoded to hash)."""
    return "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)


def test_newline_is_a_normalisation_boundary_for_every_code_point():
    for c in _all_chars():
        if c == "\n":
            continue
        nfkc = unicodedata.normalize("NFKC", c)
        assert "\n" not in nfkc and "\n" not in c.casefold() and "\n" not in nfkc.casefold()
        assert unicodedata.normalize("NFKC", c + "\n" + c) == nfkc + "\n" + nfkc, hex(ord(c))


def test_str_split_splits_where_regex_whitespace_matches():
    chars = _all_chars()
    assert re.findall(r"\s", chars) == [c for c in chars if c.isspace()]
    assert [c for c in chars if c.isspace()] == [c for c in chars if not c.split()]


def _unicode_line(rng):
    """A line of random code points of all Unicode (no "\\n"), some ASCII."""
    r = rng.random()
    if r < 0.3:
        return _tricky(rng, rng.randint(0, 30)).replace("\n", " ")
    if r < 0.5:
        return "".join(chr(rng.randrange(32, 127)) for _ in range(rng.randint(0, 30)))
    if r < 0.6:
        return rng.choice(SEED_LINES)
    out = []
    for _ in range(rng.randint(0, 25)):
        c = rng.randrange(0x110000) if rng.random() < 0.5 else rng.randrange(0x3000)
        if not 0xD800 <= c <= 0xDFFF and c != 10:
            out.append(chr(c))
    return "".join(out)


@pytest.mark.parametrize("seed", range(4))
def test_template_keys_of_many_lines_match_one_at_a_time(seed):
    rng = random.Random(seed)
    for _ in range(300):
        lines = [_unicode_line(rng) for _ in range(rng.randint(0, 12))]
        assert cleaning._template_keys(lines) == [ref_template_key(x) for x in lines], lines
        ascii_lines = [x for x in lines if x.isascii()]
        assert cleaning._template_keys(ascii_lines) == [ref_template_key(x) for x in ascii_lines]


def test_template_keys_of_all_code_points_match_one_at_a_time():
    chars = [c for c in _all_chars() if c != "\n"]
    lines = ["".join(chars[i : i + 7]) + " 12" for i in range(0, len(chars), 7)]
    lines += ["a" + c + "9" for c in chars[::13]]
    assert cleaning._template_keys(lines) == [ref_template_key(x) for x in lines]


def test_line_hashes_memo_is_bounded_by_characters(monkeypatch):
    monkeypatch.setattr(cleaning, "_MEMO_MAX_CHARS", 500)
    cleaning._LINE_HASHES.clear()
    cleaning._LINE_HASH_CHARS[0] = 0
    rng = random.Random(3)
    for _ in range(200):
        lines = [s for s in (_unicode_line(rng).strip() for _ in range(8)) if s]
        lines += ["x" * 250 + str(rng.random()), lines[0] if lines else "y"]
        want = [cleaning._hash64(k) if (k := ref_template_key(x)) else None for x in lines]
        assert cleaning._line_hashes(lines) == want  # cold for new lines
        assert cleaning._line_hashes(lines) == want  # warm
        assert all(len(s) <= cleaning._MEMO_LINE_CHARS for s in cleaning._LINE_HASHES)
        assert cleaning._LINE_HASH_CHARS[0] == sum(map(len, cleaning._LINE_HASHES))
        assert cleaning._LINE_HASH_CHARS[0] < 500 + 12 * cleaning._MEMO_LINE_CHARS
    cleaning._LINE_HASHES.clear()
    cleaning._LINE_HASH_CHARS[0] = 0


def test_template_model_with_many_publishers_matches_reference():
    rng = random.Random(11)
    furniture = {p: [_unicode_line(rng) for _ in range(6)] + [f"Site {p} \u00a9 20{p}"]
                 for p in range(25)}
    docs = []
    for _ in range(600):
        pub = rng.randrange(25)
        lines = [_unicode_line(rng) for _ in range(rng.randint(0, 10))]
        lines += rng.sample(furniture[pub], rng.randint(0, 7))
        rng.shuffle(lines)
        docs.append((f"pub{pub}" if pub else None, rng.choice(["\n", "\r\n", "\n\n"]).join(lines)))
    cleaning._LINE_HASHES.clear()
    cleaning._LINE_HASH_CHARS[0] = 0
    for max_chars in (200, 15):
        model = TemplateModel(min_docs=3, max_line_chars=max_chars).fit(docs)
        counts = {}
        for pub, text in docs:
            if pub is None:
                continue
            for h in ref_doc_hashes(text, max_chars):
                counts[(pub, h)] = counts.get((pub, h), 0) + 1
        want = {}
        for (pub, h), n in counts.items():
            if n >= 3:
                want.setdefault(pub, set()).add(h)
        assert {p: set(t) for p, t in model._template.items() if t} == want
        for pub, text in docs[:200]:
            if pub is not None:
                assert _spans(find_boilerplate(text, template=model, publisher=pub)) == \
                    _spans(ref_find_boilerplate(text, template=model, publisher=pub))


def ref_normalize_line(line):
    s = unicodedata.normalize("NFKC", line).casefold().translate(cleaning._APOSTROPHES)
    return re.sub(r"\s+", " ", s).strip(cleaning._EDGE)


@pytest.mark.parametrize("seed", range(3))
def test_normalize_line_matches_reference(seed):
    rng = random.Random(100 + seed)
    for _ in range(3000):
        line = _unicode_line(rng) if rng.random() < 0.7 else _dress(rng, rng.choice(CUE_LINES))
        if rng.random() < 0.3:
            line = rng.choice(["", " ", "\t\u00a0", "\u2028", "- "]) + line + rng.choice(
                ["", " \u3000", "\x1c", " :"])
        assert cleaning._normalize_line(line) == ref_normalize_line(line), line


def test_normalize_line_of_all_code_points_matches_reference():
    chars = _all_chars()
    for i in range(0, len(chars), 5):
        line = "x " + chars[i : i + 5] + " y"
        assert cleaning._normalize_line(line) == ref_normalize_line(line), hex(ord(chars[i]))
        assert cleaning._normalize_line(chars[i]) == ref_normalize_line(chars[i])


def test_mask_rejects_bad_units_as_before():
    import pandas as pd

    text = "Advertisement\nReal news here."
    spans = find_boilerplate(text)
    rng = random.Random(4)
    for _ in range(300):
        pairs = [(rng.randint(-3, 33), rng.randint(-3, 33)) for _ in range(rng.randint(1, 6))]
        bad = [u for u, (s, e) in enumerate(pairs) if s < 0 or s > e or e > len(text)]
        for units in (pairs, np.array(pairs, dtype=np.int32),
                      pd.DataFrame(pairs, columns=["start", "end"])):
            if bad:
                u = bad[0]
                msg = (f"unit {u} has offsets ({pairs[u][0]}, {pairs[u][1]}) outside the text "
                       f"of length {len(text)}")
                with pytest.raises(ValueError) as info:
                    boilerplate_mask_for_units(text, units, spans)
                assert str(info.value) == msg
            else:
                assert boilerplate_mask_for_units(text, units, spans).tolist() == \
                    ref_mask(text, pairs, spans).tolist()
    with pytest.raises(OverflowError):
        boilerplate_mask_for_units(text, [(0, 2**63)], spans)
    with pytest.raises(OverflowError):
        boilerplate_mask_for_units(text, np.array([[0, 2**63]], dtype=np.uint64), spans)
    overlapping = [BoilerplateSpan(0, 5, "x"), BoilerplateSpan(3, 8, "y")]
    with pytest.raises(ValueError, match="overlap"):
        boilerplate_mask_for_units(text, [(-1, 2)], overlapping)


def test_ascii_whitespace_is_what_the_ascii_key_path_collapses():
    ascii_space = [chr(c) for c in range(128) if chr(c).isspace()]
    assert ascii_space == ["\t", "\n", "\x0b", "\x0c", "\r", "\x1c", "\x1d", "\x1e", "\x1f", " "]
    assert sorted(b[0] for b in cleaning._ASCII_SPACE_NOT_NL) == \
        [ord(c) for c in ascii_space if c not in "\n "]
    assert [chr(c) for c in range(128) if cleaning._ASCII_WS_RE.fullmatch(bytes([c]))] == \
        [c for c in ascii_space if c != "\n"]
    rng = random.Random(8)
    for _ in range(2000):
        lines = ["".join(rng.choice(" \t\r\x0b\x0c\x1c\x1f ab0123-:.'") for _ in range(
            rng.randint(0, 12))) for _ in range(rng.randint(1, 5))]
        assert cleaning._template_keys(lines) == [ref_template_key(x) for x in lines], lines


def test_ignorecase_matches_ascii_only_to_ascii_and_four_others():
    chars = _all_chars()
    others = set(cleaning._ASCII_CASE_OTHERS)
    found = set()
    for c in map(chr, range(128)):
        hits = set(re.findall("(?i)" + re.escape(c), chars))
        found |= hits - {chr(x) for x in range(128)}
        assert {h for h in hits if h.isascii()} == {h for h in map(chr, range(128))
                                                    if h.lower() == c.lower()}
    assert found == others


def test_substring_screen_covers_every_regex_hit():
    cues = load_cues()
    screen = cleaning._screen_for(cues)
    assert screen.any_words is not None
    rng = random.Random(21)
    pieces = [w for w in screen.any_words] + [p for p, _ in cues.contains] + list(
        cleaning._ASCII_CASE_OTHERS) + ["\u2019", "\u00df", "\n", "\r\n", " ", "x"]
    for _ in range(3000):
        parts = []
        for _ in range(rng.randint(0, 12)):
            piece = rng.choice(pieces) if rng.random() < 0.6 else _tricky(rng, rng.randint(1, 6))
            r = rng.random()
            piece = piece.upper() if r < 0.3 else piece.title() if r < 0.5 else piece
            parts.append(piece)
        text = "".join(parts)
        lines = text.split("\n")
        starts = [0]
        for line in lines:
            starts.append(starts[-1] + len(line) + 1)
        want = {bisect_right(starts, m.start()) - 1 for m in screen.any_re.finditer(text)}
        got = screen._substring_lines(text, lines, text.encode("utf-8", "surrogatepass"))
        assert want <= set(got), text
        assert all(0 <= i < len(lines) for i in got)


def _ref_facts(line, cues):
    """The memoised facts of one raw line, computed line by line (no screens)."""
    body = line.strip()
    if not body:
        return cleaning._BLANK
    lead = len(line) - len(line.lstrip())
    norm = cleaning._normalize_line(body)
    reason = (cleaning._cue_reason(norm, cues) if norm else None) or \
        cleaning._structural_reason(body, norm, cues)
    flags = ((cleaning._HAS_REASON if reason else 0)
             | (cleaning._IS_INTRO if norm in cues.teaser_intro else 0)
             | (cleaning._IS_TRAILING if norm in cues.trailing else 0)
             | (cleaning._IS_LIST if norm in cues.teaser_list else 0))
    if not flags:
        return (lead, len(body), None, None, 0)  # an unscreened line keeps no norm
    return (lead, len(body), norm, reason, flags)


@pytest.mark.parametrize("seed", range(3))
def test_learn_facts_and_memo_size_match_line_by_line(seed):
    cues = cleaning._default_cues()
    rng = random.Random(100 + seed)
    cleaning._SCREENS.clear()
    screen = cleaning._screen_for(cues)
    chars = 0
    for _ in range(60):
        lines = [_line(rng) for _ in range(rng.randint(0, 12))]
        lines += rng.sample(lines, min(len(lines), 3))  # repeated lines on one page
        lines += ["", "  ", " \t"] * rng.randint(0, 1)
        rng.shuffle(lines)
        text = "\n".join(lines)
        raw = text.split("\n")
        facts = list(map(screen.memo.get, raw))
        chars += sum(len(line) for line, f in zip(raw, facts, strict=True) if f is None)
        if None in facts:
            screen.learn(text, raw, facts)
        assert screen.memo_chars == chars
        for line, f in zip(raw, facts, strict=True):
            assert screen.memo[line] == f
            got = f if f[4] else (*f[:2], None, None, 0)  # a screened line without flags
            assert got == _ref_facts(line, cues), line


def _mostly_ascii_line(rng):
    """ASCII words, digits and spaces with non-ASCII letters, quotes and dashes."""
    alphabet = ["a", "Z", "7", "0", "42", " ", "  ", "\t", "\u201c", "\u201d", "\u2013",
                "\u2014", "\u00e9", "\u00df", "\u0130", "\u2019", "\u00a9", "\u2026", "\u00bb",
                "\u00a0", "\uff11", "\u2460", ".", "-", "_", "'", "Ω", "\u0301"]
    rare = ["\u0663", "\u2003", "\u3000", "\u0085", "\u2028", "\u09e7"]  # non-ASCII \d / \s
    line = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 20)))
    if rng.random() < 0.1:
        k = rng.randint(0, len(line))
        line = line[:k] + rng.choice(rare) + line[k:]
    return line


@pytest.mark.parametrize("seed", range(4))
def test_template_keys_byte_path_matches_one_at_a_time(seed):
    # non-ASCII lines whose digits and spaces are ASCII take the UTF-8 byte path
    rng = random.Random(200 + seed)
    taken = 0
    for _ in range(300):
        lines = [_mostly_ascii_line(rng) for _ in range(rng.randint(0, 10))]
        assert cleaning._template_keys(lines) == [ref_template_key(x) for x in lines], lines
        other = "\n".join(x for x in lines if not x.isascii())
        folded = unicodedata.normalize("NFKC", other).casefold()
        taken += bool(other) and not any(c.isdecimal() or c.isspace()
                                         for c in folded if not c.isascii())
    assert taken > 100  # the byte path was exercised


def ref_forced_lines(lines):
    """The lines the screens cannot vouch for, decided line by line."""
    def forced(line):
        if line.isascii():
            return False
        not_nfkc = not unicodedata.is_normalized("NFKC", line) and \
            not unicodedata.is_normalized("NFKC", line.translate(cleaning._NFKC_SPACES))
        return not_nfkc or len(line.casefold()) != len(line) or \
            any(c in line for c in cleaning._ALNUM_CHANGING)
    return {i for i, line in enumerate(lines) if forced(line)}


@pytest.mark.parametrize("seed", range(4))
def test_forced_lines_match_line_by_line(seed):
    rng = random.Random(300 + seed)
    spaces = ["\u00a0", "\u2002", "\u3000", "\u202f", " "]
    odd = ["\u2026", "\u00df", "\ufb01", "\u0130", "\u02bc", "\u00bd", "\u2460", "e\u0301",
           "\u212b", "\uff21"]
    n_forced = 0
    for _ in range(300):
        lines = []
        for _ in range(rng.randint(1, 8)):
            line = _mostly_ascii_line(rng) if rng.random() < 0.6 else _unicode_line(rng)
            for _ in range(rng.randint(0, 2)):
                k = rng.randint(0, len(line))
                line = line[:k] + rng.choice(spaces if rng.random() < 0.7 else odd) + line[k:]
            lines.append(line)
        text = "\n".join(lines)
        data = text.encode("utf-8", "surrogatepass")
        got = set(cleaning._forced_lines(text, lines, data))
        assert got == ref_forced_lines(lines), lines
        n_forced += bool(got)
    assert 30 < n_forced < 300  # both kinds of page occur


def test_truncated_regex_fires_only_on_the_guarded_endings():
    # ``_structural_reason`` tries ``_TRUNCATED_RE`` only on these endings
    rng = random.Random(11)
    ends = ["...", "\u2026", "...\n", "\u2026\n", "..", ". . .", "...\n\n", "\u2026 ", "... ",
            "\u2026\n ", "....", "", "x", ")...", ",\u2026", "_...", "\n..."]
    hits = 0
    for _ in range(5000):
        line = _mostly_ascii_line(rng) if rng.random() < 0.5 else _tricky(rng, rng.randint(0, 12))
        line += rng.choice(["", "a", " ", ",", ")"]) + rng.choice(ends)
        found = cleaning._TRUNCATED_RE.search(line) is not None
        assert not found or line.endswith(cleaning._TRUNCATED_ENDS), repr(line)
        hits += found
    assert hits > 500
