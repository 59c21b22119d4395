"""One synthetic article: text plus rows, shaped like the real annotated article.

The paragraphs follow the real article's moves (a cited report with a
direct quote, a denial, a photo with its provenance chain, a partial quote,
a paraphrase in straight quote marks, a dated newspaper piece quoted as a
block, a block quote with indirect speech nested in it, a caption), then
filler assertions until the article has about as many facts as the real one.
"""

from corpus_draft import Draft

MONTHS = ("January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December")
SECTIONS = ("Inside Track", "World Briefing", "Analysis", "Dispatches", "Front Line")
OPENERS = ("Of Course They Are", "Nobody Is Surprised", "Again", "Follow the Arms",
           "Quiet Transfers")
REPORT_ADJ = ("damning", "detailed", "leaked", "lengthy", "startling", "new")
WEAPONS = ("rifles", "armoured vehicles", "anti-tank missiles", "night-vision goggles",
           "artillery shells", "drones", "radios")
VEHICLES = ("Abrams tank", "Humvee", "patrol boat", "armoured truck", "Leopard tank")
MEANINGS = ("party of God", "the movement", "the assembly", "the vanguard")
# (text between subject and object, predicate as coded, status)
VERBS = (
    (" supplied weapons to ", "supplied weapons to"),
    (" has been accused of arming ", "is accused of arming"),
    (" denied any role in talks with ", "denied any role in talks with"),
    (" signed a security agreement with ", "signed a security agreement with"),
    (" opened quiet negotiations with ", "opened negotiations with"),
    (" withdrew its support from ", "withdrew support from"),
    (" has trained fighters loyal to ", "trained fighters loyal to"),
    (" was sharply criticised by ", "was criticised by"),
)
PLACE_VERBS = (
    (" expanded its operations near ", "expanded operations near"),
    (" moved convoys through ", "moved convoys through"),
    (" withdrew its advisers from ", "withdrew advisers from"),
)
PLAIN_OBJECTS = ("local fighters", "the border guards", "a rival faction", "tribal leaders",
                 "the provincial council", "foreign advisers")
FIRST_FILLERS = 6  # enough to name every per-article actor nothing else names
FILLER_STATUS = ("asserted", "asserted", "asserted", "possible", "opinion", "hypothetical")

UNNAMED = (
    # (role, id suffix, kind, affiliated-to role, name template, description)
    ("deny", "officials-denying", "group_of_people", "gov0",
     "{gov0} officials who denied the transfers",
     "Officials of the {gov0} who publicly denied the transfers; not named."),
    ("confirm", "officials-confirming", "group_of_people", "gov0",
     "{gov0} officials who confirmed the transfers",
     "Other officials of the {gov0} who privately confirmed the transfers; not named."),
    ("anon", "anonymous-official", "person", "gov0",
     "Anonymous official of the {gov0}",
     "An official the cited report paraphrases without naming."),
    ("senior", "senior-official", "person", "gov0",
     "Senior administration official",
     "An official who spoke to the outlet without being named."),
    ("member", "militia-member", "person", "group0",
     "Fighter of the {group0} in the photo",
     "The fighter shown in the photo; not named."),
    ("soldiers", "soldiers-with-author", "group_of_people", "forces0",
     "{forces0} soldiers the author travelled with",
     "Soldiers the quoted author travelled with; not named."),
    ("analyst", "regional-analyst", "person", "",
     "Regional analyst", "An analyst the article quotes without naming."),
    ("residents", "residents", "group_of_people", "",
     "Local residents", "Residents the article refers to as a group."),
    ("commanders", "militia-commanders", "group_of_people", "group1",
     "Commanders of the {group1}", "Commanders the article refers to as a group."),
)


def an(word):
    return "an" if word[0] in "AEIOUaeiou" else "a"


