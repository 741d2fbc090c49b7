"""Clause frames: whom a clause is about, what kind of statement it is, its polarity and conditions."""

from __future__ import annotations

import pytest

from tracker.normalize.frames import frame, is_caption, numbers_as_digits, subject, training_hours
from tracker.normalize.task_rules import supervision_rule, task_rule


def tasks(clause: str) -> dict[str, tuple[str, dict]]:
    return {f.field.removeprefix("tasks."): (f.value, f.conditions) for f in task_rule(clause)}


@pytest.mark.parametrize(
    ("text", "digits"),
    [
        ("ten clock hours", "10 clock hours"),
        ("twenty-four hours and eight hours", "24 hours and 8 hours"),
        ("three hundred thirty clock hours", "330 clock hours"),
        ("six hundred hours", "600 hours"),
        ("a medical assistant may", "a medical assistant may"),
    ],
)
def test_number_words_become_digits(text, digits):
    assert numbers_as_digits(text) == digits


@pytest.mark.parametrize(
    ("clause", "hours"),
    [
        ("until he or she has completed no fewer than ten clock hours of training", 10),
        ("no fewer than twenty-four hours of classroom training and no fewer than eight hours of training", 24),
        ("twenty-four classroom hours and eight clinical hours", 32),
        ("24 hours of classroom training and 8 hours of clinical training", 32),
        ("cut the training hours needed from 600 to 330", 330),
        ("the assistant must have had ten hours of training and done at least ten of each", 10),
        ("no hours here", None),
    ],
)
def test_training_hours(clause, hours):
    assert training_hours(clause) == hours


@pytest.mark.parametrize(
    ("clause", "about"),
    [
        ("A medical assistant may give injections.", "ma"),
        ("Physician assistants may authorize a medical assistant to give an injection.", "ma"),
        ("Pharmacists in California may now administer certain vaccines.", "other:pharmacists"),
        ("Licensed vocational nurses may start IVs once certified by their board.", "other:nurses"),
        ("Qualified medication aides may not give injections.", "other:medication aides"),
        ("MA-Rs cannot perform phlebotomy.", "credential:MA-R"),
        ("A medication assistant III may give medications.", "credential:MA III"),
        ("Injections may be delegated only when the physician is on site.", "ma"),
        ("Nurses may not delegate injectable medication to anyone who is not licensed.", "ma"),
    ],
)
def test_subject(clause, about):
    assert subject(clause) == about


@pytest.mark.parametrize(
    ("clause", "kind"),
    [
        ('"On-site supervision" means that the physician is in the office suite.', "definition"),
        ("May a medical assistant give a flu shot?", "question"),
        ("The vaccine statute says nothing about phlebotomy by medical assistants.", "silence"),
        ("Before the vaccine statute, medical assistants could not give medication by any route.", "history"),
        ("Section 54.1-3408 governs who may administer drugs.", "meta"),
        ("A medical assistant may give injections.", "rule"),
    ],
)
def test_statement_kind(clause, kind):
    assert frame(clause).statement == kind


