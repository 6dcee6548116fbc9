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
- after: precision 1.000, recall 0.939 (230 found, no false alarm);
- after the rules for teaser lists, one-line menus ("News|Protests",
  "WORLD / ASIA-PACIFIC") and menu runs at the top or bottom of a page
  (developed on the held-out pages of ``tests/data/heldout*/``, not on these):
  precision 1.000, recall 0.959 (235 found, no false alarm).

The 10 lines still missed are listed in ``KNOWN_MISSES`` (strict xfail):
topic labels just before a headline (a menu's last line right above the
headline is kept on purpose: it cannot be told from a one-word headline
above its standfirst), outlets' blurbs, and a consent banner longer than
``max_cue_line_chars``.  Catching them would need rules that could also take
a short headline or a sentence of the article.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.cleaning import find_boilerplate

PAGES = Path(__file__).parent / "data" / "pages"

#: (page, line) pairs expected to be boilerplate that the rules do not find
KNOWN_MISSES = {
    ("aggregator_afp", "Kazakhstan"),
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
    ("guardian", "Our morning email breaks down the key stories of the day, telling you what's "
                 "happening and why it matters"),
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
        # label lines: a date or an author under its label, keywords, edit times
        (["Date 08.01.2022", "Author Lena Brandt"], [True, True]),
        (["Author Lena Brandt"], [False]),  # a label without a colon needs metadata beside it
        (["Keywords Kazakhstan, Tokayev, CSTO, Almaty, protests"], [True]),
        (["Published time: 9 Jan, 2022 11:27", "Edited time: 9 Jan, 2022 12:05"], [True, True]),
        (["Updated 7:42 p.m. ET"], [True]),
        # an editor tag, print-edition and interview notes
        (["[Editor: huaxia]"], [True]),
        (["A version of this article appears in print on Jan. 9, 2022, Section A, Page 1 of "
          "the New York edition with the headline: Putin Seizes Chance."], [True]),
        (["The interview was conducted by Lena Brandt and has been edited for length and "
          "clarity."], [True]),
        # credits: after a caption label, with a slash, "Credit...", a file photo's mark
        (["Photo: Akorda"], [True]),
        (["Illustration: Liu Rui/GT"], [True]),
        (["REUTERS/Staff"], [True]),
        (["Credit...Russian Defense Ministry, via Associated Press"], [True]),
        (["FILE PHOTO. \u00a9 Sputnik"], [True]),
        # captions that describe the event are article text, whatever their label
        (["Photo: Protesters in Almaty on Wednesday"], [False]),
        (["Photo: A woman holds a portrait of her detained son outside a police station in "
          "Almaty. (Eurasianet)"], [False]),
        (["Photos: Almaty counts the cost after deadly unrest"], [False]),
        (["Russia/Ukraine"], [False]),
        # menus flattened onto one line; a headline with a site name is not one
        (["News|Protests"], [True]),
        (["Opinion / Viewpoint"], [True]),
        (["Kazakhstan unrest | DW"], [False]),
        # advertisement with its instruction; a follow prompt carrying a link
        (["Advertisement \u00b7 Scroll to continue"], [True]),
        (["Follow all AP stories on the Kazakhstan unrest at https://apnews.com/hub/kazakhstan"],
         [True]),
        (["Follow the money, the opposition leader told supporters at a rally."], [False]),
        # short article lines between body paragraphs
        (["Protests"], [False]),
        (["What happened?"], [False]),
        (["Tokayev: Order Restored"], [False]),
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


BODY_A = ("Protesters gathered in the main square on Tuesday, and the police watched them "
          "from the side streets for most of the day.")
BODY_B = ("The government said on Wednesday that order had been restored in most cities, "
          "although shooting was still heard in Almaty.")


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        # a topic menu at the top; its last item, right above the headline, is kept
        # (it could be a one-word headline)
        (["AP NEWS", "Related topics", "Kazakhstan", "Russia", "Protests",
          "Kazakhstan leader authorizes lethal force, rejects talks with protesters",
          "By The Associated Press", BODY_A, BODY_B],
         [True, True, True, True, False, False, True, False, False]),
        # a one-word headline under a menu label, above its standfirst or byline
        (["World", "Protests", "Thousands rallied against fuel prices", BODY_A, BODY_B],
         [True, False, False, False, False]),
        (["Kazakhstan", "Russia", "Protests", "By Jane Doe", BODY_A, BODY_B],
         [True, True, False, True, False, False]),
        # a sub-heading and a headline with a speaker are not menu items
        (["Analysis", "What Happened?", BODY_A, BODY_B], [True, False, False, False]),
        (["World", "Europe", "Tokayev: Order Restored", BODY_A, BODY_B],
         [True, True, False, False, False]),
        # a menu run at the bottom of the page
        ([BODY_A, BODY_B, "Kazakhstan", "Human Rights", "Protests"],
         [False, False, True, True, True]),
        # teaser lists after a list heading, up to a blank line
        ([BODY_A, BODY_B, "READ MORE", "Kazakhstan detains ex-security chief",
          "Internet returns to Almaty as life edges back to normal", "", BODY_A],
         [False, False, True, True, True, False]),
        ([BODY_A, BODY_B, "Keep reading", "Nazarbayev speaks out: \u2018I am a pensioner\u2019",
          "Photos: Almaty counts the cost after deadly unrest", "Most Read",
          "Why are oil prices rising again?"],
         [False, False, True, True, True, True, True]),
        # dates under the teasers are stepped over
        ([BODY_A, BODY_B, "Related Coverage", "Kazakhstan\u2019s President Orders Troops to Fire",
          "Jan. 7, 2022", "What to Know About the Unrest in Kazakhstan", "Jan. 6, 2022"],
         [False, False, True, True, True, True, True]),
        # a headline right above prose may be the article's sub-heading: kept
        ([BODY_A, BODY_B, "Related Coverage", "Tokayev thanks Putin for prompt support",
          "Criticism from the West", BODY_A],
         [False, False, True, True, False, False]),
        # a list heading before the article body takes no headline
        (["Most Read", "Kazakhstan unrest: What you need to know",
          "DW looks at the causes of the unrest", BODY_A, BODY_B],
         [True, False, False, False, False]),
        # a live blog's post title between its time stamp and its author
        ([BODY_A, BODY_B, "Related Coverage", "", "4:10 a.m. ET, January 6, 2022",
          "Russian paratroopers arrive in Kazakhstan", "From CNN's Anna Chernova", BODY_A],
         [False, False, True, True, False, True, False]),  # one per non-blank line
    ],
)
def test_page_rules(lines, expected):
    """Rules that look at a line's place on the page (top, bottom, after a list heading).

    ``expected`` has one flag per non-blank line.
    """
    text = "\n".join(lines)
    spans = find_boilerplate(text)
    got, pos = [], 0
    for line in lines:
        if line:
            got.append(any(sp.start <= pos and pos + len(line) <= sp.end for sp in spans))
        pos += len(line) + 1
    assert got == expected, list(zip([x for x in lines if x], got, strict=False))
