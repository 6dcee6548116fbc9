"""Held-out-style challenge set for the bundled ``kazakhstan-2022`` lexicon.

The seed articles are the development set the lexicon was tuned on. These sentences are
new: the usual wording of other outlets about the January 2022 unrest (Reuters, AP, AFP,
Al Jazeera, the Guardian, NYT, TASS, RT, Xinhua, Global Times, Eurasianet, RFE/RL, Kazakh
state media), each with the frames a coder following ``docs/codebook.md`` assigns, and
many negatives: actor mentions without a frame, neutral logistics, curfew and state of
emergency (not a violent response), rioters without a codebook cue, and other senses of
ambiguous words (air strike, base rate, leverage ratio, "made out like bandits", the west
of the country, arrested development, killed the bill, a protest lodged with a ministry
or over judging, internet sales, the UN Human Rights Council). A sentence is positive for
a frame when any match of that frame lies in it (the seed validation's rule).

Per-frame precision / recall, version 1.0.0 (before) -> 1.1.0 (after):

``CASES`` (99 sentences, 29 without a frame; written before the lexicon was changed, so
"before" is the honest held-out figure and "after" is fitted to these sentences)

=================  ===============  ===============
frame              before P / R     after P / R
=================  ===============  ===============
coup_terror        0.93 / 0.58      1.00 / 0.96
protest_crackdown  0.75 / 0.55      1.00 / 0.94
geopolitical_win   0.54 / 0.44      0.89 / 1.00
all (micro)        0.75 / 0.53      0.97 / 0.96
=================  ===============  ===============

``ROUND2`` (30 sentences, 10 without a frame; written after the changes and measured
once with 1.1.0 before anything else was changed: the held-out figure of the new
version). Precision 1.00 for every frame; recall coup_terror 0.78, protest_crackdown
0.75, geopolitical_win 0.75, all 0.76 (1.0.0 gave exactly the same). Then "shooting*",
"hospitalised" and "hospitalized" (codebook "shooting", "wounding") were added:
protest_crackdown recall 0.92, all 0.84.

Seed agreement (``framing validate``) is unchanged by 1.1.0: frame F1 0.901 (P 0.926 /
R 0.877), voice-aware F1 0.861.

``ROUND3`` (50 sentences, 17 without a frame; version 1.2.0): the misses and false
positives of the held-out articles (``tests/data/heldout/README.md``) in new wording,
with a negative for the other sense of each new entry and exclusion (child custody,
assets held in custody, a chess player at the chessboard, the domestic political
chessboard, pawnshops, tear gas "to make them leave", spontaneous protests, a clean
sweep, a Russian threat-intelligence firm, the West Bank, a treaty's "aggression against
any member state", a wire credit line). Written with the change, so fitted: 1.1.1 gets
35 of them wrong (all micro P 0.42 / R 0.15), 1.2.0 gets only the nine KNOWN_MISSES
wrong (P 0.96 / R 0.76). On the held-out articles, frame F1 (``any``) went from 0.825
(P 0.949 / R 0.729) to 0.885 (P 0.981 / R 0.806); since the changes answer that set's
errors, those are development figures now. Seed agreement is unchanged by 1.2.0.

Misses with no general rule a lexicon can follow are ``xfail(strict=True)`` with the
reason, so fixing one by accident is noticed.
"""

from __future__ import annotations

import pytest

from framing.lexicon import Lexicon, load_lexicon
from framing.matching import Matcher

C, P, G = "coup_terror", "protest_crackdown", "geopolitical_win"