def test_proposals_set_no_rule():
    f = frame("The bill would let medical assistants give immunizations under direct supervision.")
    assert f.status == "proposed" and not f.sets_rule
    assert tasks("The bill would let medical assistants give immunizations under direct supervision.") == {}


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        ("A medical assistant may not give intravenous medication.", {"iv": ("prohibited", {})}),
        (
            "Intravenous administration falls outside a medical assistant's scope of practice.",
            {"iv": ("prohibited", {})},
        ),
        (
            "Nothing in section 458.3485 authorizes a medical assistant to give intravenous medication.",
            {"iv": ("prohibited", {})},
        ),
        (
            "Only a licensed nurse, physician or physician assistant may give immunizations.",
            {"immunizations": ("prohibited", {})},
        ),
        (
            "Operating x-ray equipment is restricted to licensed radiographers and holders of a limited permit.",
            {"xray": ("conditional", {})},
        ),
        (
            "Starting intravenous lines is restricted to licensed nurses and physicians, not medical assistants.",
            {"iv": ("prohibited", {})},
        ),
        (
            "Injections and skin tests: at least ten clock hours of training.",
            {"injections": ("conditional", {"training_hours": 10})},
        ),
        (
            "A medical assistant's giving of medication is limited to the oral and topical routes and to "
            "subcutaneous injection.",
            {
                "medication_administration": ("allowed", {}),
                "injections": ("allowed", {}),
                "iv": ("prohibited", {}),
            },
        ),
        ("A medical assistant may not inject botulinum toxin or dermal fillers.", {}),
        (
            "Cosmetic injections may be delegated to a medical assistant only as subsection (D) permits.",
            {"injections": ("conditional", {})},
        ),
        (
            "A physician may not leave a medical assistant to give medications while the physician is away from the "
            "office.",
            {"medication_administration": ("conditional", {"supervision": "onsite"})},
        ),
        (
            # one delegator's bar (nurses): a physician may still delegate, so the task is conditional
            "Nurses may not delegate injections to a medical assistant or anyone else who is not licensed.",
            {"injections": ("conditional", {})},
        ),
        (
            "A medical assistant who is not certified may not give injections.",
            {"injections": ("conditional", {})},
        ),
        (
            "A medical assistant may give medication orally or by subcutaneous injection (injections need "
            "additional training).",
            {"medication_administration": ("allowed", {}), "injections": ("conditional", {})},
        ),
        (
            "Under on-site supervision an assistant may give an intramuscular injection.",
            {"injections": ("conditional", {"supervision": "onsite"})},
        ),
        (
            "Before the medical assistant draws blood, the physician shall verify ten hours of venipuncture training.",
            {"venipuncture": ("conditional", {"training_hours": 10})},
        ),
        (
            "Medical assistants may perform venipuncture as long as a supervisor is on the premises.",
            {"venipuncture": ("conditional", {"supervision": "onsite"})},
        ),
        (
            "No medical assistant may draw blood unless he or she has completed the training.",
            {"venipuncture": ("conditional", {})},
        ),
        (
            "Intramuscular injections may be given by a medical assistant who has first completed at least ten "
            "clock hours of training in giving them.",
            {"injections": ("conditional", {"training_hours": 10})},
        ),
        (
            "A medical assistant may give medication only as the physician directs.",
            {"medication_administration": ("allowed", {})},
        ),
        (
            "Venipunctures, and injections other than intravenous ones, may be performed by a medical assistant "
            "under a licensed physician's direct supervision.",
            {
                "venipuncture": ("allowed", {"supervision": "direct"}),
                "injections": ("allowed", {"supervision": "direct"}),
                "iv": ("prohibited", {}),
            },
        ),
    ],
)
def test_task_values(clause, expected):
    assert tasks(clause) == expected


def test_one_credential_type_makes_the_task_conditional_and_inferred():
    found = list(task_rule("MA-Rs cannot perform phlebotomy"))
    assert [(f.field, f.value, f.conditions, f.read) for f in found] == [
        ("tasks.venipuncture", "conditional", {"credential_types": ["MA-R"], "_barred": True}, "inferred")
    ]


@pytest.mark.parametrize(
    "clause",
    [
        "Pharmacists in California may now furnish and administer certain vaccines.",
        '"Administering" means applying a drug directly to a patient by injection.',
        "Before the vaccine statute, medical assistants could not give medication by any route.",
    ],
)
def test_no_medical_assistant_value_from_others_or_nobody(clause):
    assert tasks(clause) == {}


def test_supervision_from_definitions_is_not_read():
    assert list(supervision_rule('"On-site supervision" means the physician is in the office suite.')) == []
    assert [
        f.value for f in supervision_rule("Every duty must be done under the direct supervision of a physician.")
    ] == ["direct"]


@pytest.mark.parametrize(
    ("clause", "level"),
    [
        ("Supervision does not require the physician to be physically present", "general"),
        ("Although on-site supervision is not required at all times, the physician remains responsible", "general"),
        (
            "Medical assistants work under direct supervision, meaning the physician is in the same office suite",
            "onsite",
        ),
        ("Every duty must be done under the direct supervision of a licensed physician.", "direct"),
    ],
)
def test_supervision_levels(clause, level):
    assert [f.value for f in supervision_rule(clause)] == [level]