def unnamed_actors(aid, cast):
    """Per-article unnamed actors as (role, actor, row)."""
    names = {role: actor[1] for role, actor in cast.items()}
    out = []
    for role, suffix, kind, aff_role, name, desc in UNNAMED:
        actor = (f"{aid}-{suffix}", name.format(**names))
        affiliation = cast[aff_role][0] if aff_role else ""
        out.append((role, actor, (actor[0], actor[1], "descriptive", kind, "false",
                                  desc.format(**names), affiliation, "", "")))
    return out


def compose(aid, rng, cast, places, meta):
    """Write one article. `cast` maps role -> (actor_id, name); `places` are (id, name)."""
    d = Draft(aid)
    c = cast
    u = {role: actor for role, actor, _ in unnamed_actors(aid, cast)}
    party_text = meta["party_variant"]
    weapon = rng.choice(WEAPONS)
    vehicle = rng.choice(VEHICLES)
    month, day, year = rng.choice(MONTHS), rng.randint(1, 28), rng.randint(2009, 2016)

    d.w(meta["section"] + "\n")
    d.w(meta["title"] + "\n")

    # A cited report, a direct quote from it, and the article's own gloss.
    cue = d.seq(["According to"])
    d.w(" ")
    src_start = d.pos
    opinion = d.seq([f"a {rng.choice(REPORT_ADJ)} report"])
    d.seq([" from ", c["outlet0"], " "])
    date = d.seq([f"{month} {day}"])
    report = d.source((src_start, d.pos), "news_report", outlet=c["outlet0"][0], date=date,
                      edtf=f"XXXX-{MONTHS.index(month) + 1:02d}-{day:02d}",
                      precision="day_month", notes="The article gives no year for the report.")
    d.fact(opinion, "The report is damning.", "", "is", "damning", status="opinion")
    d.w(", “")
    q_start = d.pos
    span = d.seq([c["state0"], f" {weapon} intended for ", ("place", places[0]),
                  "’s beleaguered military are winding up in the possession of the ",
                  c["group0"]])
    d.w(",")
    q1 = d.quote((q_start, d.pos), "direct", c["outlet0"][0], cue, source=report)
    d.fact(span, f"{c['state0'][1]} {weapon} are ending up with the {c['group0'][1]}.",
           c["group0"][0], "come into possession of", f"{c['state0'][1]} {weapon}",
           "reported", c["outlet0"][0], report, q1)
    d.w("” ")
    span = d.seq(["militias that are allied with ", c["state1"]])
    d.fact(span, f"The {c['group0'][1]} are allied with {c['state1'][1]}.",
           c["group0"][0], "are allied with", c["state1"][1])
    d.w(".\n")

    # A public denial, a private confirmation, and a spokesperson's quote.
    span = d.seq([("nom", u["deny"], [c["gov0"], " officials"]),
                  f" publicly denied the {weapon} transfers"])
    d.fact(span, f"{weapon.capitalize()} are being transferred to the {c['group0'][1]}.", "",
           "are transferred to", c["group0"][1], "denied", u["deny"][0])
    d.w(" even as ")
    span = d.seq([("nom", u["confirm"], ["other ", c["gov0"], " officials"]),
                  " privately confirmed the transfers to ", c["outlet0"]])
    d.fact(span, f"{weapon.capitalize()} are being transferred to the {c['group0'][1]}.", "",
           "are transferred to", c["group0"][1], "confirmed", u["confirm"][0], report)
    d.w(". “")
    q_start = d.pos
    span = d.seq(["We have no reason to believe that the ", c["gov1"],
                  f" is moving {weapon} to the ", c["group1"]])
    d.w(",")
    q_end = d.pos
    d.w("” ")
    d.seq([c["agency0"], f" {rng.choice(('spokesman', 'spokeswoman'))} ", c["person0"], " "])
    cue = d.seq(["told"])
    d.seq([" ", c["outlet0"], ".\n"])
    q2 = d.quote((q_start, q_end), "direct", c["person0"][0], cue, report, True, c["outlet0"][0])
    d.fact(span, f"The {c['gov1'][1]} is moving {weapon} to the {c['group1'][1]}.",
           c["gov1"][0], "moves weapons to", c["group1"][1], "denied", c["person0"][0],
           report, q2)

    # A photo reached the article through the report: a provenance chain.
    prov_start = d.pos
    d.seq([c["outlet0"], " posted "])
    photo_span = d.seq(["one photo (shown) from ", c["platform0"]])
    prov = (prov_start, d.pos)
    photo = d.source(photo_span, "photograph", outlet=c["platform0"][0], cited_via=report,
                     notes="Who posted the photo on the platform is not stated.")
    d.w(" of ")
    depicts = d.seq([("nom", u["member"], ["a fighter from the ", c["group0"]]),
                     " with ", an(c["state0"][1]) + " ", c["state0"], f"-made {vehicle} draped in ",
                     an(party_text) + " ", ("as", c["party0"], party_text), " flag"])
    d.fact((prov_start, d.pos), f"{c['outlet0'][1]} posted a photo of a militia fighter.",
           c["outlet0"][0], "posted a photo of", "a militia fighter")
    d.w(". ")
    meaning = rng.choice(MEANINGS)
    span = d.seq([("as", c["party0"], party_text), f", which means “{meaning}”"])
    d.fact(span, f"The name {c['party0'][1]} means '{meaning}'.", c["party0"][0], "means", meaning)
    d.w(" — ")
    span = d.seq(["a militant political party"])
    d.fact(span, f"{c['party0'][1]} is a militant political party.", c["party0"][0], "is",
           "a militant political party")
    d.w(" that ")
    span = d.seq(["used guerrilla warfare against ", c["state2"], " during its occupation of ",
                  ("place", places[1])])
    d.fact(span, f"{c['party0'][1]} used guerrilla warfare against {c['state2'][1]}.",
           c["party0"][0], "used guerrilla warfare against", c["state2"][1])
    d.w(" — ")
    span = d.seq(["has been labeled a terrorist organization by the ", c["gov1"]])
    d.fact(span, f"The {c['gov1'][1]} has labeled {c['party0'][1]} a terrorist organization.",
           c["party0"][0], "is labeled a terrorist organization by", c["gov1"][1])
    d.w(".\n")

    # A partial quote introduced by 'told ... that'.
    d.seq(["Former head of the ", c["agency1"], " ", c["person1"], " "])
    cue = d.seq(["told"])
    d.seq([" ", c["outlet0"], " that, while the "])
    span = d.seq([c["gov1"], " can account for all its weapons"])
    d.fact(span, f"The {c['gov1'][1]} can account for all its weapons.", c["gov1"][0],
           "can account for", "all its weapons", "reported", c["person1"][0], report)
    d.w(", “")
    q_start = d.pos
    span1 = d.seq([f"the accountability of {weapon}, once turned over to the ", c["group1"],
                   ", is at best weak"])
    d.w(" and ")
    span2 = d.seq(["it may be nonexistent"])
    d.w(".")
    q3 = d.quote((q_start, d.pos), "partial", c["person1"][0], cue, report, True, c["outlet0"][0])
    d.fact(span1, f"Accountability of {weapon} handed to the {c['group1'][1]} is weak.", "",
           "is at best", "weak", "reported", c["person1"][0], report, q3)
    d.fact(span2, "Accountability may be nonexistent.", "", "may be", "nonexistent",
           "possible", c["person1"][0], report, q3)
    d.w("”\n")

    # A paraphrase set in straight quote marks, with an ASCII apostrophe.
    d.seq([c["outlet0"], " "])
    cue = d.seq(["paraphrases"])
    d.seq([" ", ("nom", u["anon"], ["an anonymous official in the ", c["gov0"]]), " saying that \""])
    q_start = d.pos
    span1 = d.seq(["the risk of not arming the ", c["group0"], " was greater than the risk of arming them"])
    d.w(rng.choice((" ... ", " … ")) + "adding that ")
    span2 = d.seq(["this didn't mean the administration was unconcerned about the risks"])
    q4 = d.quote((q_start, d.pos), "paraphrase_in_quote_marks", u["anon"][0], cue, report)
    d.w(".\"\n")
    d.fact(span1, "The risk of not arming the militia was greater than the risk of arming it.",
           "", "is greater than", "the risk of arming", "opinion", u["anon"][0], report, q4)
    d.fact(span2, f"The {c['gov0'][1]} is not unconcerned about the risks.", c["gov0"][0],
           "is not unconcerned about", "the risks", "reported", u["anon"][0], report, q4)

    fillers(d, rng, c, u, places, FIRST_FILLERS, party_text, first=True)

    # A dated newspaper piece quoted as a block.
    d.w("As ")
    src_start = d.pos
    d.seq([c["journalist0"], " "])
    cue = d.seq(["explained"])
    d.seq([" in the ", c["outlet1"], " back on "])
    date = d.seq([f"{month} {day}, {year}"])
    piece = d.source((src_start, d.pos), "newspaper_piece", c["outlet1"][0], c["journalist0"][0],
                     date, f"{year}-{MONTHS.index(month) + 1:02d}-{day:02d}",
                     f"{year}-{MONTHS.index(month) + 1:02d}-{day:02d}", "day")
    d.w(",\n")
    q5 = d.next_quote_id()  # the facts inside the block quote point to it
    q_start = d.pos
    span = d.seq(["[The ", c["group1"], "] took cash payments to stay out of the fight."])
    d.fact(span, f"The {c['group1'][1]} took cash payments to stay out of the fight.",
           c["group1"][0], "took cash payments", "to stay out of the fight", "reported",
           c["journalist0"][0], piece, q5)
    d.w(" ")
    span = d.seq([("nom", u["soldiers"], ["The ", c["forces0"], " soldiers I travelled with"]),
                  " hated paying the ", c["group1"]])
    d.fact(span, "The soldiers hated paying the militia.", u["soldiers"][0], "hated paying",
           c["group1"][1], "reported", c["journalist0"][0], piece, q5)
    d.w(". It all led to a lull in the killing, one of the surge’s key goals. When the ")
    start = d.pos
    d.seq([c["gov1"], " stopped the flow of money in "])
    t_start = d.pos
    d.w(f"{year - 1}, the violence began anew.")
    d.fact((start, d.pos), "The violence began again when the money stopped.", c["gov1"][0],
           "stopped", "the flow of money", "reported", c["journalist0"][0], piece, q5,
           time=(t_start, t_start + 4), time_edtf=str(year - 1))
    d.quote((q_start, d.pos), "block", c["journalist0"][0], cue, piece)
    d.w("\n")

    fillers(d, rng, c, u, places, meta["filler_facts"] - FIRST_FILLERS, party_text)

    # A block quote with indirect speech nested inside it.
    d.seq([c["outlet0"], " "])
    cue6 = d.seq(["reports"])
    d.w(",\n")
    q6_start = d.pos
    d.seq([("nom", u["senior"], ["One senior administration official"]), " "])
    cue7 = d.seq(["told ", ("pro", c["outlet0"], "us")])
    d.w(" that ")
    span7 = d.seq(["the ", c["gov1"], " is aware of this, but is caught in a dilemma"])
    q7_end = d.pos
    d.w(". ")
    span6 = d.seq(["The flawed ", c["forces1"], " are unable to fight the ", c["group1"],
                   " without officers from ", c["state2"]])
    d.w(".")
    q6 = d.quote((q6_start, d.pos), "block", c["outlet0"][0], cue6, report)
    q7 = d.quote((span7[0], q7_end), "indirect", u["senior"][0], cue7, report,
                 addressee=c["outlet0"][0], parent=q6)
    d.fact(span7, f"The {c['gov1'][1]} is caught in a dilemma.", c["gov1"][0], "is caught in",
           "a dilemma", "reported", u["senior"][0], report, q7)
    d.fact(span6, f"The {c['forces1'][1]} cannot fight without help.", c["forces1"][0],
           "are unable to fight", c["group1"][1], "reported", c["outlet0"][0], report, q6)
    d.w("\n")

    # The caption, last line, no trailing newline (as in the real text).
    cap_start = d.pos
    d.seq(["Photo: ", c["state0"], f"-made {vehicle} draped in ", an(party_text) + " ",
           ("as", c["party0"], party_text), " flag"])
    d.captions.append(((cap_start, d.pos), photo, prov, depicts, "", ""))
    return d