# (sentence, frames a coder following docs/codebook.md assigns). New sentences in the
# usual wording of wire services, Western papers, Russian and Chinese state media,
# regional outlets and Kazakh state media; none is taken from the seed articles.
CASES: list[tuple[str, frozenset[str]]] = [
    # --- coup_terror --------------------------------------------------------
    ("Tokayev said 20,000 bandits had attacked Almaty and that he had ordered troops to "
     "shoot to kill without warning.", frozenset({C, P})),
    ("Russian troops guarded the airport in Almaty and other strategic facilities, the "
     "defence ministry said.", frozenset({C})),
    ("Tokayev said the country had faced an act of aggression by well-trained terrorist "
     "groups prepared abroad.", frozenset({C})),
    ("Kazakhstan was subjected to a hybrid attack from abroad, Tokayev's office said, "
     "without giving details.", frozenset({C})),
    ("Russia's Foreign Ministry called the unrest an externally inspired attempt to "
     "undermine the security and integrity of the state by force.", frozenset({C})),
    ("RIA Novosti described the crowds as thugs armed with stolen weapons.", frozenset({C})),
    ("State television showed footage of what it called marauders breaking into shops.",
     frozenset({C})),
    ("Kazakh state media said armed insurgents had seized the mayor's office in Almaty.",
     frozenset({C})),
    ("Tokayev said the 'terrorists' included foreign fighters from Central Asia and the "
     "Middle East.", frozenset({C})),
    ("Prosecutors charged dozens of people with organising mass riots and committing acts "
     "of terrorism.", frozenset({C})),
    ("Rioters and looters ransacked shops and a gun store in Almaty.", frozenset({C})),
    ("Karim Masimov, the former head of the National Security Committee, was charged with "
     "high treason over the January events.", frozenset({C})),
    ("The Global Times said Western forces were trying to instigate a colour revolution in "
     "Kazakhstan.", frozenset({C})),
    ("Xi said China firmly opposes any attempt by external forces to create turmoil in "
     "Kazakhstan.", frozenset({C})),
    ("Xi said China opposes any foreign meddling in Kazakhstan's internal affairs.",
     frozenset({C})),
    ("Kazakh officials described the unrest as a hybrid war waged by outside forces.",
     frozenset({C})),
    ("RT said the riots had been coordinated from a single centre.", frozenset({C})),
    ("Kazakh state media reported that the counter-terrorist operation had been completed "
     "in all regions.", frozenset({C})),
    ("Russian state television claimed that Islamist radicals were behind the unrest.",
     frozenset({C})),
    ("Tokayev said a group of 'well-trained militants' had been waiting in sleeper cells.",
     frozenset({C})),
    ("Russian state television framed the unrest as a Western-backed attempt at regime "
     "change.", frozenset({C})),
    ("The Interior Ministry said police had killed 26 'armed criminals'.", frozenset({C, P})),
    ("Kazakhstan's security council said the country had been the target of hybrid "
     "aggression.", frozenset({C})),
    ("Tokayev told parliament that Kazakhstan had repelled external aggression.",
     frozenset({C})),
    # --- protest_crackdown ----------------------------------------------------
    ("Tokayev said on Friday he had authorised security forces to fire without warning.",
     frozenset({P})),
    ("Internet access was cut off across the country, and NetBlocks reported a nationwide "
     "outage.", frozenset({P})),
    ("Many residents relied on VPN services to reach messaging apps during the blackout.",
     frozenset({P})),
    ("The Interior Ministry said nearly 8,000 people had been detained during the unrest.",
     frozenset({P})),
    ("Security forces used stun grenades to disperse a crowd in the main square.",
     frozenset({P})),
    ("Witnesses said soldiers used live fire against unarmed crowds in Almaty.",
     frozenset({P})),
    ("The unrest began on Jan. 2 in the oil town of Zhanaozen after the government lifted "
     "price caps on liquefied petroleum gas.", frozenset({P})),
    ("Workers at several oilfields in the west of the country went on strike in solidarity.",
     frozenset({P})),
    ("Independent trade unions called for a general strike, a rare challenge to the "
     "government.", frozenset({P})),
    ("Thousands of workers at Tengizchevroil walked off the job on Tuesday.", frozenset({P})),
    ("Crowds chanted 'Old man, go!' as they marched on the city administration building.",
     frozenset({P})),
    ("Human Rights Watch said security forces used excessive force against peaceful "
     "protesters.", frozenset({P})),
    ("Amnesty International urged the authorities to investigate reports of torture.",
     frozenset({P})),
    ("Police used excessive and lethal force against people who posed no threat, witnesses "
     "told AFP.", frozenset({P})),
    ("Relatives said detainees were beaten in custody to extract confessions.", frozenset({P})),
    ("The official death toll rose to 225, including 19 members of the security forces.",
     frozenset({P})),
    ("At least 164 people died in the violence, the health ministry said.", frozenset({P})),
    ("Riot police met the crowd in Almaty with tear gas and flash-bang grenades.",
     frozenset({P})),
    ("Anger over the Nazarbayev family's wealth and a political system with no real "
     "opposition fuelled the unrest.", frozenset({P})),
    ("The US, the EU and the UN called on all sides to show restraint and to respect the "
     "rights of peaceful protesters.", frozenset({P})),
    ("Police rounded up hundreds of young men in the suburbs of Almaty.", frozenset({P})),
    ("The authorities restored internet access in Almaty on Monday after a five-day "
     "blackout.", frozenset({P})),
    ("Telegram and WhatsApp were blocked and mobile connections were cut in several cities.",
     frozenset({P})),
    ("The unrest was crushed within days by security forces and Russian-led troops.",
     frozenset({P})),
    ("Demonstrators were brutally dispersed in Aktobe, local media reported.", frozenset({P})),
    ("Protesters toppled a statue of Nazarbayev in Taldykorgan.", frozenset({P})),
    ("I have ordered the troops to open fire to kill, Tokayev said in a televised "
     "address.", frozenset({P})),
    ("The government's heavy-handed response drew criticism from the European Parliament.",
     frozenset({P})),
    ("Lawyers said police used disproportionate force against people in the square.",
     frozenset({P})),
    ("Analysts recalled the 2011 labour strike in Zhanaozen, which ended in bloodshed.",
     frozenset({P})),
    # --- geopolitical_win -----------------------------------------------------
    ("Moscow's swift intervention has pulled Kazakhstan back into Russia's orbit, analysts "
     "say.", frozenset({G})),
    ("The deployment gives Moscow a military foothold in Central Asia's largest country.",
     frozenset({G})),
    ("Putin is using the crisis to tighten Moscow's grip on its former Soviet neighbours.",
     frozenset({G})),
    ("Some in Kazakhstan fear the intervention will bring the country back under Moscow's "
     "sway.", frozenset({G})),
    ("Critics fear that Russian troops, once deployed, will not leave Kazakhstan.",
     frozenset({G})),
    ("Russia has long regarded Central Asia as part of its sphere of influence.",
     frozenset({G})),
    ("The crisis comes as Russia masses troops near Ukraine, ahead of security talks with "
     "the United States in Geneva.", frozenset({G})),
    ("Putin flexed Russia's military muscle in Kazakhstan just days before the Geneva "
     "talks.", frozenset({G})),
    ("The intervention is part of a new Great Game for Central Asia.", frozenset({G})),
    ("Kazakhstan, which courted China, the United States and the EU under its multi-vector "
     "foreign policy, now looks more dependent on Moscow.", frozenset({G})),
    ("Analysts said the crisis gives Putin a chance to reassert Russian dominance in Central "
     "Asia.", frozenset({G})),
    ("The West has stayed largely silent on the crackdown, wary of pushing Tokayev closer "
     "to Moscow.", frozenset({G, P})),
    ("The CSTO has proved it is Russia's answer to NATO.", frozenset({G})),
    ("The episode shows how far Kazakhstan remains in the Kremlin's orbit.", frozenset({G})),
    ("Many Kazakhs feared that Russian soldiers would not leave once order was restored.",
     frozenset({G})),
    ("Russian-backed insurgents have held parts of Donbas since 2014.", frozenset({G})),
    # --- no frame: actor mentions, logistics, other senses --------------------
    ("The CSTO includes Armenia, Belarus, Kyrgyzstan, Russia, Tajikistan and Kazakhstan.",
     frozenset()),
    ("Peacekeepers from the CSTO began arriving in Kazakhstan on Thursday.", frozenset()),
    ("Russian troops began loading equipment onto transport planes at Almaty airport.",
     frozenset()),
    ("Flights to Almaty resumed on Jan. 13 after the airport reopened.", frozenset()),
    ("A curfew remained in force in Almaty and the state of emergency was extended until "
     "Jan. 19.", frozenset()),
    ("Tokayev declared a two-week state of emergency in Almaty and the western province of "
     "Mangistau.", frozenset()),
    ("TASS reported that CSTO peacekeepers had taken control of the airport.", frozenset()),
    ("The CSTO mission completed its withdrawal on Jan. 19, the Russian Defence Ministry "
     "said.", frozenset()),
    ("A Russian air strike hit a target in Syria's Idlib province on the same day.",
     frozenset()),
    ("The Kremlin said it had struck a deal with Astana on the timing of the withdrawal.",
     frozenset()),
    ("Rioters set fire to the mayor's office and the former presidential residence.",
     frozenset()),
    ("Tokayev tightened his grip on power by removing Nazarbayev as head of the Security "
     "Council.", frozenset()),
    ("The central bank raised its base rate to 10.25% to curb inflation.", frozenset()),
    ("Fitch said Kazakh banks had reduced their leverage and kept ample liquidity.",
     frozenset()),
    ("Oil traders made out like bandits as prices spiked.", frozenset()),
    ("Oil output in the west of Kazakhstan returned to normal on Monday.", frozenset()),
    ("Lawmakers killed the bill before it reached a vote.", frozenset()),
    ("Critics call the stalled reform programme a case of arrested development.",
     frozenset()),
    ("Kazakhstan's Olympic committee filed a protest over the judging of the final.",
     frozenset()),
    ("Kazakhstan's foreign ministry lodged a protest with Moscow over a Russian lawmaker's "
     "remarks.", frozenset()),
    ("Retailers reported a jump in internet sales in the fourth quarter.", frozenset()),
    ("Kazakhstan was elected to the UN Human Rights Council for 2022-2024.", frozenset()),
    ("Human Rights Watch published its annual report on Central Asia.", frozenset()),
    ("Chinese President Xi Jinping praised the decisive measures taken by Tokayev.",
     frozenset()),
    ("Football: Kairat Almaty's home match was postponed.", frozenset()),
    ("Russian troops arrived in Almaty on Thursday, TASS reported.", frozenset()),
    ("Putin has kept the Kremlin's grip on power for more than two decades.", frozenset()),
    ("By Sunday the unrest in Almaty had died down, residents said.", frozenset()),
    ("The bank's leverage ratio stayed well above the regulatory minimum.", frozenset()),
    ("Russia said the crisis in Kazakhstan had nothing to do with its standoff with the West "
     "over Ukraine.", frozenset()),
]