def test_an_exception_refines_the_rule_it_qualifies():
    from tracker.normalize.rules import clauses

    sentence = (
        "Supervision shall be active and continuous but does not require the physical presence of the supervising "
        "physician, except that supervision shall be onsite when a medical assistant administers medicine."
    )
    parts = clauses(sentence)
    general_rule = [f.value for c in parts for f in supervision_rule(c) if f.weight > 0]
    task_values = [(f.field, f.value, f.conditions) for c in parts for f in task_rule(c)]
    assert general_rule == ["general"]
    assert task_values == [("tasks.medication_administration", "conditional", {"supervision": "onsite"})]


def test_a_bill_sets_no_task_or_supervision_value():
    from datetime import UTC, datetime

    from tracker import registry
    from tracker.normalize import Page, read_page

    body = b"B. A medical assistant may give injections under the general supervision of a physician."
    page = Page(
        "b", "https://example.invalid/b", "bill", body, "text/plain", datetime(2026, 1, 1, tzinfo=UTC), 200, "h"
    )
    fields = {c.field for c in read_page(registry.get("AZ"), page).candidates}
    assert not any(f.startswith("tasks.") or f == "supervision" for f in fields)


def read_text(code: str, text: str, kind: str = "faq") -> set[tuple]:
    from datetime import UTC, datetime

    from tracker import registry
    from tracker.normalize import Page, read_page

    page = Page(
        "p", "https://example.invalid/p", kind, text.encode(), "text/plain", datetime(2026, 1, 1, tzinfo=UTC), 200, "h"
    )
    return {
        (c.field, c.value, tuple(sorted((k, tuple(v) if isinstance(v, list) else v) for k, v in c.conditions.items())))
        for c in read_page(registry.get(code), page).candidates
        if c.field.startswith("tasks.")
    }


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Can a nurse delegate insulin injections to a UAP?\nNo.", {("tasks.injections", "prohibited", ())}),
        (
            "Can a medical assistant give immunizations?\nYes, under the direct supervision of a physician.",
            {("tasks.immunizations", "allowed", (("supervision", "direct"),))},
        ),
        ("Must the physician be in the room while a medical assistant gives injections?\nNo.", set()),
        (
            "May a medical assistant give an IV push while the physician is away?\nNo.",
            {("tasks.iv", "conditional", ())},
        ),
    ],
)
def test_an_faq_answer_is_read_with_its_question(text, expected):
    assert read_text("AK", text) == expected


@pytest.mark.parametrize(
    ("code", "text", "expected"),
    [
        (
            "NJ",
            "A physician may direct only a certified medical assistant to give a subcutaneous injection.",
            {("tasks.injections", "conditional", (("credential_types", ("CMA",)),))},
        ),
        (
            "MA",
            "A certified medical assistant may give immunizations only under the direct supervision of a provider.",
            {("tasks.immunizations", "conditional", (("supervision", "direct"),))},
        ),
        ("NJ", "A certified medical assistant may not give intravenous injections.", {("tasks.iv", "prohibited", ())}),
        (
            "SC",
            "A physician may delegate giving injections only to a certified medical assistant (CMA).",
            {("tasks.injections", "conditional", (("credential_types", ("CMA",)),))},
        ),
        (
            "SC",
            "A physician may delegate giving injections only to a certified medical assistant (CMA) certified by "
            "the AAMA.",
            {
                (
                    "tasks.injections",
                    "conditional",
                    (("certifications", ("CMA (AAMA)",)), ("credential_types", ("CMA",))),
                )
            },
        ),
    ],
)
def test_a_state_credential_name_is_a_credential_type_only_in_its_state(code, text, expected):
    assert read_text(code, text, kind="regulation") == expected


@pytest.mark.parametrize(
    "clause",
    [
        '(1) DEFINITION.-In this section, "medical assistant" means a professional under direct supervision.',
        "To be certified as a basic X-ray machine operator, a person must pass the Department's examination.",
        "I am asking for something in writing that says CMAs may still give immunizations.",
        "A licensee may not give pharmaceutical agents by injection unless the rules are met.",
    ],
)
def test_more_clauses_that_set_no_medical_assistant_value(clause):
    assert tasks(clause) == {} and [f for f in supervision_rule(clause) if f.weight] == []