def fillers(d, rng, c, u, places, count, party_text, first=False):
    """Plain assertions; the first ones name actors nobody has named yet."""
    # (words before, segment, actor id, display name)
    subjects = [("", c["state0"]), ("", c["state1"]), ("the ", c["gov0"]),
                ("the ", c["agency0"]), ("the ", c["forces0"]), ("the ", c["forces1"]),
                ("the ", c["group0"]), ("", ("as", c["party0"], party_text))]
    subjects = [(pre, seg, seg[1][0] if seg[0] == "as" else seg[0],
                 seg[1][1] if seg[0] == "as" else seg[1]) for pre, seg in subjects]
    claimants = [(c[k], c[k][0]) for k in ("person2", "person3", "person4")]
    claimants.append((("nom", u["analyst"], ["A regional analyst"]), u["analyst"][0]))
    pending = []
    if first:
        pending = [("claim", cl) for cl in claimants] + [
            ("subject", ("", ("nom", u["residents"], ["Residents of ", ("place", places[2])]),
                         u["residents"][0], u["residents"][1])),
            ("subject", ("", ("nom", u["commanders"], ["Commanders of the ", c["group1"]]),
                         u["commanders"][0], u["commanders"][1]))]
    for i in range(count):
        d.w("\n" if i and i % 4 == 0 else " " if i else "")
        kind, who = pending.pop(0) if pending else (rng.choice(("claim", "subject", "subject", "subject")), None)
        subject = who if kind == "subject" and who else rng.choice(subjects)
        claimant = ""
        span_start = d.pos
        if kind == "claim":
            seg, claimant = who or rng.choice(claimants[:3])
            d.seq([seg, " said that "])
            span_start = d.pos
        time, edtf = None, ""
        if kind != "claim" and rng.random() < 0.2:
            month, year = rng.choice(MONTHS), rng.randint(2005, 2016)
            d.w("In ")
            time = d.seq([f"{month} {year}"])
            edtf = f"{year}-{MONTHS.index(month) + 1:02d}"
            d.w(", ")
        pre, seg, sid, sname = subject
        if not time and kind != "claim":
            pre = pre.capitalize()
        roll = rng.random()
        if roll < 0.3:
            verb, pred = rng.choice(PLACE_VERBS)
            place = places[rng.randrange(len(places))]
            obj, oname = ("place", place), place[1]
        elif roll < 0.45:
            verb, pred = rng.choice(VERBS)
            opre, oseg, oid, oname = rng.choice(subjects)
            if oid == subject[2]:  # nobody arms itself
                opre, oseg, oid, oname = subjects[(subjects.index(subject) + 1) % len(subjects)] \
                    if subject in subjects else subjects[0]
            obj = [opre, oseg]
        else:
            verb, pred = rng.choice(VERBS)
            oname = rng.choice(PLAIN_OBJECTS)
            obj = oname
        segs = [pre, seg, verb] + (obj if isinstance(obj, list) else [obj])
        end = d.seq(segs)[1]
        status = "reported" if claimant else rng.choice(FILLER_STATUS)
        statement = f"{pre}{sname}{verb}{oname}.".replace("’", "'")
        d.fact((span_start, end), statement[0].upper() + statement[1:],
               sid, pred, oname, status, claimant, time=time, time_edtf=edtf)
        d.w(".")
    d.w("\n")