# A second batch, written after the lexicon changes and measured once before any further
# change (see the module docstring); only "shooting*" and "hospitalised" were added after.
ROUND2: list[tuple[str, frozenset[str]]] = [
    ("Kazakhstan's president has blamed foreign-trained terrorists for the violence.",
     frozenset({C})),
    ("Tokayev dismissed calls for talks with the protesters, saying: 'What negotiations "
     "can there be with criminals and murderers?'", frozenset({C, P})),
    ("The National Security Committee said it had detained a group of radicals who planned "
     "attacks in Almaty.", frozenset({P})),
    ("Authorities in Aktau agreed to cut the price of LPG to 50 tenge per litre.", frozenset({P})),
    ("Demonstrators demanded the resignation of the government and the departure of "
     "Nazarbayev from politics.", frozenset({P})),
    ("Dozens of bodies were brought to the morgue in Almaty, Reuters reporters saw.",
     frozenset({P})),
    ("Russia's lower house speaker said the troops would stay as long as necessary.", frozenset()),
    ("Chinese state media praised the CSTO deployment as a model of regional security cooperation.",
     frozenset()),
    ("The Global Times accused Washington of trying to stir up a colour revolution on "
     "China's doorstep.", frozenset({C, G})),
    ("For Putin, the intervention is a chance to show the West that the former Soviet "
     "Union remains his domain.", frozenset({G})),
    ("The mission marks the first time the CSTO has invoked its collective defence clause.",
     frozenset()),
    ("Kazakhstan's Foreign Ministry said the peacekeepers would leave once their mission "
     "was complete.", frozenset()),
    ("Gunfire was heard in central Almaty throughout the night.", frozenset({P})),
    ("Russian paratroopers have been deployed to protect government buildings and the airport.",
     frozenset()),
    ("Officials said 2,000 people sought medical help and 400 were hospitalised.", frozenset({P})),
    ("Tokayev has promised a sweeping reform programme and a fairer distribution of wealth.",
     frozenset()),
    ("A correspondent for RFE/RL's Kazakh service was detained while covering the rally in Almaty.",
     frozenset({P})),
    ("Kazakh television said 'extremist groups' had seized weapons from police stations.",
     frozenset({C})),
    ("The price of Kazakh uranium jumped on concerns about supply disruption.", frozenset()),
    ("Bitcoin's hashrate dropped sharply as Kazakhstan's internet shutdown hit crypto miners.",
     frozenset({P})),
    ("The West's response has been muted, with Washington questioning the need for Russian troops.",
     frozenset({G})),
    ("Nazarbayev, 81, appeared in a video message denying any rift with Tokayev.", frozenset()),
    ("The United States has rejected Russian claims that it was behind the unrest.",
     frozenset({C})),
    ("Eurasianet: Residents of Almaty describe days of chaos, looting and shooting.",
     frozenset({C, P})),
    ("The CSTO's swift deployment sent a message to Kyiv as well as to Washington.",
     frozenset({G})),
    ("Human rights groups said many of those detained were ordinary residents caught in sweeps.",
     frozenset({P})),
    ("Kazakhstan's stock exchange reopened on Jan. 13 after a week-long suspension.", frozenset()),
    ("Tokayev called the events an attempted coup d'etat and said he had thwarted it.",
     frozenset({C})),
    ("Kazakh authorities said they had identified terrorists by their clothes and haircuts.",
     frozenset({C})),
    ("The violence erupted after peaceful rallies over fuel prices were hijacked, officials said.",
     frozenset({C, P})),
]