@pytest.mark.parametrize(
    ("clause", "weighted"),
    [
        ("A medical assistant may perform the following under the direct supervision of a physician:", []),
        (
            "Devices may be used by a medical assistant only while the physician is immediately available.",
            [],
        ),
        (
            "The supervising physician must be on the premises whenever the medical assistant performs services.",
            ["onsite"],
        ),
        (
            "Work is under direct supervision, meaning the practitioner is present or reachable electronically.",
            ["direct"],
        ),
        ("Being physically present in the facility is one example of adequate supervision.", []),
        # a level for some of the work sets no general level; one for all of it ("sees patients") does
        ("The physician shall give onsite supervision whenever an assistant uses a hair-removal laser.", []),
        ("For ultrasound therapy, the supervisor must stay on the premises until it is finished.", []),
        ("except that supervision shall be on site when a medical assistant", []),
        ("The supervisor must be in the building at all times when the medical assistant sees patients.", ["onsite"]),
        ("A supervisor must be in the office whenever unlicensed personnel carry out delegated tasks.", ["onsite"]),
        ("Supervision does not require the podiatrist's physical presence at the place of service.", ["general"]),
    ],
)
def test_where_the_general_supervision_rule_is_read(clause, weighted):
    assert [f.value for f in supervision_rule(clause) if f.weight] == weighted


def test_a_presence_required_while_a_task_is_done_conditions_that_task():
    assert tasks("supervision shall be on site when an assistant draws blood") == {
        "venipuncture": ("conditional", {"supervision": "onsite"})
    }
    assert tasks("Whenever the assistant gives a vaccine, the physician must be on site.") == {
        "immunizations": ("conditional", {"supervision": "onsite"})
    }


@pytest.mark.parametrize(
    ("passage", "caption"),
    [
        ("Sec. 20-9b. Physicians may delegate injections to assistants.", True),
        ("201 KAR 20:400. Unlicensed assistive personnel may be delegated medication administration.", True),
        ("334.735. Assistants may give medication under a physician's direction", True),
        ("1. Medical assistants may give injections.", False),  # a numbered list item is a rule
        ("(b) A medical assistant may give injections. The physician must be on site.", False),
        ("Sec. 5. Medical assistants may give injections.\nThe physician must be on site.", False),
    ],
)
def test_a_section_caption_is_a_heading_not_a_rule(passage, caption):
    assert is_caption(passage) is caption
    if caption:
        assert frame(passage).statement == "heading"
        assert list(task_rule(passage)) == []


def test_medication_given_and_tb_test_placement_are_tasks():
    assert tasks("Medication may not be given by unlicensed staff unless the physician is physically present.") == {
        "medication_administration": ("conditional", {"supervision": "onsite"})
    }
    assert tasks("Medical assistants may place a tuberculin skin test under a physician's direct supervision.") == {
        "injections": ("allowed", {"supervision": "direct"})
    }


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        (
            "Nothing in the 2016 act authorizes medical assistants to give any medication other than immunizations.",
            {"medication_administration": ("prohibited", {})},
        ),
        (
            "Except for intravenous medication, which they may never give, medical assistants may administer "
            "medication by the routes the Board lists.",
            {"iv": ("prohibited", {}), "medication_administration": ("allowed", {})},
        ),
        (
            "Nothing in this section prohibits protocols that involve no administration of medications, "
            "other than vaccines.",
            {},
        ),
        (
            "A medical assistant may give immunizations when the delegating physician or PA is on site.",
            {"immunizations": ("conditional", {"supervision": "onsite"})},
        ),
        (
            "An assistant may give a flu vaccine by intramuscular injection only while the physician is on site.",
            {"immunizations": ("conditional", {"supervision": "onsite"})},
        ),
    ],
)
def test_exceptions_and_conditions(clause, expected):
    assert tasks(clause) == expected


def test_a_later_clause_qualifies_an_earlier_grant_in_the_same_sentence():
    text = (
        "Physician assistants may authorize a medical assistant to give an injection; the medical assistant "
        "still needs ten clock hours of injection training first."
    )
    assert read_text("CA", text, kind="guidance") == {("tasks.injections", "conditional", (("training_hours", 10),))}
    contrast = "Certified medical assistants may give vaccines; other medical assistants may not give vaccines."
    assert read_text("MA", contrast, kind="statute") == {("tasks.immunizations", "conditional", ())}


