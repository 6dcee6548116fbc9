"""Boilerplate on scraped pages of outlets that are not among the five seeds.

``tests/data/pages/*.txt`` are eleven pages of the January 2022 Kazakhstan
unrest written in the formats of Reuters, AP, Al Jazeera, the Guardian, TASS,
RFE/RL, Eurasianet, the Global Times, a CNN live blog, a BBC page behind a
consent banner and an aggregator carrying an AFP story.  Each line is prefixed
with its expected label: ``"B| "`` boilerplate, ``"-| "`` article.  The
prefixes are removed to rebuild the page.  We wrote these pages ourselves,
so they guard against regressions and seed-fitting; they are not an
independent measure.

Coding decisions (docs/codebook.md, "Boilerplate", and its unit of coding: "a
headline, a caption or a teaser line counts as one sentence"):

- **Bylines** ("By DASHA LITVINOVA", "Andrew Roth in Moscow and agencies",
  "From CNN's Anna Chernova") and **credit lines** ("Reporting by X; Editing
  by Y", "With reporting by AFP, Reuters, and AP", "... contributed to this
  report.", "Our Standards: The Thomson Reuters Trust Principles.") are
  boilerplate: they are not part of the story, as the seeds' "Own. corr. FSK".
- A **dateline inside the first sentence** ("ALMATY, Jan 6 (Reuters) - Russia
  sent ...", "MOSCOW, January 6. /TASS/. ...") is article: the line is the
  lead sentence.  A date stamp standing alone is boilerplate, and so is its
  label on a line of its own ("Published").
- A **photo caption** that describes the event is a sentence of the article,
  with or without a credit attached ("... January 6, 2022 [Pavel
  Pavlov/Reuters]", "... (AP Photo/Vladimir Tretyakov, File)", "Image caption,
  Russian paratroopers guarded ...", "Media caption, Footage from Almaty
  ..."), as the seeds code "Russian forces arriving in Kazakhstan".  A credit
  standing alone ("Photo: VCG", "(AFP via Getty Images)", "Image source, Getty
  Images") is boilerplate.
- The **headline, standfirst and sub-headings** of the story (and a live
  blog's post titles) are article; headlines of other stories, topic and tag
  lists, mastheads, menus, consent banners, newsletter prompts and "follow us"
  prompts are boilerplate.

Per line, over all pages (329 lines, 245 boilerplate), with the shipped cues
and no site template:

- before this change: precision 0.979, recall 0.563 (138 found, 3 false
  alarms: two BBC captions, one Al Jazeera caption ending "[AFP]");
- after: precision 1.000, recall 0.939 (230 found, no false alarm).

The 15 lines still missed are listed in ``KNOWN_MISSES`` (strict xfail):
topic labels just before a headline, Al Jazeera's "Keep reading" headlines,
breadcrumbs ("WORLD / ASIA-PACIFIC"), outlets' blurbs, and a consent banner
longer than ``max_cue_line_chars``.  Catching them would need rules that could
also take a short headline or a sentence of the article.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.cleaning import find_boilerplate

PAGES = Path(__file__).parent / "data" / "pages"

#: (page, line) pairs expected to be boilerplate that the rules do not find
KNOWN_MISSES = {
    ("aggregator_afp", "Kazakhstan"),
    ("al_jazeera", "News|Protests"),
    ("al_jazeera", "Russia's Putin hails CSTO mission in Kazakhstan"),
    ("al_jazeera", "Who is Kassym-Jomart Tokayev?"),
    ("ap_news", "Kazakhstan"),
    ("ap_news", "Protests and demonstrations"),
    ("ap_news", "Russia"),
    ("ap_news", "Vladimir Putin"),
    ("bbc_consent", "We and our partners store and/or access information on a device, such as "
                    "cookies and process personal data, such as unique identifiers and standard "
                    "information sent by a device for personalised ads and content, ad and "
                    "content measurement, and audience insights, as well as to develop and "
                    "improve products."),
    ("eurasianet", "Kazakhstan"),
    ("eurasianet", "Eurasianet is an independent news organization that covers news from and "
                   "about the South Caucasus and Central Asia, providing on-the-ground reporting "
                   "and critical perspectives on the region. To keep our journalism free, we "
                   "rely on support from readers."),
    ("eurasianet", "Support Eurasianet"),
    ("global_times", "WORLD / ASIA-PACIFIC"),
    ("guardian", "Our morning email breaks down the key stories of the day, telling you what's "
                 "happening and why it matters"),
    ("tass", "Russian Politics & Diplomacy"),
}


def load_page(path: Path) -> tuple[str, list[tuple[int, int, str, bool]]]:
    """The page text and its labelled lines ``(start, end, line, is_boilerplate)``."""
    lines, labels, pos = [], [], 0
    for raw in path.read_text(encoding="utf-8").split("\n"):
        text = ""
        if raw.strip():
            tag, text = raw[:3], raw[3:]
            assert tag in ("B| ", "-| "), f"{path.name}: unlabelled line {raw!r}"
            labels.append((pos, pos + len(text), text, tag == "B| "))
        lines.append(text)
        pos += len(text) + 1
    return "\n".join(lines), labels


def _predicted(path: Path) -> list[tuple[str, bool, bool]]:
    """(line, expected, predicted) for every labelled line of a page."""
    text, labels = load_page(path)
    spans = find_boilerplate(text)
    return [(line, truth, any(sp.start <= a and b <= sp.end for sp in spans))
            for a, b, line, truth in labels]


def _cases():
    for path in sorted(PAGES.glob("*.txt")):
        _, labels = load_page(path)
        for k, (_, _, line, truth) in enumerate(labels):
            marks = ()
            if (path.stem, line) in KNOWN_MISSES:
                marks = pytest.mark.xfail(strict=True, reason="known miss (module docstring)")
            yield pytest.param(path.stem, k, line, truth, marks=marks,
                               id=f"{path.stem}-{k:02d}-{'B' if truth else 'A'}")


@pytest.mark.parametrize(("page", "k", "line", "is_boilerplate"), list(_cases()))
def test_page_line(page, k, line, is_boilerplate):
    got = _predicted(PAGES / f"{page}.txt")[k]
    assert got[0] == line
    assert got[2] is is_boilerplate, f"{page}: {line!r}"


def test_precision_and_recall_over_all_pages():
    tp = fp = fn = 0
    for path in sorted(PAGES.glob("*.txt")):
        for _, truth, pred in _predicted(path):
            tp += pred and truth
            fp += pred and not truth
            fn += truth and not pred
    assert tp + fn == 245
    assert fp == 0  # a false alarm deletes evidence: never mark article text
    assert tp / (tp + fn) >= 0.93


def test_known_misses_are_labelled_lines():
    labelled = {(p.stem, line) for p in PAGES.glob("*.txt") for _, _, line, _ in load_page(p)[1]}
    assert labelled >= KNOWN_MISSES


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a live blog's post title between its time stamp and its author
        (["4:10 a.m. ET, January 6, 2022", "Russian paratroopers arrive in Kazakhstan",
          "From CNN's Anna Chernova"], [True, False, True]),
        # a short headline between a label and a date label
        (["Related Topics", "Kazakhstan unrest: troops begin withdrawal", "Published"],
         [True, False, True]),
        # a menu of unknown section names between known ones
        (["Markets", "Sustainability", "Legal", "Breakingviews", "Technology"], [True] * 5),
        # a short name next to a byline is still a label
        (["By Olzhas Auyezov", "FSK", "Advertisement"], [True, True, True]),
        # an agency tag ends a caption; a teaser tag ends a teaser
        (["Protesters gather in Almaty on Wednesday [AFP]"], [False]),
        (["Covid map shows surge in Britain [MAP]"], [True]),
        (["Follow TASS on Telegram"], [True]),
        (["Follow Al Jazeera English:"], [True]),
        (["Follow the money, the opposition leader told supporters on Telegram."], [False]),
        (["Andrew Roth in Moscow and agencies"], [True]),
        (["The strikes were condemned by the UN and agencies."], [False]),
    ],
)
def test_rules_in_context(lines, expected):
    body = ("Protesters gathered in the main square on Tuesday, and the police watched them "
            "from the side streets for most of the day.")
    text = "\n".join([body, *lines, body])
    spans = find_boilerplate(text)
    starts = []
    pos = len(body) + 1
    for line in lines:
        starts.append((pos, pos + len(line)))
        pos += len(line) + 1
    got = [any(sp.start <= a and b <= sp.end for sp in spans) for a, b in starts]
    assert got == expected