# A third batch for version 1.2.0, written for the misses and false positives that the
# held-out articles (tests/data/heldout/README.md) showed, in new wording, with negatives
# for the other senses of every new entry. The first block are sentences the change is
# for; the negatives guard each new entry and exclusion against its other senses in news
# text. Sentences whose frame no general entry can catch are in KNOWN_MISSES.
ROUND3: list[tuple[str, frozenset[str]]] = [
    # --- positives: new entries -------------------------------------------------
    ("Kazakh police said armed assailants had attacked the city administration building.",
     frozenset({C})),
    ("Armed attackers stormed the akimat in Taldykorgan, state television reported.",
     frozenset({C})),
    ("Investigators are trying to establish who funded the riots, the prosecutor said.",
     frozenset({C})),
    ("Prosecutors said money transferred from abroad had financed the attacks on police "
     "stations.", frozenset({C})),
    ("Tokayev insisted that the riots were not spontaneous but carefully prepared.",
     frozenset({C})),
    ("To Beijing's commentators, the violence was far from spontaneous.", frozenset({C})),
    ("Hundreds gathered outside the akimat in Aktobe, chanting against the government.",
     frozenset({P})),
    ("Crowds chanted slogans demanding the resignation of the cabinet.", frozenset({P})),
    ("Relatives say many of those caught up in the sweep were passers-by.", frozenset({P})),
    ("A journalist from Uralsk has been held in custody for ten days without charge.",
     frozenset({P})),
    ("Two men taken into custody in Taraz said they had been beaten.", frozenset({P})),
    ("The activist remains in police custody in Almaty.", frozenset({P})),
    ("State television aired what lawyers called coerced confessions.", frozenset({P})),
    ("Analysts said Tokayev would now be more dependent on the Kremlin for his survival.",
     frozenset({G})),
    ("A president beholden to Moscow cannot keep a balanced foreign policy.", frozenset({G})),
    ("Critics see the mission as a vehicle for Russian expansionism in Central Asia.",
     frozenset({G})),
    ("Central Asia is once again a square on Moscow's chessboard.", frozenset({G})),
    ("Officials in Vilnius cited the Russian threat to justify more troops on the border.",
     frozenset({G})),
    ("Once foreign troops are deployed it is difficult to make them leave, one diplomat "
     "warned.", frozenset({G})),
    # --- negatives: other senses of the new entries --------------------------------
    ("A judge left the children in the custody of their mother.", frozenset()),
    ("The tycoon's custody battle with his former wife reached the Supreme Court.",
     frozenset()),
    ("The National Fund keeps most of its assets held in custody in London.", frozenset()),
    ("Police fired tear gas to make them leave the square.", frozenset({P})),
    ("Looters also targeted pawnshops in Almaty.", frozenset({C})),
    ("Analysts said the protesters were pawns in a struggle between rival clans.",
     frozenset({P})),
    ("Tokayev moved his pieces on the political chessboard, sidelining Nazarbayev's "
     "relatives.", frozenset()),
    ("The Kazakh grandmaster sat at the chessboard for six hours before her opponent "
     "resigned.", frozenset()),
    ("Residents said the protests in Zhanaozen were spontaneous.", frozenset({P})),
    ("Football fans were chanting for the whole match.", frozenset()),
    ("The ruling party made a clean sweep of the regional councils.", frozenset()),
    ("Many felt caught up in the sweep of history.", frozenset()),
    ("Kaspersky, a Russian threat intelligence firm, reported a rise in phishing.",
     frozenset()),
    ("The damage from the fires will be hard to reverse, the mayor said.", frozenset()),
    # --- negatives: exclusions for false positives seen in the held-out articles ----
    ("Israeli settlers attacked a village in the West Bank.", frozenset()),
    ("Storms closed roads on the West Coast of the United States.", frozenset()),
    ("The treaty's mutual defence clause covers aggression against any member state.",
     frozenset()),
    ("Beijing warned against interference in the name of human rights.", frozenset({C})),
    ("Western NGOs act under the guise of human rights, the newspaper said.", frozenset()),
    ("What the country needs is stability and the rule of law, the ambassador said.",
     frozenset()),
    ("Reuters reporters in Moscow and Washington contributed to this report.", frozenset()),
    # "the West" alone is kept (codebook: great-power competition, Russia against the
    # West; the seeds code "ties with the West" and "the umbrella term of 'the West'"
    # geopolitical_win, and TASS's "Criticism from the West" is that framing)
    ("TASS accused the West of double standards over the mission.", frozenset({G})),
    # --- misses left alone (KNOWN_MISSES says why) ------------------------------
    ("Kaspi put its Russian expansion on hold after the January events.", frozenset()),
    ("Western diplomats fear the deployment may prove hard to reverse.", frozenset({G})),
    ("Moscow's critics called the mission an occupation.", frozenset({G})),
    ("The Kremlin held up the mission as proof that it is a dependable ally.", frozenset({G})),
    ("Police said the remaining gunmen had been liquidated.", frozenset({C})),
    ("Officials said foreign NGOs had prepared the ground for the unrest.", frozenset({C})),
    ("Several men said they had been made to sign papers they had not read.", frozenset({P})),
    ("'A handful of families get rich while the rest of us get nothing,' a taxi driver said.",
     frozenset({P})),
    ("Nazarbayev kept sweeping powers for three years after he stepped down.", frozenset({P})),
]