def test_a_bulleted_lead_in_leads_the_items_under_it():
    from tracker.normalize.text import document

    text = (
        "B. An RNP may delegate to a medical assistant under the RNP's direct supervision:\n"
        "...\n"
        "8. Preparing and giving oral and parenteral medications (excluding intravenous medications);"
    )
    passages = document("p", "https://example.invalid/p", text.encode(), "text/plain").passages
    assert passages[-1].context.startswith("An RNP may delegate")
    assert read_text("AZ", text, kind="regulation") == {
        ("tasks.medication_administration", "allowed", (("supervision", "direct"),)),
        ("tasks.injections", "allowed", (("supervision", "direct"),)),
        ("tasks.iv", "prohibited", ()),
    }


def test_a_clause_opening_with_a_modal_takes_the_subject_before_it():
    from tracker.normalize.rules import clauses

    parts = clauses(
        "Unlicensed assistive personnel may not assess patients, but may give medication a nurse delegated."
    )
    assert parts[1] == "Unlicensed assistive personnel may give medication a nurse delegated."
    assert tasks(parts[1]) == {"medication_administration": ("allowed", {})}


def test_would_in_a_rule_is_not_a_proposal():
    clause = (
        "A medical assistant may not perform any function that would break a statute, and may not give IV medication."
    )
    assert frame(clause).status == "in-force"
    assert frame("The bill would let medical assistants give immunizations.").status == "proposed"


def test_more_hours_and_registry_conditions():
    assert (
        training_hours(
            "no fewer than twenty-four hours of classroom training and no fewer than eight hours of training "
            "in a clinical setting"
        )
        == 32
    )
    clause = "To perform radiologic procedures, a non-certified radiologic technician must be on the NCT Registry."
    assert tasks(clause) == {"xray": ("conditional", {})}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Licensed nurses may start IV lines once trained, but medical assistants may not.",
            {("tasks.iv", "prohibited", ())},
        ),
        (
            "Certified medical assistants may give vaccines; other medical assistants may not.",
            {("tasks.immunizations", "conditional", ())},
        ),
        (
            "The physician may delegate venipuncture to a medical assistant, while intravenous therapy in the "
            "office is left to licensed nurses.",
            {("tasks.venipuncture", "allowed", ()), ("tasks.iv", "prohibited", ())},
        ),
    ],
)
def test_contrasted_clauses_are_read_apart(text, expected):
    assert read_text("MA", text, kind="guidance") == expected


# --- record review 2026-12: structures that set wrong values ------------------------------------


def test_a_bar_on_one_credential_type_marks_that_type_as_barred():
    # "the MA-R may not ..." is a bar for that type only: conditional, and the type is flagged as barred
    value, conditions = tasks("A medical assistant-registered is not permitted to draw blood and may not draw it.")[
        "venipuncture"
    ]
    assert value == "conditional"
    assert conditions["credential_types"] == ["MA-R"] and conditions["_barred"] is True
    grant_value, grant = tasks("A medical assistant-certified may draw blood when a practitioner delegates it.")[
        "venipuncture"
    ]
    assert grant_value == "conditional" and "_barred" not in grant


def test_an_also_certified_exception_is_the_condition():
    from tracker.normalize.frames import for_state_credential

    clause = (
        "taking X-rays is not to be delegated to a CMA by a PA, unless the CMA is also a certified limited "
        "practice radiographer;"
    )
    found = list(for_state_credential(task_rule(clause), clause, "SC"))
    assert [(f.field, f.value) for f in found] == [("tasks.xray", "conditional")]
    assert found[0].conditions["certifications"] == ["limited practice radiographer"]
    assert found[0].conditions["credential_types"] == ["CMA"]


@pytest.mark.parametrize(
    "clause",
    [
        "A registered nurse may not delegate the giving of medications to unlicensed assistive personnel.",
        "Licensed nurses, APRNs among them, must not delegate injections to a medical assistant.",
        "The nursing board's statement does not allow a licensed nurse to delegate medication administration to "
        "an unlicensed person.",
    ],
)
def test_a_bar_on_one_delegator_is_not_a_bar_on_the_task(clause):
    # a nurse's bar leaves a physician's delegation open: the task depends on who delegates
    assert {value for value, _ in tasks(clause).values()} == {"conditional"}


def test_a_physician_bar_still_bars_the_task():
    assert tasks("A physician shall not delegate to an unlicensed person the giving of drugs intravenously.")["iv"][
        0
    ] == ("prohibited")


