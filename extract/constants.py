"""Closed-class words the rules rely on: prepositions, determiners, pronouns, number words.

Open-class words (verbs, nouns, titles, names) are data files in ``extract/data/``;
what is here is grammar, the same for every article.
"""

from __future__ import annotations

__all__ = ["OPEN_PREPOSITIONS", "DIRECTED_PREPOSITIONS", "MANNER_PREPOSITIONS", "QUANTIFIERS", "RELATIVE_PRONOUNS", "HONORIFICS", "ELLIPSIS_VERBS", "OFFICE_PREDICATES", "CONDITIONS", "ANSWERS", "ADVERB_PARTICLES", "QUESTION_MARKS", "NEUTER_OBJECTS", "CLAIM_PREPOSITIONS", "STANCE_PHRASES", "REPORTED_STANCES", "REACTIONS", "ACT_JUDGEMENTS", "MATERIAL_ACTS", "COOPERATIVE_ACTS",
           "DECISIVE_ACTS", "CONTRASTIVE_MODIFIERS", "PLACE_PREPOSITIONS",
           "LOOSE_DESCRIPTIONS", "RECIPROCAL_OBJECTS", "REGION_PREFIXES", "FUNCTION_WORDS", "HEADLINE_QUESTIONS", "PUNITIVE_ACTS",
           "STOP_LEMMAS", "PLACEHOLDERS", "NUMBER_WORDS", "COPULAS", "LINKING_VERBS", "CALLING_PREDICATES", "ASPECTUAL_VERBS", "DISPLAY_NOUNS", "DENYING_VERBS"]

#: Prepositions whose object can be what an unlisted verb acts on ("responded to X", "sided with X");
#: others ("in", "during", "after") set the scene.
OPEN_PREPOSITIONS = frozenset({"to", "with", "against", "at", "on", "for", "from", "over", "about", "into",
                               "toward", "towards", "upon", "of"})
#: Prepositions that name the target of an act ("fired missiles at X", "sanctions on X", "arms to X").
DIRECTED_PREPOSITIONS = frozenset({"at", "against", "on", "to", "with", "toward", "towards", "into", "upon", "from"})

#: Prepositions that give the reason of an act: a stance noun after them is the actor's claim
#: ("cut ties over B's support for C").
CLAIM_PREPOSITIONS = frozenset({"over", "amid", "for"})

#: Complex prepositions of stance: "in favour of X", "in defence of X" (noun after "in" -> the prepositions that
#: may follow it, "|" between them, and the stance).
STANCE_PHRASES = {
    "favour": ("of", "support"),
    "favor": ("of", "support"),
    "support": ("of", "support"),
    "defence": ("of", "support"),
    "defense": ("of", "support"),
    "solidarity": ("with", "support"),
    "opposition": ("to", "oppose"),
    "protest": ("against|at|over", "oppose"),
    "retaliation": ("for", "oppose"),
    "defiance": ("of", "oppose"),
}

#: Nouns that show a stance named after "of" ("in a show of support for X", "as a sign of solidarity with X").
DISPLAY_NOUNS = frozenset({"show", "sign", "gesture", "expression", "demonstration", "token", "mark", "message"})

#: Prepositions whose -ing clause is done by the subject of the verb they hang on ("joined X in condemning Y",
#: "responded by imposing Y"); after others the -ing clause is an object ("called for suspending Y").
MANNER_PREPOSITIONS = frozenset({"in", "by", "after", "before", "through", "while"})

#: Determiner-like words that make a plural noun no group of its own ("many countries", "other nations").
QUANTIFIERS = frozenset({"many", "several", "some", "other", "others", "most", "all", "both", "few", "numerous",
                         "various", "dozens", "hundreds", "certain", "such", "more", "fewer", "these", "those",
                         "their", "its", "our", "the", "two", "three", "four", "five", "six", "seven", "eight",
                         "nine", "ten", "major", "key", "main", "leading", "concerned", "relevant", "individual",
                         "respective", "remaining", "participating", "member", "new", "neighbouring", "neighboring"})