# sentence -> why the lexicon cannot get it right without context it does not have
KNOWN_MISSES: dict[str, str] = {
    "Russian state television framed the unrest as a Western-backed attempt at regime change.":
        "'regime change' and 'Western-backed' also describe US policy in Iraq/Libya and "
        "Kyiv's government (a seed sentence uses 'regime change' with no frame)",
    "Telegram and WhatsApp were blocked and mobile connections were cut in several cities.":
        "the shutdown is described without a cue word; 'blocked'/'cut' are too general",
    "The unrest was crushed within days by security forces and Russian-led troops.":
        "bare 'crushed' also means crushed in a stampede, hopes crushed, a crushing defeat",
    "Fitch said Kazakh banks had reduced their leverage and kept ample liquidity.":
        "'reduced their leverage' is also said of Washington's or Moscow's leverage",
    "Russia said the crisis in Kazakhstan had nothing to do with its standoff with the West "
    "over Ukraine.":
        "a denial of the link; the coder codes no frame, a lexicon cannot see negation",
    "Dozens of bodies were brought to the morgue in Almaty, Reuters reporters saw.":
        "casualties described without a cue word ('bodies' has too many other senses)",
    "The Global Times accused Washington of trying to stir up a colour revolution on China's "
    "doorstep.":
        "great-power competition carried by 'on China's doorstep', an idiom with no "
        "fixed wording",
    "The United States has rejected Russian claims that it was behind the unrest.":
        "the foreign-hand claim is carried by 'behind the unrest', too general a phrase",
    "The violence erupted after peaceful rallies over fuel prices were hijacked, officials "
    "said.":
        "'hijacked' protests is the securitising claim here but a plane hijacking elsewhere",
    # ROUND3 (version 1.2.0): held-out misses left alone, each in new wording
    "Kaspi put its Russian expansion on hold after the January events.":
        "the business sense of 'Russian expansion' (a company expanding into Russia); in "
        "coverage of the events the phrase means Russia extending its reach, so it is kept",
    "Western diplomats fear the deployment may prove hard to reverse.":
        "'hard to reverse' is said of damage, prices and policies as often as of troops",
    "Moscow's critics called the mission an occupation.":
        "'occupation' is also a job and crowds' occupation of buildings during the unrest",
    "The Kremlin held up the mission as proof that it is a dependable ally.":
        "Russia's gain in credibility has no fixed wording; 'reliable ally' is also "
        "domestic politics",
    "Police said the remaining gunmen had been liquidated.":
        "'liquidated' is also a company being wound up; 'gunmen' also shoots protesters",
    "Officials said foreign NGOs had prepared the ground for the unrest.":
        "'prepare the ground' is also said of talks and reforms",
    "Several men said they had been made to sign papers they had not read.":
        "'made to sign' is also contracts and treaties",
    "'A handful of families get rich while the rest of us get nothing,' a taxi driver said.":
        "inequality paraphrased without a cue word",
    "Nazarbayev kept sweeping powers for three years after he stepped down.":
        "'sweeping powers' are also emergency powers; the authoritarian system is described "
        "without a cue word",
}


