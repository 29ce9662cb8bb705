"""Extraction rules on hand-built parses: one test per pattern."""

from docs import make_doc, run, summary, triples

CONJOINED = """
China 2 nsubj PROPN NNP China B-GPE
and 0 cc CCONJ CC and O
Russia 0 conj PROPN NNP Russia B-GPE
urge 3 ROOT VERB VBP urge O
diplomacy 3 dobj NOUN NN diplomacy O
. 3 punct PUNCT . . O
"""


def test_conjoined_subjects_give_one_triple_each():
    assert summary(CONJOINED.replace("China 2 nsubj", "China 3 nsubj")) == {
        ("china", "urges", "support", "diplomacy"),
        ("russia", "urges", "support", "diplomacy"),
    }


def test_metonym_subject_is_canonical_actor():
    rows = """
Beijing 1 nsubj PROPN NNP Beijing B-GPE
opposes 1 ROOT VERB VBZ oppose O
the 3 det DET DT the O
plan 1 dobj NOUN NN plan O
. 1 punct PUNCT . . O
"""
    assert summary(rows) == {("china", "opposes", "oppose", "plan")}


def test_passive_clause_takes_the_agent_as_subject():
    rows = """
Sanctions 2 nsubjpass NOUN NNS sanction O
were 2 auxpass AUX VBD be O
imposed 2 ROOT VERB VBN impose O
by 2 agent ADP IN by O
the 6 det DET DT the O
Security 6 compound PROPN NNP Security B-ORG
Council 3 pobj PROPN NNP Council I-ORG
. 2 punct PUNCT . . O
"""
    # The object of a passive clause is its grammatical subject.
    assert summary(rows) == {("un-security-council", "imposes", "none", "Sanctions")}


def test_negation_is_kept_and_flips_the_stance():
    rows = """
Beijing 3 nsubj PROPN NNP Beijing B-GPE
will 3 aux AUX MD will O
not 3 neg PART RB not O
allow 3 ROOT VERB VB allow O
war 3 dobj NOUN NN war O
. 3 punct PUNCT . . O
"""
    (triple,) = triples(rows)
    assert triple["negated"] is True
    assert triple["polarity"] == "oppose"
    assert triple["relation"] == "not allow"
    assert triple["object_text"] == "war"


def test_unlisted_verb_gives_an_open_statement_and_non_actor_subject_gives_nothing():
    unknown = """
China 1 nsubj PROPN NNP China B-GPE
builds 1 ROOT VERB VBZ build O
walls 1 dobj NOUN NNS wall O
. 1 punct PUNCT . . O
"""
    not_actor = """
Experts 1 nsubj NOUN NNS expert O
oppose 1 ROOT VERB VBP oppose O
war 1 dobj NOUN NN war O
. 1 punct PUNCT . . O
"""
    (open_statement,) = triples(unknown)
    assert (open_statement["subject"], open_statement["predicate"], open_statement["polarity"]) == ("china", "actsOn", "none")
    assert (open_statement["relation"], open_statement["object_text"], open_statement["pattern"]) == ("build", "walls", "open")
    assert open_statement["confidence"] < 0.9  # below a listed verb's
    assert triples(not_actor) == []


def test_call_for_takes_the_prepositional_object():
    rows = """
Japan 1 nsubj PROPN NNP Japan B-GPE
called 1 ROOT VERB VBD call O
for 1 prep ADP IN for O
tougher 4 amod ADJ JJR tough O
sanctions 2 pobj NOUN NNS sanction O
. 1 punct PUNCT . . O
"""
    assert summary(rows) == {("japan", "callsFor", "support", "tougher sanctions")}


def test_conjoined_objects_are_expanded():
    rows = """
France 1 nsubj PROPN NNP France B-GPE
condemned 1 ROOT VERB VBD condemn O
the 3 det DET DT the O
attack 1 dobj NOUN NN attack O
and 3 cc CCONJ CC and O
the 6 det DET DT the O
blockade 3 conj NOUN NN blockade O
. 1 punct PUNCT . . O
"""
    assert summary(rows) == {
        ("france", "condemns", "oppose", "attack"),
        ("france", "condemns", "oppose", "blockade"),
    }


def test_want_x_withdrawn_opposes_x():
    rows = """
Russia 1 nsubj PROPN NNP Russia B-GPE
wants 1 ROOT VERB VBZ want O
the 4 det DET DT the O
missile 4 compound NOUN NN missile O
systems 5 nsubj NOUN NNS system O
withdrawn 1 ccomp VERB VBN withdraw O
. 1 punct PUNCT . . O
"""
    (triple,) = triples(rows)
    assert (triple["subject"], triple["polarity"], triple["object_text"]) == ("russia", "oppose", "missile systems")
    assert triple["relation"] == "want withdrawn"


