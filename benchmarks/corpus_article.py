"""One synthetic article, shaped like the real annotated one and annotated by the same guidelines.

The paragraphs follow the real article's moves: an evaluative headline; a
cited report with a direct quote; a public denial and a private confirmation;
a spokesperson's quote; a photo with its provenance chain and a gloss; a
partial quote after 'told ... that'; a paraphrase in straight quote marks with
two nested attributions; filler assertions; a dated newspaper piece quoted as
a block; more fillers; a block quote with indirect speech nested in it and a
conditional; the caption. Each quoted or reported passage is an attribution
(PARC 3.0) and each proposition a fact with its factuality chain (FactBank).
"""
from __future__ import annotations

from . import corpus_names as names
from .corpus_draft import PLAIN, Draft, Value
from .corpus_fillers import FIRST_FILLERS, fillers
from .corpus_names import MONTHS

SECTIONS = ("Inside Track", "World Briefing", "Analysis", "Dispatches", "Front Line")
# (headline opener, its evaluative words)
OPENERS = (("Of Course They Are", "Of Course"), ("No Surprise There", "No Surprise"), ("Predictably", "Predictably"),
           ("As Expected", "As Expected"), ("Unsurprisingly", "Unsurprisingly"))
# (adjective, whether it evaluates the report)
REPORT_ADJ = (("damning", True), ("startling", True), ("alarming", True), ("detailed", False), ("leaked", False), ("lengthy", False))
WEAPONS = ("rifles", "armoured vehicles", "anti-tank missiles", "night-vision goggles", "artillery shells", "drones", "radios")
VEHICLES = ("Abrams tank", "Humvee", "patrol boat", "armoured truck", "Leopard tank")
MEANINGS = ("party of God", "the movement", "the assembly", "the vanguard")
ONLY_OUTLET = "Only the outlet is named; the one work of it the article cites is taken as the cited work."


def an(word: str) -> str:
    return "an" if word[0] in "AEIOUaeiou" else "a"


def within(words: str, text_start: int, written: str) -> tuple[int, int]:
    """The span of `words` inside a piece `written` at `text_start`."""
    at = text_start + written.index(words)
    return at, at + len(words)