@pytest.fixture(scope="module")
def lexicon() -> Lexicon:
    return load_lexicon("kazakhstan-2022")


@pytest.fixture(scope="module")
def matcher(lexicon: Lexicon) -> Matcher:
    return Matcher(lexicon)


def _frames(lexicon: Lexicon, matcher: Matcher, text: str) -> frozenset[str]:
    """Frames with at least one match in ``text`` (the sentence is the coding unit)."""
    m = matcher.find(text)
    return frozenset(lexicon.categories[c] for c in lexicon.category_codes[m.entry])


def _params(cases: list[tuple[str, frozenset[str]]]) -> list:
    return [
        pytest.param(text, frames, id=text[:60],
                     marks=[pytest.mark.xfail(strict=True, reason=KNOWN_MISSES[text])]
                     if text in KNOWN_MISSES else [])
        for text, frames in cases
    ]


def test_challenge_set_is_well_formed() -> None:
    texts = [t for t, _ in CASES + ROUND2 + ROUND3]
    assert len(CASES) >= 60 and len(texts) == len(set(texts))
    assert sum(not f for _, f in CASES) >= 20, "needs many negatives"
    assert set(KNOWN_MISSES) <= set(texts)
    assert all(f <= {C, P, G} for _, f in CASES + ROUND2 + ROUND3)