#: Pronouns that open a relative clause: its subject is the noun the clause is about.
RELATIVE_PRONOUNS = frozenset({"who", "which", "that", "whom"})

#: Words of address before a name, not part of it: "Sheikh Tamim" is the person "Tamim ..." too.
HONORIFICS = frozenset({"sheikh", "shaikh", "sir", "dame", "dr", "dr.", "mr", "mr.", "mrs", "mrs.", "ms", "ms.",
                        "prof", "prof.", "professor", "lord", "lady", "prince", "princess", "sayyid", "hajj",
                        "ayatollah", "imam", "rev", "rev.", "reverend", "general", "gen", "gen.", "colonel", "col.",
                        "senator", "sen.", "congressman", "congresswoman", "rep.", "judge", "justice"})

#: Auxiliaries that stand for a verb said before: "X abstained, as did Y".
ELLIPSIS_VERBS = frozenset({"do", "have", "be", "will", "would", "can", "could", "should", "must", "may", "might"})

#: Affiliations by which a person speaks for an actor: what the person says of it is its position, not a claim.
OFFICE_PREDICATES = frozenset({"leaderOf", "ministerOf", "envoyOf", "spokespersonOf"})

#: Nouns of "in return for X doing Y", "in exchange for ...": what follows is a condition, not an act done.
CONDITIONS = frozenset({"return", "exchange"})

#: Adverbs the parser gives a phrasal verb in place of its particle ("hit back at X", "pushed back against Y").
ADVERB_PARTICLES = frozenset({"back", "out", "off", "down", "up", "away", "ahead", "on", "forward"})

#: Object pronouns that stand for a thing told just before ("rejected it", "welcomed this").
NEUTER_OBJECTS = frozenset({"it", "this"})

#: Words that make a demonym a region's ("Latin American", "South American", "West African"): the one-word
#: demonym after them belongs to no actor.
REGION_PREFIXES = frozenset({"North", "South", "East", "West", "Central", "Latin", "Northern", "Southern",
                             "Eastern", "Western", "Southeast", "South-East", "Northeast", "North-East",
                             "Sub-Saharan", "Pan"})

#: Objects that stand for the other subjects of their clause: "A and B accused each other".
RECIPROCAL_OBJECTS = frozenset({"other", "each other", "one another", "another"})

#: Subordinators of an indirect question ("asked whether ...", "asked if ..."): a question, not a wish.
QUESTION_MARKS = frozenset({"whether", "if"})

#: Modifiers that make a description point to an actor other than the one just named ("the other
#: country", "the neighbouring state", "a new government"): the epithet rule of coreference skips them.
CONTRASTIVE_MODIFIERS = frozenset({"other", "another", "new", "former", "second", "third", "first", "last", "next",
                                   "different", "neighbouring", "neighboring", "rival", "opposing", "same", "previous",
                                   "future", "interim", "transitional", "incoming", "outgoing", "foreign", "local",
                                   "host", "member", "opposition", "ruling"})

#: Descriptions too loose to stand for just any actor named before when singular: "Ukrainian lawmakers banned the
#: party" names a political party, not Ukraine; "the party" is only a party named before with that word.
LOOSE_DESCRIPTIONS = frozenset({"party", "side"})

#: Prepositions of place: "the US commander in Iraq", "the UN envoy in Yemen" serve the actor before, not the
#: place.
PLACE_PREPOSITIONS = frozenset({"in", "inside", "across", "throughout", "within"})

#: Answers a verb of saying can take as its particle: "said no to X".
ANSWERS = frozenset({"no", "yes"})

#: Stances a speaker reports rather than accuses: "Ethiopia objected to the request, he said" is the briefer's
#: report of Ethiopia's position; "Iran said the US had violated the deal" (an act, not a position) is an accusation.
REPORTED_STANCES = frozenset({"opposes", "rejects", "criticizes", "condemns", "warnsAgainst", "vetoes",
                              "votesAgainst", "protests", "accuses", "demandsRemovalOf", "boycotts", "forbids"})