def test_want_clause_without_removal_supports_the_clause():
    rows = """
Russia 1 nsubj PROPN NNP Russia B-GPE
wants 1 ROOT VERB VBZ want O
tensions 3 nsubj NOUN NNS tension O
defused 1 ccomp VERB VBN defuse O
. 1 punct PUNCT . . O
"""
    assert summary(rows) == {("russia", "wants", "support", "tensions defused")}


def test_demand_removal_of_x_opposes_x():
    rows = """
China 1 nsubj PROPN NNP China B-GPE
demands 1 ROOT VERB VBZ demand O
removal 1 dobj NOUN NN removal O
of 2 prep ADP IN of O
the 5 det DET DT the O
radars 3 pobj NOUN NNS radar O
. 1 punct PUNCT . . O
"""
    (triple,) = triples(rows)
    assert (triple["polarity"], triple["object_text"], triple["relation"]) == ("oppose", "radars", "demand removal of")


def test_title_and_possessive_give_an_affiliation():
    rows = """
China 3 poss PROPN NNP China B-GPE
's 0 case PART POS 's O
UN 3 compound PROPN NNP UN B-ORG
envoy 5 compound NOUN NN envoy O
Liu 5 compound PROPN NNP Liu B-PERSON
Jieyi 6 nsubj PROPN NNP Jieyi I-PERSON
spoke 6 ROOT VERB VBD speak O
. 6 punct PUNCT . . O
"""
    assert ("liu-jieyi", "envoyOf", "none", "china") in summary(rows)


def test_demonym_and_title_give_an_affiliation():
    rows = """
South 1 compound PROPN NNP South B-NORP
Korean 3 amod ADJ JJ korean I-NORP
President 3 compound PROPN NNP President O
Lee 4 nsubj PROPN NNP Lee B-PERSON
left 4 ROOT VERB VBD leave O
. 4 punct PUNCT . . O
"""
    assert ("lee", "leaderOf", "none", "south-korea") in summary(rows)


def test_he_resolves_to_the_person_named_before():
    rows = """
Liu 1 compound PROPN NNP Liu B-PERSON
Jieyi 2 nsubj PROPN NNP Jieyi I-PERSON
arrived 2 ROOT VERB VBD arrive O
. 2 punct PUNCT . . O
He 5 nsubj PRON PRP he O
urged 5 ROOT VERB VBD urge O
restraint 5 dobj NOUN NN restraint O
. 5 punct PUNCT . . O
"""
    found = triples(rows)
    assert [(t["subject"], t["predicate"], t["object_text"], t["pattern"]) for t in found] == [
        ("liu-jieyi", "urges", "restraint", "svo_coref")
    ]


def test_they_resolves_to_the_last_plural_actor_subject():
    rows = """
China 2 nsubj PROPN NNP China B-GPE
and 0 cc CCONJ CC and O
Russia 0 conj PROPN NNP Russia B-GPE
met 2 ROOT VERB VBD meet O
. 3 punct PUNCT . . O
They 6 nsubj PRON PRP they O
reject 6 ROOT VERB VBP reject O
sanctions 6 dobj NOUN NNS sanction O
. 6 punct PUNCT . . O
"""
    rows = rows.replace("China 2 nsubj", "China 3 nsubj").replace("met 2 ROOT", "met 3 ROOT")
    found = {(t["subject"], t["predicate"], t["object_text"]) for t in triples(rows)}
    assert ("china", "rejects", "sanctions") in found
    assert ("russia", "rejects", "sanctions") in found


def test_they_does_not_jump_over_a_plural_subject_that_is_not_an_actor():
    rows = """
China 1 nsubj PROPN NNP China B-GPE
spoke 1 ROOT VERB VBD speak O
. 1 punct PUNCT . . O
New 4 amod ADJ JJ new O
rules 5 nsubj NOUN NNS rule O
apply 5 ROOT VERB VBP apply O
. 5 punct PUNCT . . O
They 8 nsubj PRON PRP they O
ban 8 ROOT VERB VBP ban O
exports 8 dobj NOUN NNS export O
. 8 punct PUNCT . . O
"""
    assert triples(rows) == []


def test_his_government_is_the_state_the_person_serves():
    rows = """
China 3 poss PROPN NNP China B-GPE
's 0 case PART POS 's O
UN 3 compound PROPN NNP UN B-ORG
envoy 5 compound NOUN NN envoy O
Liu 5 compound PROPN NNP Liu B-PERSON
Jieyi 6 nsubj PROPN NNP Jieyi I-PERSON
said 6 ROOT VERB VBD say O
his 8 poss PRON PRP$ his O
government 9 nsubj NOUN NN government O
rejects 6 ccomp VERB VBZ reject O
the 11 det DET DT the O
plan 9 dobj NOUN NN plan O
. 6 punct PUNCT . . O
"""
    found = triples(rows)
    stance = [t for t in found if t["predicate"] == "rejects"]
    # the envoy speaks for China: what he says of his government is China's position, not his claim about it
    assert [(t["subject"], t["object_text"], t["speaker"]) for t in stance] == [("china", "plan", None)]