@pytest.mark.parametrize(("text", "expected"), _params(CASES + ROUND2 + ROUND3))
def test_frames_as_a_codebook_coder_codes_them(lexicon, matcher, text, expected) -> None:
    assert _frames(lexicon, matcher, text) == expected


@pytest.mark.parametrize(
    ("text", "evidence", "frame"),
    [
        # the longer coup_terror phrase keeps geopolitical_win's "aggression" out
        ("Tokayev said Kazakhstan had repelled hybrid aggression.", "hybrid aggression", C),
        ("Tokayev blamed terrorist aggression.", "terrorist aggression", C),
        # slogans keep their comma (matching rule M2 would block "shal ket")
        ("Crowds chanted 'Shal, ket!' in Almaty.", "Shal, ket", P),
        ("Workers at Tengiz went on strike.", "on strike", P),
        ("Russia gained a foothold in Central Asia.", "foothold", G),
        # 1.2.0: the negated phrase is the evidence, not a word of it
        ("Officials said the riots were not spontaneous.", "not spontaneous", C),
        ("Three reporters remain in custody.", "in custody", P),
        ("Critics warned of Russian expansionism.", "Russian expansionism", G),
        # "the west of" is excluded only as geography, so the accusation still counts
        ("Moscow accused the West of double standards.", "the West", G),
    ],
)
def test_new_entries_give_the_evidence(lexicon, matcher, text, evidence, frame) -> None:
    m = matcher.find(text)
    found = {(text[s:e], lexicon.categories[c])
             for s, e, c in zip(m.start, m.end, lexicon.category_codes[m.entry], strict=True)}
    assert found == {(evidence, frame)}