#: Predicates of a reaction to what has happened: "welcomed the end of the hostilities" welcomes the end, where
#: "demanded the end of X" opposes X.
REACTIONS = frozenset({"welcomes", "praises"})

#: Stance predicates that name an act done to someone ("aids", "expels"): like actions, their target is
#: whom the act is directed at ("expelled diplomats from X"); a judgement ("condemned the attack on X") is aimed
#: at the doer of what it judges, never at the one it was done to.
MATERIAL_ACTS = frozenset({"aids", "expels", "recalls", "seversTiesWith", "arrests", "boycotts",
                           "threatens", "cooperatesWith", "recognizes", "abandons"})

#: Predicates of a judgement of an act done: "blamed the crisis on the withdrawal of the troops" blames the
#: withdrawal (it does not favour the troops, as "demanded the withdrawal of X" opposes X).
ACT_JUDGEMENTS = frozenset({"accuses", "criticizes", "condemns"})

#: Actions that, when an actor commits to them ("agreed to meet X", "offered to mediate between X and Y"), favour
#: the actor they name; other acts committed to favour doing the act, not the actor it is done to ("agreed to
#: extradite X").
COOPERATIVE_ACTS = frozenset({"meetsWith", "negotiatesWith", "mediates", "restoresTiesWith", "hosts", "signs"})

#: Stance predicates that are acts, not words: what "the decision" or "the move" can refer back to, with every
#: action ("Trump pulled out of the accord. France regretted the decision."), where "urged" or "welcomed" cannot.
DECISIVE_ACTS = frozenset({"recognizes", "expels", "seversTiesWith", "recalls", "attacks", "abandons", "vetoes",
                           "adopts", "votesFor", "votesAgainst", "arrests", "boycotts"})

#: Actions that punish: deciding or agreeing to do one ("decided to impose sanctions", "decided to take
#: countermeasures") is the act itself, not support of it (as "agreed to host talks" supports the talks).
PUNITIVE_ACTS = frozenset({"imposes", "bans", "attacks", "expels", "recalls", "seversTiesWith", "arrests"})

#: Words that open a headline asking what the article explains ("Why China agreed to sanctions"): no statement.
HEADLINE_QUESTIONS = frozenset("why how what who whom whose which when where will would can could should is are does do did"
                               .split())

#: Words a title-case headline capitalises that are never names ("Support ECOWAS On Mali").
FUNCTION_WORDS = frozenset(
    "a an the and or but nor as at by for from in into of off on onto over to up with without against amid after "
    "before about under upon via vs is are was were be been has have had will would can could may might must "
    "shall should not no its it his her their this that these those".split())

#: Words left out of a topic's key: auxiliaries, articles, possessives and demonstratives.
STOP_LEMMAS = frozenset({"be", "have", "do", "the", "a", "an", "its", "their", "his", "her", "this", "these", "that",
                         "those", "such"})

#: Plural words that stand for a noun named before ("the ones", "others"), never a group of their own.
PLACEHOLDERS = frozenset({"ones", "others", "those", "these", "them"})

#: Number words that count the members of a group ("the three countries", "both sides").
NUMBER_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
                "ten": 10}

#: Verbs that link a subject to what it is said to be ("X is catastrophic", "X remains a threat").
COPULAS = ("be", "remain", "become")
#: The copulas, and "stand" ("stands united for X", "stood firm against Y"), for stances told by a state.
LINKING_VERBS = (*COPULAS, "stand")

#: Predicates of a call, which says nothing without what is called for ("calls for restraint"; "a call from
#: X" is a telephone call).
CALLING_PREDICATES = frozenset({"callsFor", "urges"})

#: Verbs of no statement of their own (``data/no_statement.txt``) that, with a noun as object, do what it names:
#: "continued the exploration", "began talks" (but "continued to X", "began X-ing" are the act under them).
ASPECTUAL_VERBS = frozenset({"begin", "start", "continue"})

#: Verbs that deny an act was done: "denied supplying weapons", "denied that it had sent troops" tell no act.
DENYING_VERBS = frozenset({"deny", "refute"})