def test_verb_parsed_as_modifier_is_repaired():
    rows = """
Russia 4 nmod PROPN NNP Russia B-GPE
and 0 cc CCONJ CC and O
China 0 conj PROPN NNP China B-GPE
urge 4 amod ADJ JJ urge O
diplomacy 4 ROOT NOUN NN diplomacy O
. 4 punct PUNCT . . O
"""
    doc = run(make_doc(rows))
    assert doc[3].dep_ == "ROOT" and doc[0].dep_ == "nsubj" and doc[4].dep_ == "dobj"
    found = {(t["subject"], t["predicate"], t["object_text"]) for t in doc.user_data["newskg"]["triples"]}
    assert found == {("russia", "urges", "diplomacy"), ("china", "urges", "diplomacy")}


def test_a_finite_verb_parsed_as_the_clause_of_its_subject_is_repaired():
    rows = """
The 1 det DET DT the O
alliance 1 ROOT NOUN NN alliance O
condemned 1 acl VERB VBD condemn O
the 4 det DET DT the O
strikes 2 dobj NOUN NNS strike O
. 1 punct PUNCT . . O
"""
    doc = run(make_doc(rows))
    assert doc[2].dep_ == "ROOT" and doc[1].dep_ == "nsubj" and doc[1].head.i == 2 and doc[5].head.i == 2
    passive = """
The 1 det DET DT the O
text 1 ROOT NOUN NN text O
adopted 1 acl VERB VBD adopt O
by 2 agent ADP IN by O
Japan 3 pobj PROPN NNP Japan B-GPE
. 1 punct PUNCT . . O
"""
    doc = run(make_doc(passive))
    assert doc[1].dep_ == "ROOT" and doc[2].dep_ == "acl"  # "the text adopted by Japan" stays a noun phrase


def test_a_name_in_capitals_read_as_the_root_verb_is_the_subject_of_its_clause():
    # "PEDRO ALVES (Portugal) said ...": the first word of the name tagged as the root verb
    rows = """
PEDRO 0 ROOT VERB VBD PEDRO O
ALVES 0 ccomp PROPN NNP ALVES B-PERSON
( 3 punct PUNCT -LRB- ( O
Portugal 1 appos PROPN NNP Portugal B-GPE
) 3 punct PUNCT -RRB- ) O
said 0 ccomp VERB VBD say O
the 7 det DET DT the O
text 8 nsubj NOUN NN text O
was 5 ccomp AUX VBD be O
fair 8 acomp ADJ JJ fair O
. 0 punct PUNCT . . O
"""
    doc = make_doc(rows)
    doc[1].head = doc[5]
    doc[1].dep_ = "nsubj"
    doc = run(doc)
    assert doc[5].dep_ == "ROOT" and doc[0].head.i == 1 and doc[0].dep_ == "compound" and doc[0].pos_ == "PROPN"
    assert doc[10].head.i == 5


def test_a_speaker_s_second_verb_after_but_is_the_speaker_s():
    # "N said the text was fair but regretted that ...": "regretted" parsed as a conjunct inside the clause said
    rows = """
Peru 1 nsubj PROPN NNP Peru B-GPE
said 1 ROOT VERB VBD say O
the 3 det DET DT the O
text 4 nsubj NOUN NN text O
was 1 ccomp AUX VBD be O
fair 4 acomp ADJ JJ fair O
but 4 cc CCONJ CC but O
regretted 4 conj VERB VBD regret O
the 9 det DET DT the O
delay 7 dobj NOUN NN delay O
. 1 punct PUNCT . . O
"""
    doc = run(make_doc(rows))
    assert doc[7].head.i == 1 and doc[7].dep_ == "conj" and doc[6].head.i == 1
    found = {(t["subject"], t["predicate"]) for t in doc.user_data["newskg"]["triples"]}
    assert ("peru", "criticizes") in found
    # about an actor, the clause keeps its verb: "N said China regretted X and reiterated Y" is China's
    rows = """
Peru 1 nsubj PROPN NNP Peru B-GPE
said 1 ROOT VERB VBD say O
China 3 nsubj PROPN NNP China B-GPE
was 1 ccomp AUX VBD be O
firm 3 acomp ADJ JJ firm O
but 3 cc CCONJ CC but O
regretted 3 conj VERB VBD regret O
the 8 det DET DT the O
delay 6 dobj NOUN NN delay O
. 1 punct PUNCT . . O
"""
    doc = run(make_doc(rows))
    assert doc[6].head.i == 3