def test_an_absence_of_express_authority_sets_nothing():
    assert tasks("Current law does not expressly authorize nurses to delegate medication administration to UAP.") == {}
    assert frame("Present law does not specifically permit nurses to delegate injections.").statement == "silence"


@pytest.mark.parametrize(
    "clause",
    [
        "School vaccinations may be given by a licensed physician or by paramedical personnel under his direction.",
        "A person authorized under subdivision 3 may give vaccines only while the emergency order is in effect.",
        "In a public health emergency the commissioner of health may authorize any person to give vaccines.",
    ],
)
def test_a_class_another_provision_defines_is_not_the_medical_assistant(clause):
    assert frame(clause).about.startswith("other:")
    assert tasks(clause) == {}


def test_a_level_stated_for_a_few_products_is_marked_narrow():
    _, conditions = tasks("An assistant may inject contrast agents only under the physician's direct supervision.")[
        "injections"
    ]
    assert conditions["supervision"] == "direct" and conditions["_narrow"] is True


def _general_levels(sentence: str) -> list[str]:
    return [f.value for f in supervision_rule(sentence) if f.weight > 0]


@pytest.mark.parametrize(
    "sentence",
    [
        # a level for one kind of setting
        "If the setting where the delegated task is done exists mainly to give health care, the nurse shall "
        "supervise the unlicensed person on site.",
        # a level in a clause pointing back at a task named before it
        "An assistant may draw blood under a physician's supervision; the physician must be on the premises while "
        "it is done.",
        # one credential type's level, and a trainee's
        "A medical assistant-registered works under direct supervision.",
        "Students in the externship work under the direct supervision of a licensed practitioner.",
        # the level is lifted, not stated, and a heading with no predicate
        "The physician need not provide direct supervision.",
        "On-site supervision",
        # an aside in parentheses and an unquoted definition of a named level
        "(Most offices keep a physician on site all day, though nothing asks for it.)",
        "Personal supervision means the physician is in the room during the procedure.",
    ],
)
def test_supervision_abstains_unless_the_level_is_for_all_the_work(sentence):
    assert _general_levels(sentence) == []


@pytest.mark.parametrize(
    ("sentence", "level"),
    [
        ("Medical assistants work under a physician's general supervision.", "general"),
        ("On-site supervision does not require the physician to be in the same room.", "onsite"),
        ("The physician must be on the premises whenever the assistant sees patients.", "onsite"),
        (
            "Supervision does not require the physician's physical presence, except that the physician must be on site "
            "when an assistant gives medicine.",
            "general",
        ),
    ],
)
def test_a_general_level_is_still_read(sentence, level):
    assert _general_levels(sentence) == [level]


@pytest.mark.parametrize(
    ("clause", "expected"),
    [
        # "nonintravenous" names IV as what the grant leaves out
        (
            "Medical assistants may give nonintravenous injections.",
            {"injections": ("allowed", {}), "iv": ("prohibited", {})},
        ),
        # a carve-out's own negation does not bar the grant; a route list names medication administration
        (
            "A medical assistant may prepare and give oral, topical, rectal and parenteral medications (intravenous "
            "medications excluded).",
            {
                "injections": ("allowed", {}),
                "medication_administration": ("allowed", {}),
                "iv": ("prohibited", {}),
            },
        ),
        # the only medication: what is named is open, every other medication closed
        (
            "The only medication a medical assistant may give here is a vaccine.",
            {"immunizations": ("allowed", {}), "medication_administration": ("prohibited", {})},
        ),
        # routes of the grant are not a condition on it
        (
            "A medical assistant may give medication only by mouth or by inhalation.",
            {"medication_administration": ("allowed", {})},
        ),
        # "without a licence" restates that the assistant is unlicensed: a bar, not a condition
        ("A medical assistant may not give injections without a license.", {"injections": ("prohibited", {})}),
        # an elided subject that was not recovered, and Washington's nursing-home medication assistants
        ("shall not give any medication by the intravenous route.", {}),
        ("A medication assistant in a nursing home may not inject any drug.", {}),
        # "confines the assistant to" grants the scope it names
        (
            "The rule confines the assistant to nonintravenous injections.",
            {"injections": ("allowed", {}), "iv": ("prohibited", {})},
        ),
    ],
)
def test_task_frames_for_carve_outs_only_and_subjects(clause, expected):
    assert tasks(clause) == expected