def compose(aid: str, rng, cast: dict, unnamed: dict, places: list, meta: dict) -> Draft:
    """Write one article. `cast` and `unnamed` map roles to (actor_id, name); `places` are (place_id, name)."""
    d = Draft(aid)
    c, u = cast, unnamed
    outlet, short = c["outlet0"], ("as", c["outlet0"], names.short_name(c["outlet0"][1]))
    party = ("as", c["party0"], meta["party_variant"])
    demonym = names.demonym(c["state2"][1])
    weapon = meta["weapon"]
    vehicle = rng.choice(VEHICLES)
    month, day, year = rng.randrange(12), rng.randint(1, 28), rng.randint(2009, 2016)

    # The headline: an evaluative opener, then the claim the article commits to in its own voice.
    d.w(meta["section"] + "\n")
    opener, judged = meta["opener"]
    start = d.w(opener)
    d.w(": ")
    claim = d.seq([c["state0"], f" {weapon.title()} Going to the ", c["group0"]])
    d.w("\n")
    d.fact((start, start + len(opener)), f"That {c['state0'][1]} {weapon} are going to the {c['group0'][1]} is to be expected.", "",
           "is to be expected", evaluation=within(judged, start, opener))
    headline = d.fact(claim, f"{c['state0'][1]} {weapon} are going to the {c['group0'][1]}.", "", "are going to", c["group0"][1])
    committed = Value("CT+", evidence=headline)  # V9: the author says so in the headline

    # A cited report, a direct quote from it, and the article's own gloss.
    cue = d.seq(["According to"])
    d.w(" ")
    speaker_start = d.pos
    adjective, evaluates = rng.choice(REPORT_ADJ)
    report_np = d.seq([f"a {adjective} report"])
    d.seq([" from ", outlet, " "])
    date = d.seq([f"{MONTHS[month]} {day}"])
    speaker = (speaker_start, d.pos)
    report = d.source(speaker, "news_report", outlet=outlet[0], date=date, edtf=f"XXXX-{month + 1:02d}-{day:02d}", precision="day_month",
                      notes="The article gives no year for the report.")
    d.fact(report_np, f"The report is {adjective}.", "", "is", adjective,
           evaluation=(report_np[0] + 2, report_np[0] + 2 + len(adjective)) if evaluates else None)
    d.w(", “")
    q_start = d.pos
    proposition = d.seq([c["state0"], f" {weapon} intended for "])
    military = d.seq(["the beleaguered military"])
    d.seq([" in ", ("place", places[0]), " are winding up in the possession of the ", c["group0"]])
    proposition = (proposition[0], d.pos)
    d.w(",")
    q_end = d.pos
    d.w("” ")
    q1 = d.quote((q_start, q_end), "direct", outlet[0], cue, source=report)
    a1 = d.attribution((q_start, q_end), cue, outlet[0], speaker_span=speaker, source=report, quote=q1)
    d.fact(proposition, f"{c['state0'][1]} {weapon} are ending up with the {c['group0'][1]}.", c["group0"][0], "come into possession of",
           f"{c['state0'][1]} {weapon}", a1, author=committed)
    d.fact(military, f"The military in {places[0][1]} is beleaguered.", "", "is", "beleaguered", a1,
           evaluation=(military[0] + 4, military[0] + 15))
    allied = d.seq([("nom", c["group0"], ["militias that are allied with ", c["state1"]])])
    d.fact(allied, f"The {c['group0'][1]} are allied with {c['state1'][1]}.", c["group0"][0], "are allied with", c["state1"][1])
    d.w(".\n")

    # A public denial, a private confirmation, and a spokesperson's quote.
    denying = d.seq([("nom", u["deny"], [c["gov0"], " officials"])])
    d.w(" publicly ")
    cue = d.seq(["denied"])
    d.w(" ")
    content = d.seq([f"the {weapon} transfers"])
    a = d.attribution(content, cue, u["deny"][0], speaker_span=denying)
    d.fact(content, f"{weapon.capitalize()} are being transferred to the {c['group0'][1]}.", "", "are transferred to", c["group0"][1], a,
           held=Value("CT-", marker=cue), author=committed)
    d.w(" even as ")
    confirming = d.seq([("nom", u["confirm"], ["other ", c["gov0"], " officials"])])
    d.w(" privately ")
    cue = d.seq(["confirmed"])
    d.w(" ")
    content = d.seq(["the transfers"])
    d.seq([" to ", short, ". “"])
    a = d.attribution(content, cue, u["confirm"][0], speaker_span=confirming, source=report, addressee=outlet[0], inferred=("source_id",),
                      notes=ONLY_OUTLET)
    d.fact(content, f"{weapon.capitalize()} are being transferred to the {c['group0'][1]}.", "", "are transferred to", c["group0"][1], a,
           author=Value("CT+", marker=cue))  # V7: 'confirmed' commits the author
    q_start = d.pos
    d.seq([("pro", c["agency0"], "We"), " have "])
    hedge = d.seq(["no reason to believe"])
    d.w(" that ")
    proposition = d.seq(["the ", c["gov1"], f" is moving {weapon} to the ", c["group1"]])
    d.w(",")
    q_end = d.pos
    d.w("” ")
    spokesperson = d.seq([c["agency0"], f" {rng.choice(('spokesman', 'spokeswoman'))} ", c["person0"]])
    d.w(" ")
    cue = d.seq(["told"])
    d.seq([" ", outlet, ".\n"])
    q2 = d.quote((q_start, q_end), "direct", c["person0"][0], cue, source=report, addressee=outlet[0], inferred=("source_id",), notes=ONLY_OUTLET)
    a = d.attribution((q_start, q_end), cue, c["person0"][0], speaker_span=spokesperson, source=report, addressee=outlet[0], quote=q2,
                      inferred=("source_id",), notes=ONLY_OUTLET)
    d.fact(proposition, f"The {c['gov1'][1]} is moving {weapon} to the {c['group1'][1]}.", c["gov1"][0], "moves weapons to", c["group1"][1], a,
           held=Value("PR-", marker=hedge))

    # A photo reached the article through the report: a provenance chain, then a gloss on the party.
    provenance_start = d.pos
    d.seq([short, " posted "])
    photo_span = d.seq(["one photo (shown) from ", c["platform0"]])
    provenance = (provenance_start, d.pos)
    photo = d.source(photo_span, "photograph", outlet=c["platform0"][0], cited_via=report, inferred=("cited_via_source_id",),
                     notes="The article names only the outlet that posted the photo; the report is the one work of it the article cites. "
                           "Who posted it on the platform is not stated.")
    d.w(" of ")
    depicts_start = d.pos
    d.seq([("nom", u["member"], ["a fighter from the ", c["group0"]]), " with "])
    made_start = d.w(an(c["state0"][1]) + " ")
    d.seq([c["state0"], f"-made {vehicle}"])
    made = (made_start, d.pos)
    d.seq([" draped in ", an(meta["party_variant"]) + " ", party, " flag"])
    depicts = (depicts_start, d.pos)
    d.fact((provenance_start, d.pos), f"{outlet[1]} posted a photo of a fighter from the {c['group0'][1]}.", outlet[0], "posted a photo of",
           "a militia fighter")
    d.fact(made, f"The {vehicle} was made in {c['state0'][1]}.", "", "was made in", c["state0"][1])
    d.w(". ")
    party_start = d.pos
    meaning = rng.choice(MEANINGS)
    d.seq([party, f", which means “{meaning}”"])
    d.fact((party_start, d.pos), f"The name {c['party0'][1]} means '{meaning}'.", c["party0"][0], "means", meaning)
    d.w(" — ")
    appositive = d.seq([("nom", c["party0"], ["a militant political party that used guerrilla warfare against ", c["state2"], " during the ",
                                              ("adj", c["state2"], demonym), " occupation of ", ("place", places[1])])])
    d.fact((appositive[0], appositive[0] + len("a militant political party")), f"{c['party0'][1]} is a militant political party.", c["party0"][0],
           "is", "a militant political party")
    d.fact(appositive, f"{c['party0'][1]} used guerrilla warfare against {c['state2'][1]}.", c["party0"][0], "used guerrilla warfare against",
           c["state2"][1])
    d.w(" — ")
    d.seq(["has been labeled a terrorist organization by the ", c["gov1"]])
    d.fact((party_start, d.pos), f"The {c['gov1'][1]} has labeled {c['party0'][1]} a terrorist organization.", c["party0"][0],
           "is labeled a terrorist organization by", c["gov1"][1])
    d.w(".\n")

    # A partial quote after 'told ... that': the attribution's content starts outside the quote marks.
    speaker = d.seq(["Former head of the ", c["agency1"], " ", c["person1"]])
    d.w(" ")
    cue = d.seq(["told"])
    d.seq([" ", short, " that, "])
    content_start = d.w("while ")
    account = d.seq(["the ", c["gov1"], " can account for all ", ("pro", c["gov1"], "its"), " weapons"])
    d.w(", “")
    q_start = d.pos
    weak = d.seq([f"the accountability of {weapon}, once turned over to any ",
                  ("not", "M13", demonym, "Generic: any one of them, no particular actor."), ", is "])
    judged = d.seq(["at best weak"])
    weak = (weak[0], judged[1])
    d.w(" and ")
    nonexistent_start = d.w("it ")
    hedge = d.seq(["may"])
    d.w(" be nonexistent")
    nonexistent = (nonexistent_start, d.pos)
    d.w(".")
    q_end = d.pos
    d.w("”\n")
    q3 = d.quote((q_start, q_end), "partial", c["person1"][0], cue, source=report, addressee=outlet[0], inferred=("source_id",), notes=ONLY_OUTLET)
    a = d.attribution((content_start, q_end), cue, c["person1"][0], speaker_span=speaker, source=report, addressee=outlet[0], quote=q3,
                      inferred=("source_id",), notes=ONLY_OUTLET)
    d.fact(account, f"The {c['gov1'][1]} can account for all its weapons.", c["gov1"][0], "can account for", "all its weapons", a)
    d.fact(weak, f"Accountability of {weapon} handed to any {demonym} is weak.", "", "is at best", "weak", a, evaluation=judged)
    d.fact(nonexistent, "Accountability is nonexistent.", "", "is", "nonexistent", a, held=Value("PS+", marker=hedge))

    # A paraphrase in straight quote marks: the outlet's attribution holds two of the official's (R7).
    outlet_span = d.seq([short])
    d.w(" ")
    cue6 = d.seq(["paraphrases"])
    d.w(" ")
    official = d.seq([("nom", u["anon"], ["an anonymous official in the ", c["gov0"]])])
    d.w(" ")
    cue7 = d.seq(["saying"])
    d.w(" that \"")
    q_start = d.pos
    risk = d.seq(["the risk of not arming the ", c["group0"], " was greater than the risk of arming ",
                  ("not", "M12", "them", "Open antecedent: the militia or the forces it would fight (I3).")])
    d.w(rng.choice((" ... ", " … ")))
    cue8 = d.seq(["adding"])
    d.w(" that ")
    added_start = d.w("this ")
    hedge = d.seq(["didn't mean"])
    d.w(" ")
    unconcerned = d.seq([("nom", c["gov0"], ["the administration"]), " was unconcerned about the risks"])
    q_end = d.pos
    d.w(".\"\n")
    q4 = d.quote((q_start, q_end), "paraphrase_in_quote_marks", u["anon"][0], cue7, source=report, inferred=("source_id",),
                 notes="The words in the marks are the outlet's paraphrase of the official.")
    a6 = d.attribution((official[0], q_end), cue6, outlet[0], speaker_span=outlet_span, source=report, inferred=("source_id",), notes=ONLY_OUTLET)
    a7 = d.attribution(risk, cue7, u["anon"][0], speaker_span=official, source=report, parent=a6, quote=q4, inferred=("source_id",),
                       notes=ONLY_OUTLET)
    a8 = d.attribution((added_start, q_end), cue8, u["anon"][0], source=report, parent=a6, quote=q4, inferred=("source_id",), notes=ONLY_OUTLET)
    d.fact(risk, f"The risk of not arming the {c['group0'][1]} was greater than the risk of arming them.", "", "is greater than",
           "the risk of arming them", a7)
    d.fact(unconcerned, f"The {c['gov0'][1]} was unconcerned about the risks.", c["gov0"][0], "was unconcerned about", "the risks", a8,
           held=Value("CT-", marker=hedge))  # V5: 'this didn't mean X' rejects X

    fillers(d, rng, c, u, places, FIRST_FILLERS, meta["party_variant"], first=True)

    # A dated newspaper piece quoted as a block; 'As ... explained' commits the author to all of it (V7).
    as_span = d.seq(["As"])
    d.w(" ")
    journalist = d.seq([c["journalist0"]])
    d.w(" ")
    cue = d.seq(["explained"])
    d.seq([" in the ", c["outlet1"], " back on "])
    date = d.seq([f"{MONTHS[month]} {day}, {year}"])
    iso = f"{year}-{month + 1:02d}-{day:02d}"
    piece = d.source((journalist[0], d.pos), "newspaper_piece", outlet=c["outlet1"][0], author=c["journalist0"][0], date=date, edtf=iso, iso=iso,
                     precision="day", notes="The article does not say whether the piece is a column or a news story.")
    d.w(",\n")
    q_start = d.pos
    cash = d.seq(["[The ", c["group1"], "] took cash payments to stay out of the fight rather than bomb ",
                  ("not", "M12", "them", "Open antecedent (I3).")])
    d.w(". ")
    hated = d.seq([("nom", u["soldiers"], ["The ", c["forces0"], " soldiers ", ("pro", c["journalist0"], "I"), " travelled with"]),
                   " hated paying the ", c["group1"]])
    d.w(". But ")
    fighting = d.seq([("pro", u["soldiers"], "they"), " hated fighting ", ("pro", c["group1"], "them"), " even more"])
    d.w(". ")
    lull = d.seq(["It all led to a lull in the killing"])
    d.w(", one of the surge’s key goals. ")
    when = d.w("When ")
    stopped = d.seq(["the ", c["gov1"], " stopped the flow of money "])
    time = d.seq([f"in {year - 1}"])
    stopped = (stopped[0], time[1])
    d.w(", the violence began anew")
    anew = (when, d.pos)
    d.w(" and ")
    toll = d.seq([("not", "M12", "its", "The violence's: not an actor."), " toll rose"])
    d.w(".")
    q_end = d.pos
    d.w("\n")
    q5 = d.quote((q_start, q_end), "block", c["journalist0"][0], cue, source=piece)
    a = d.attribution((q_start, q_end), cue, c["journalist0"][0], speaker_span=journalist, source=piece, quote=q5)
    commits = Value("CT+", marker=as_span)
    d.fact(cash, f"The {c['group1'][1]} took cash payments to stay out of the fight.", c["group1"][0], "took cash payments",
           "to stay out of the fight", a, author=commits)
    d.fact(hated, f"The soldiers hated paying the {c['group1'][1]}.", u["soldiers"][0], "hated paying", c["group1"][1], a, author=commits)
    d.fact(fighting, f"The soldiers hated fighting the {c['group1'][1]} even more.", u["soldiers"][0], "hated fighting", c["group1"][1], a,
           author=commits)
    d.fact(lull, "It all led to a lull in the killing.", "", "led to", "a lull in the killing", a, author=commits)
    d.fact(stopped, f"The {c['gov1'][1]} stopped the flow of money in {year - 1}.", c["gov1"][0], "stopped", "the flow of money", a,
           author=commits, time=time, time_edtf=str(year - 1))
    d.fact(anew, "The violence began again when the money stopped.", "", "began anew", "", a, author=commits)
    d.fact(toll, "The violence's toll rose.", "", "rose", "", a, author=commits)

    fillers(d, rng, c, u, places, meta["fillers"] - FIRST_FILLERS, meta["party_variant"])

    # A block quote with indirect speech nested inside it, and a conditional.
    outlet_span = d.seq([outlet])
    d.w(" ")
    cue_block = d.seq(["reports"])
    d.w(",\n")
    block_start = d.pos
    official = d.seq([("nom", u["senior"], ["One senior administration official"])])
    d.w(" ")
    cue_told = d.seq(["told"])
    d.seq([" ", ("pro", outlet, "us"), " that "])
    aware = d.seq(["the ", c["gov1"], " is aware of this"])
    d.w(", but ")
    caught = d.seq(["is caught in a dilemma"])
    told = (aware[0], caught[1])
    d.w(". ")
    flawed_start = d.w("The ")
    judged = d.seq(["flawed"])
    d.seq([" ", c["forces1"]])
    flawed = (flawed_start, d.pos)
    d.w(" are ")
    unable = d.seq(["unable"])
    d.seq([" to fight the ", c["group1"], " without officers from ", c["state2"]])
    able = (flawed_start, d.pos)
    d.w(". And yet, ")
    condition = d.seq(["if ", c["state0"], f" stopped sending {weapon} to the ", c["forces1"]])
    d.w(", ")
    worse_start = d.w("things would get even ")
    worse = d.seq(["worse"])
    d.w(".")
    block = (block_start, d.pos)
    d.w("\n")
    q6 = d.quote(block, "block", outlet[0], cue_block, source=report, inferred=("source_id",), notes=ONLY_OUTLET)
    q7 = d.quote(told, "indirect", u["senior"][0], cue_told, source=report, addressee=outlet[0], parent=q6, inferred=("source_id",),
                 notes=ONLY_OUTLET)
    a10 = d.attribution(block, cue_block, outlet[0], speaker_span=outlet_span, source=report, quote=q6, inferred=("source_id",), notes=ONLY_OUTLET)
    a11 = d.attribution(told, cue_told, u["senior"][0], speaker_span=official, source=report, addressee=outlet[0], parent=a10, quote=q7,
                        inferred=("source_id",), notes=ONLY_OUTLET)
    d.fact(aware, f"The {c['gov1'][1]} is aware of this.", c["gov1"][0], "is aware of", "this", a11)
    d.fact(caught, f"The {c['gov1'][1]} is caught in a dilemma.", c["gov1"][0], "is caught in", "a dilemma", a11)
    d.fact(flawed, f"The {c['forces1'][1]} are flawed.", c["forces1"][0], "are", "flawed", a10, evaluation=judged)
    d.fact(able, f"The {c['forces1'][1]} are able to fight the {c['group1'][1]} without officers from {c['state2'][1]}.", c["forces1"][0],
           "are able to fight", c["group1"][1], a10, held=Value("CT-", marker=unable))
    d.fact((worse_start, worse[1]), "Things would get even worse.", "", "would get", "worse", a10, held=PLAIN, condition=condition,
           evaluation=worse)

    # The caption, last line, no trailing newline (as in the real text).
    caption_start = d.w("Photo: ")
    made_start = d.pos
    d.seq([c["state0"], f"-made {vehicle}"])
    made = (made_start, d.pos)
    d.seq([" draped in ", an(meta["party_variant"]) + " ", party, " flag"])
    d.caption((caption_start, d.pos), photo, provenance, depicts)
    d.fact(made, f"The {vehicle} was made in {c['state0'][1]}.", "", "was made in", c["state0"][1])
    return d