def test_an_acronym_tagged_as_a_verb_before_a_verb_is_its_subject():
    # "ECOWAS imposed sanctions": the tagger read the acronym as the verb and the verb as a modifier of the object
    rows = """
ECOWAS 0 ROOT VERB VBG ECOWAS O
imposed 2 amod VERB VBN impose O
sanctions 0 dobj NOUN NNS sanction O
on 2 prep ADP IN on O
Mali 3 pobj PROPN NNP Mali B-GPE
. 0 punct PUNCT . . O
"""
    doc = run(make_doc(rows))
    assert (doc[1].dep_, doc[0].dep_, doc[0].head.i, doc[0].pos_) == ("ROOT", "nsubj", 1, "PROPN")
    assert doc[2].head.i == 1 and doc[5].head.i == 1 and doc[1].tag_ == "VBD"
    # "IGAD called for a ceasefire": the acronym read as a passive auxiliary
    rows = """
IGAD 1 auxpass AUX NNP IGAD B-ORG
called 1 ROOT VERB VBN call O
for 1 prep ADP IN for O
a 4 det DET DT a O
ceasefire 2 pobj NOUN NN ceasefire O
. 1 punct PUNCT . . O
"""
    doc = run(make_doc(rows))
    assert (doc[0].dep_, doc[0].pos_, doc[1].tag_) == ("nsubj", "PROPN", "VBD")
    # a verb in capitals before a noun (a headline word) is left alone
    rows = """
WARNS 0 ROOT VERB VBZ warn O
troops 0 dobj NOUN NNS troop O
. 0 punct PUNCT . . O
"""
    doc = run(make_doc(rows))
    assert doc[0].dep_ == "ROOT" and doc[0].pos_ == "VERB"


def test_a_verb_form_tagged_as_the_root_noun_with_subjects_is_the_verb():
    # "Macron, Scholz urge Putin": the tagger read "urge" as a noun with two subjects
    rows = """
Macron 3 nsubj PROPN NNP Macron B-PERSON
, 3 punct PUNCT , , O
Scholz 3 nsubj PROPN NNP Scholz B-PERSON
urge 3 ROOT NOUN NN urge O
Putin 3 dobj PROPN NNP Putin B-PERSON
. 3 punct PUNCT . . O
"""
    doc = run(make_doc(rows))
    assert (doc[3].pos_, doc[3].tag_, doc[2].dep_, doc[2].head.i) == ("VERB", "VBP", "conj", 0)


def test_a_headline_infinitive_of_plan_has_the_noun_before_it_as_subject():
    rows = """
Japan 0 ROOT PROPN NNP Japan B-GPE
to 2 aux PART TO to O
resume 0 acl VERB VB resume O
talks 2 dobj NOUN NNS talk O
"""
    doc = run(make_doc(rows))
    assert (doc[2].dep_, doc[0].dep_, doc[0].head.i) == ("ROOT", "nsubj", 2)
    # a noun phrase that does not open the sentence keeps its clause ("a plan by Japan to resume talks")
    rows = """
a 1 det DET DT a O
plan 1 ROOT NOUN NN plan O
by 1 prep ADP IN by O
Japan 2 pobj PROPN NNP Japan B-GPE
to 5 aux PART TO to O
resume 3 acl VERB VB resume O
talks 5 dobj NOUN NNS talk O
"""
    doc = run(make_doc(rows))
    assert doc[1].dep_ == "ROOT" and doc[5].dep_ == "acl"


def test_an_infinitive_past_the_object_of_a_complement_completes_the_complement():
    # "Washington kept pressing the junta to restore democracy": the parser hung "restore" on "kept"
    rows = """
Washington 1 nsubj PROPN NNP Washington B-GPE
kept 1 ROOT VERB VBD keep O
pressing 1 xcomp VERB VBG press O
the 4 det DET DT the O
junta 2 dobj NOUN NN junta O
to 6 aux PART TO to O
restore 1 xcomp VERB VB restore O
democracy 6 dobj NOUN NN democracy O
. 1 punct PUNCT . . O
"""
    doc = run(make_doc(rows))
    assert doc[6].head.i == 2
    # an infinitive after a complement with no object stays where it is ("kept trying to restore")
    rows = rows.replace("pressing 1 xcomp VERB VBG press O\nthe 4 det DET DT the O\njunta 2 dobj NOUN NN junta O",
                        "pressing 1 xcomp VERB VBG press O\nthe 4 det DET DT the O\njunta 1 npadvmod NOUN NN junta O")
    doc = run(make_doc(rows))
    assert doc[6].head.i == 1


def test_an_appositive_noun_before_a_subjectless_verb_becomes_its_subject():
    # "In response to the list, a spokesperson for Peru said ...": the parser hung the speaker on the list
    rows = """
In 8 prep ADP IN in O
response 0 pobj NOUN NN response O
to 1 prep ADP IN to O
the 4 det DET DT the O
list 2 pobj NOUN NN list O
, 4 punct PUNCT , , O
a 7 det DET DT a O
spokesperson 4 appos NOUN NN spokesperson O
said 8 ROOT VERB VBD say O
. 8 punct PUNCT . . O
"""
    doc = run(make_doc(rows))
    assert doc[7].dep_ == "nsubj" and doc[7].head.i == 8
    # a verb with a subject of its own keeps it, and the apposition stays one
    rows = """
In 9 prep ADP IN in O
response 0 pobj NOUN NN response O
to 1 prep ADP IN to O
the 4 det DET DT the O
list 2 pobj NOUN NN list O
, 4 punct PUNCT , , O
a 7 det DET DT a O
spokesperson 4 appos NOUN NN spokesperson O
Peru 9 nsubj PROPN NNP Peru B-GPE
said 9 ROOT VERB VBD say O
. 9 punct PUNCT . . O
"""
    doc = run(make_doc(rows))
    assert doc[7].dep_ == "appos" and doc[8].dep_ == "nsubj"


def test_an_infinitive_with_a_subject_of_its_own_is_no_act_done():
    # "Chile helped Peru build a port": Peru has built nothing (an open relation is a fact told, not a wish)
    rows = """
Chile 1 nsubj PROPN NNP Chile B-GPE
helped 1 ROOT VERB VBD help O
Peru 3 nsubj PROPN NNP Peru B-GPE
build 1 ccomp VERB VB build O
a 5 det DET DT a O
port 3 dobj NOUN NN port O
. 1 punct PUNCT . . O
"""
    assert not [t for t in triples(rows) if t["subject"] == "peru"]
    # with an auxiliary the clause is finite: "said Peru did not build a port" is told of Peru
    rows = """
Chile 1 nsubj PROPN NNP Chile B-GPE
said 1 ROOT VERB VBD say O
Peru 5 nsubj PROPN NNP Peru B-GPE
did 5 aux AUX VBD do O
not 5 neg PART RB not O
build 1 ccomp VERB VB build O
a 7 det DET DT a O
port 5 dobj NOUN NN port O
. 1 punct PUNCT . . O
"""
    assert [(t["subject"], t["polarity"]) for t in triples(rows) if t["subject"] == "peru"] == [("peru", "oppose")]


def test_agree_to_permit_takes_the_inner_object_and_both_verbs():
    rows = """
Japan 1 nsubj PROPN NNP Japan B-GPE
agreed 1 ROOT VERB VBD agree O
to 3 aux PART TO to O
permit 1 xcomp VERB VB permit O
inspections 3 dobj NOUN NNS inspection O
. 1 punct PUNCT . . O
"""
    (triple,) = triples(rows)
    assert (triple["subject"], triple["polarity"], triple["object_text"]) == ("japan", "support", "inspections")
    assert triple["relation"] == "agree to permit"


def test_copular_stance_with_preposition():
    rows = """
Moscow 3 nsubj PROPN NNP Moscow B-GPE
and 0 cc CCONJ CC and O
Paris 0 conj PROPN NNP Paris B-GPE
are 3 ROOT AUX VBP be O
united 3 acomp ADJ JJ united O
for 4 prep ADP IN for O
peace 5 pobj NOUN NN peace O
. 3 punct PUNCT . . O
"""
    assert summary(rows) == {("russia", "supports", "support", "peace"), ("france", "supports", "support", "peace")}


def test_possessive_event_noun():
    rows = """
Iran 2 poss PROPN NNP Iran B-GPE
's 0 case PART POS 's O
missile 3 compound NOUN NN missile O
test 4 nsubj NOUN NN test O
alarmed 4 ROOT VERB VBD alarm O
observers 4 dobj NOUN NNS observer O
. 4 punct PUNCT . . O
"""
    rows = rows.replace("Iran 2 poss", "Iran 3 poss")
    assert ("iran", "tests", "none", "missile") in summary(rows)


def test_reciprocal_verb_with_conjoined_subjects():
    rows = """
Japan 3 nsubj PROPN NNP Japan B-GPE
and 0 cc CCONJ CC and O
France 0 conj PROPN NNP France B-GPE
met 3 ROOT VERB VBD meet O
. 3 punct PUNCT . . O
"""
    assert summary(rows) == {("japan", "meetsWith", "none", "france")}


def test_an_acronym_defined_after_a_named_agreement_is_the_same_document():
    rows = """
Iran 1 nsubj PROPN NNP Iran B-GPE
signed 1 ROOT VERB VBD sign O
the 5 det DET DT the O
Joint 5 compound PROPN NNP Joint O
Comprehensive 5 compound PROPN NNP Comprehensive O
Plan 1 dobj PROPN NNP Plan O
of 5 prep ADP IN of O
Action 6 pobj PROPN NNP Action O
( 9 punct PUNCT -LRB- ( O
JCPOA 5 appos PROPN NNP JCPOA O
) 9 punct PUNCT -RRB- ) O
. 1 punct PUNCT . . O
France 13 nsubj PROPN NNP France B-GPE
defended 13 ROOT VERB VBD defend O
the 15 det DET DT the O
accord 13 dobj NOUN NN accord O
. 13 punct PUNCT . . O
"""
    found = summary(rows)
    assert ("iran", "signs", "none", "joint-comprehensive-plan-of-action") in found
    assert ("france", "supports", "support", "joint-comprehensive-plan-of-action") in found


def test_an_act_committed_to_is_a_position_for_doing_it():
    offered = """
Kenya 1 nsubj PROPN NNP Kenya B-GPE
offered 1 ROOT VERB VBD offer O
to 3 aux PART TO to O
build 1 xcomp VERB VB build O
walls 3 dobj NOUN NNS wall O
. 1 punct PUNCT . . O
"""
    ready = """
Kenya 1 nsubj PROPN NNP Kenya B-GPE
was 1 ROOT AUX VBD be O
ready 1 acomp ADJ JJ ready O
to 4 aux PART TO to O
build 2 xcomp VERB VB build O
walls 4 dobj NOUN NNS wall O
. 1 punct PUNCT . . O
"""
    for rows, relation in ((offered, "offer to build"), (ready, "ready to build")):
        (triple,) = triples(rows)
        assert (triple["subject"], triple["polarity"], triple["object_text"]) == ("kenya", "support", "build walls")
        assert triple["relation"] == relation


def test_what_a_speaker_says_should_be_done_is_called_for():
    rows = """
Kenya 1 nsubj PROPN NNP Kenya B-GPE
said 1 ROOT VERB VBD say O
talks 4 nsubj NOUN NNS talk O
should 4 aux AUX MD should O
resume 1 ccomp VERB VB resume O
. 1 punct PUNCT . . O
"""
    negated = rows.replace("should 4 aux AUX MD should O", "must 4 aux AUX MD must O\nnot 5 neg PART RB not O")
    negated = negated.replace("talks 4 nsubj", "talks 5 nsubj").replace("must 4 aux", "must 5 aux")
    (called,) = [t for t in triples(rows) if t["pattern"] == "obligation"]
    assert (called["subject"], called["predicate"], called["polarity"], called["object_text"]) == (
        "kenya", "callsFor", "support", "talks resume")
    (against,) = [t for t in triples(negated) if t["pattern"] == "obligation"]
    assert (against["subject"], against["polarity"], against["object_text"]) == ("kenya", "oppose", "talks resume")


def test_an_actor_that_follows_suit_does_what_the_last_actor_did():
    rows = """
Japan 1 nsubj PROPN NNP Japan B-GPE
condemned 1 ROOT VERB VBD condemn O
the 3 det DET DT the O
tests 1 dobj NOUN NNS test O
. 1 punct PUNCT . . O
Kenya 6 nsubj PROPN NNP Kenya B-GPE
followed 6 ROOT VERB VBD follow O
suit 6 dobj NOUN NN suit O
. 6 punct PUNCT . . O
"""
    found = {(t["subject"], t["polarity"], t["object_text"], t["pattern"]) for t in triples(rows)}
    assert ("kenya", "oppose", "tests", "following") in found
    assert ("japan", "oppose", "tests", "svo") in found


def test_the_decision_is_the_act_told_before_by_another_actor():
    rows = """
Japan 1 nsubj PROPN NNP Japan B-GPE
expelled 1 ROOT VERB VBD expel O
diplomats 1 dobj NOUN NNS diplomat O
. 1 punct PUNCT . . O
Kenya 5 nsubj PROPN NNP Kenya B-GPE
condemned 5 ROOT VERB VBD condemn O
the 7 det DET DT the O
decision 5 dobj NOUN NN decision O
. 5 punct PUNCT . . O
"""
    (condemned,) = [t for t in triples(rows) if t["subject"] == "kenya"]
    assert condemned["polarity"] == "oppose"
    assert condemned["object_text"] == "decision (Japan expel diplomats)"


def test_wrongdoing_told_of_another_is_the_speakers_accusation():
    rows = """
Kirby 1 nsubj PROPN NNP Kirby B-PERSON
said 1 ROOT VERB VBD say O
Beijing 4 nsubj PROPN NNP Beijing B-GPE
had 4 aux AUX VBD have O
overreacted 1 ccomp VERB VBN overreact O
. 1 punct PUNCT . . O
"""
    assert ("kirby", "accuses", "oppose", "china") in summary(rows)
    denied = rows.replace("overreacted 1 ccomp", "not 5 neg PART RB not O\noverreacted 1 ccomp").replace(
        "Beijing 4 nsubj", "Beijing 5 nsubj").replace("had 4 aux", "had 5 aux")
    assert not any(t[1] == "accuses" for t in summary(denied))


def test_an_act_done_to_people_is_an_act():
    rows = """
Canada 1 nsubj PROPN NNP Canada B-GPE
expelled 1 ROOT VERB VBD expel O
four 3 nummod NUM CD four B-CARDINAL
diplomats 1 dobj NOUN NNS diplomat O
. 1 punct PUNCT . . O
"""
    assert summary(rows) == {("canada", "expels", "none", "four diplomats")}


def test_bare_nouns_sharing_a_modifier_are_one_object():
    rows = """
Beijing 3 nsubj PROPN NNP Beijing B-GPE
will 3 aux AUX MD will O
not 3 neg PART RB not O
allow 3 ROOT VERB VB allow O
war 3 dobj NOUN NN war O
and 4 cc CCONJ CC and O
chaos 4 conj NOUN NN chaos O
on 4 prep ADP IN on O
the 9 det DET DT the O
peninsula 7 pobj NOUN NN peninsula O
. 3 punct PUNCT . . O
"""
    assert [t["object_text"] for t in triples(rows)] == ["war and chaos on the peninsula"]


def test_an_object_that_says_how_gives_way_to_what_follows_it():
    rows = """
Iran 1 nsubj PROPN NNP Iran B-GPE
set 1 ROOT VERB VBD set O
fire 1 dobj NOUN NN fire O
to 1 prep ADP IN to O
the 5 det DET DT the O
flag 3 pobj NOUN NN flag O
. 1 punct PUNCT . . O
"""
    assert {(t[0], t[2], t[3]) for t in summary(rows)} == {("iran", "none", "flag")}
    assert not summary(rows.replace("to 1 prep ADP IN to O\nthe 5 det DET DT the O\nflag 3 pobj NOUN NN flag O\n", ""))


def test_what_a_speaker_says_another_should_do_is_no_stance_of_the_other():
    rows = """
NATO 1 nsubj PROPN NNP NATO B-ORG
said 1 ROOT VERB VBD say O
Russia 4 nsubj PROPN NNP Russia B-GPE
should 4 aux AUX MD should O
comply 1 ccomp VERB VB comply O
with 4 prep ADP IN with O
the 7 det DET DT the O
ruling 5 pobj NOUN NN ruling O
. 1 punct PUNCT . . O
"""
    found = summary(rows)
    assert ("nato", "callsFor", "support", "Russia comply with the ruling") in found
    assert not any(t[0] == "russia" for t in found), found


def test_a_rejected_claim_tells_no_fact():
    rows = """
China 1 nsubj PROPN NNP China B-GPE
rejected 1 ROOT VERB VBD reject O
claims 1 dobj NOUN NNS claim O
that 6 mark SCONJ IN that O
Taiwan 6 nsubj PROPN NNP Taiwan B-GPE
had 6 aux AUX VBD have O
violated 2 acl VERB VBN violate O
the 8 det DET DT the O
agreement 6 dobj NOUN NN agreement O
. 1 punct PUNCT . . O
"""
    found = summary(rows)
    assert any(t[:3] == ("china", "rejects", "oppose") for t in found), found
    assert not any(t[0] == "taiwan" for t in found), found
    told = rows.replace("rejected 1 ROOT VERB VBD reject", "repeated 1 ROOT VERB VBD repeat")
    assert any(t[0] == "taiwan" for t in summary(told))  # a claim repeated, not rejected: the clause is read


def test_a_verb_of_address_joined_to_a_reported_clause_is_the_speaker_s():
    rows = """
Kenya 1 nsubj PROPN NNP Kenya B-GPE
said 1 ROOT VERB VBD say O
the 3 det DET DT the O
ceasefire 4 nsubj NOUN NN ceasefire O
offered 1 ccomp VERB VBD offer O
a 6 det DET DT a O
chance 4 dobj NOUN NN chance O
and 4 cc CCONJ CC and O
thanked 4 conj VERB VBD thank O
Egypt 8 dobj PROPN NNP Egypt B-GPE
. 1 punct PUNCT . . O
"""
    assert ("kenya", "praises", "support", "egypt") in summary(rows)


def test_it_as_an_object_is_the_thing_told_just_before():
    rows = """
France 1 nsubj PROPN NNP France B-GPE
proposed 1 ROOT VERB VBD propose O
a 3 det DET DT a O
plan 1 dobj NOUN NN plan O
and 1 cc CCONJ CC and O
Russia 6 nsubj PROPN NNP Russia B-GPE
rejected 1 conj VERB VBD reject O
it 6 dobj PRON PRP it O
. 1 punct PUNCT . . O
"""
    assert ("russia", "rejects", "oppose", "a plan") in summary(rows) or \
        ("russia", "rejects", "oppose", "plan") in summary(rows), summary(rows)


def test_a_passive_stance_with_no_agent_is_the_reporter_s():
    rows = """
NATO 1 nsubj PROPN NNP NATO B-ORG
said 1 ROOT VERB VBD say O
the 3 det DET DT the O
war 5 nsubjpass NOUN NN war O
is 5 auxpass AUX VBZ be O
condemned 1 ccomp VERB VBN condemn O
. 1 punct PUNCT . . O
"""
    assert ("nato", "condemns", "oppose", "war") in summary(rows)
    with_agent = rows.replace("condemned 1 ccomp VERB VBN condemn O\n. 1 punct PUNCT . . O",
                              "condemned 1 ccomp VERB VBN condemn O\nby 5 agent ADP IN by O\n"
                              "Chile 6 pobj PROPN NNP Chile B-GPE\n. 1 punct PUNCT . . O")
    assert not [t for t in summary(with_agent) if t[0] == "nato"]


def test_an_actor_joined_to_a_participle_does_the_act_to_the_noun():
    rows = """
The 4 det DET DT the O
Ukraine 3 npadvmod PROPN NNP Ukraine B-GPE
- 3 punct PUNCT HYPH - O
sponsored 4 amod VERB VBN sponsor O
resolution 5 nsubj NOUN NN resolution O
passed 5 ROOT VERB VBD pass O
. 5 punct PUNCT . . O
"""
    assert ("ukraine", "sponsors", "none", "resolution") in summary(rows)


def test_each_other_is_every_other_subject_of_the_clause():
    rows = """
Sudan 3 nsubj PROPN NNP Sudan B-GPE
and 0 cc CCONJ CC and O
Chad 0 conj PROPN NNP Chad B-GPE
accused 3 ROOT VERB VBD accuse O
each 5 det DET DT each O
other 3 dobj ADJ JJ other O
. 3 punct PUNCT . . O
"""
    assert summary(rows) == {("sudan", "accuses", "oppose", "chad"), ("chad", "accuses", "oppose", "sudan")}


def test_a_judgement_denied_turns_and_a_refusal_turns_what_is_refused():
    denied = """
Chile 1 nsubj PROPN NNP Chile B-GPE
said 1 ROOT VERB VBD say O
the 3 det DET DT the O
quota 4 nsubj NOUN NN quota O
was 1 ccomp AUX VBD be O
not 4 neg PART RB not O
acceptable 4 acomp ADJ JJ acceptable O
. 1 punct PUNCT . . O
"""
    assert summary(denied) == {("chile", "criticizes", "oppose", "quota")}
    refusal = """
Peru 2 poss PROPN NNP Peru B-GPE
's 0 case PART POS 's O
refusal 6 nsubj NOUN NN refusal O
to 4 aux PART TO to O
recognise 2 acl VERB VB recognise O
Kosovo 4 dobj PROPN NNP Kosovo B-GPE
angered 6 ROOT VERB VBD anger O
Chile 6 dobj PROPN NNP Chile B-GPE
. 6 punct PUNCT . . O
"""
    assert {(t[0], t[2], t[3]) for t in summary(refusal)} >= {("peru", "oppose", "kosovo")}
    assert not [t for t in summary(refusal) if t[0] == "peru" and t[2] == "support"]


def test_a_spokesman_for_an_institution_speaks_for_its_actor_and_a_lone_title_for_the_named_person():
    rows = """
A 1 det DET DT a O
spokesman 6 nsubj NOUN NN spokesman O
for 1 prep ADP IN for O
the 5 det DET DT the O
Chinese 5 amod ADJ JJ Chinese B-NORP
ministry 2 pobj NOUN NN ministry O
rejected 6 ROOT VERB VBD reject O
the 8 det DET DT the O
plan 6 dobj NOUN NN plan O
. 6 punct PUNCT . . O
"""
    assert summary(rows) == {("china", "rejects", "oppose", "plan")}
    named = """
A 1 det DET DT a O
spokesman 5 nsubj NOUN NN spokesman O
, 1 punct PUNCT , , O
Omar 4 compound PROPN NNP Omar B-PERSON
Haddad 1 appos PROPN NNP Haddad I-PERSON
condemned 5 ROOT VERB VBD condemn O
the 7 det DET DT the O
raid 5 dobj NOUN NN raid O
. 5 punct PUNCT . . O
"""
    assert ("omar-haddad", "condemns", "oppose", "raid") in summary(named)


def test_a_reaction_drawn_from_an_actor_is_its_stance_toward_the_subject():
    rows = """
The 1 det DET DT the O
raid 2 nsubj NOUN NN raid O
drew 2 ROOT VERB VBD draw O
condemnation 2 dobj NOUN NN condemnation O
from 3 prep ADP IN from O
Jordan 4 pobj PROPN NNP Jordan B-GPE
. 2 punct PUNCT . . O
"""
    assert summary(rows) == {("jordan", "condemns", "oppose", "raid")}


def test_a_number_standing_alone_as_a_subject_is_the_last_group_of_that_many():
    rows = """
Russia 3 nsubj PROPN NNP Russia B-GPE
and 0 cc CCONJ CC and O
China 0 conj PROPN NNP China B-GPE
met 3 ROOT VERB VBD meet O
. 3 punct PUNCT . . O
The 6 det DET DT the O
two 7 nsubj NUM CD two O
criticized 7 ROOT VERB VBD criticize O
the 9 det DET DT the O
sanctions 7 dobj NOUN NNS sanction O
. 7 punct PUNCT . . O
"""
    found = summary(rows)
    assert {("russia", "criticizes", "oppose", "sanctions"), ("china", "criticizes", "oppose", "sanctions")} <= found
    # a group of another size is not the one meant
    three = rows.replace("The 6 det DET DT the O\ntwo 7 nsubj NUM CD two O", "The 6 det DET DT the O\nthree 7 nsubj NUM CD three O")
    assert not [t for t in summary(three) if t[1] == "criticizes"]
