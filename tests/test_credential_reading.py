"""The credential requirement, state credentials, national certifications and education,
read from sentences shaped like real agency pages (our own words, their structures)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker import registry
from tracker.normalize import Page, normalize, read_page

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def _page(text: str, kind: str = "guidance") -> Page:
    body = text.encode()
    return Page("t-src", "https://example.invalid/t", kind, body, "text/plain; charset=utf-8", NOW, 200, "h")


def read(text: str, code: str = "TX", field: str = "") -> set[tuple[str, object]]:
    """(field, value) of every scored finding one plain-text page yields, for fields starting with `field`."""
    found = set()
    for c in read_page(registry.get(code), _page(text)).candidates:
        if c.weight <= 0 or not c.field.startswith(field or ("credential", "education")):
            continue
        value = c.value
        if c.field == "credential.state_credentials":
            value = c.value["abbreviation"] or c.value["name"]
        found.add((c.field, tuple(value) if isinstance(value, list) else value))
    return found


def requirement(text: str, code: str = "TX") -> set[object]:
    return {v for f, v in read(text, code, "credential.requirement")}


@pytest.mark.parametrize(
    "text",
    [
        "Unlike nurses, medical assistants hold no licence and are not regulated by the State or by any other body.",
        "This part shall not be read as establishing licensure, certification or registration of assistants.",
        "Oregon neither licenses, certifies nor registers medical assistants.",
        "Idaho issues no credential of any kind to medical assistants.",
        "The Practice Act does not require medical assistants to hold any license, certificate or registration.",
        "A medical assistant doing the acts in subsection (4) may do so without being licensed under this chapter.",
        "Medical assistants are unlicensed persons under state law; the Department issues no certificate to them.",
        "Since 2021 the state no longer registers medical assistants.",
        "Medical assistants are treated as unlicensed individuals under Ohio law.",
    ],
)
def test_the_state_issuing_no_credential_reads_none(text):
    assert requirement(text) == {"none"}


@pytest.mark.parametrize(
    "text,level",
    [
        ("Registration required to practise as a medical assistant", "registration"),
        (
            "If you assist in the practice of medicine, you must hold a credential issued by the Department of Health.",
            "credential",
        ),
        (
            "To work in any of the five categories, a person must be certified or registered by the State "
            "Department of Health.",
            "credential",
        ),
        (
            "A person may not practise as a medical assistant-certified without a certification from the Department.",
            "certification",
        ),
        (
            "Unlicensed assistive persons who perform delegated tasks must be listed on the Board of Nursing registry.",
            "registration",
        ),
        ("The law requires anyone who acts as a medical assistant in a clinic to hold a credential.", "credential"),
    ],
)
def test_a_stated_credential_reads_its_level(text, level):
    assert requirement(text) == {level}


@pytest.mark.parametrize(
    "text",
    [
        "Medical assistants must complete an approved training program before they are hired.",
        "Although the state neither licenses nor registers them, medical assistants must complete an approved program.",
        "The Board does not license medical assistants; it does, however, expect each of them to have received "
        "appropriate training before they provide supportive services.",
        "Before a medical assistant is employed, the supervising physician shall verify that the assistant completed "
        "an approved training program.",
    ],
)
def test_a_training_requirement_is_training_not_none(text):
    assert requirement(text) == {"training"}


@pytest.mark.parametrize(
    "text",
    [
        # a side remark about the voluntary national certification
        "(To become certified, a medical assistant must pass an exam.)",
        # a credential for one task, or another profession's licence
        "Medical assistants who take x-rays must hold a limited radiographer license.",
        "Anyone performing radiologic procedures must be registered with the Medical Board.",
        "A licensed practical nurse must hold a license issued by the Board of Nursing.",
        "Radiologic technologists must be licensed by the Department of Health.",
        # a definition names who a word covers
        '(12) "Unlicensed assistive personnel" are persons not licensed by the board as nurses.',
        # a question, and the speaker's own situation
        "Do medical assistants need a license?",
        "I work as a medical assistant but hold no Department of Health credential.",
        # an exemption for the listed acts, not a statement about the credential
        "Vaccines may be given by a medical assistant without a license under this chapter.",
        # a proposal
        "The proposed rule would require medical assistants to register with the Board.",
        # training for one task only
        "Illinois does not require national certification, though assistants must have appropriate training for any "
        "task a physician delegates.",
    ],
)
def test_statements_that_set_no_requirement(text):
    assert requirement(text) == set()


def test_a_side_remark_about_voluntary_certification_sets_no_exam_and_no_credential():
    found = read(
        "Arizona does not license medical assistants. (To become certified, a medical assistant must pass an exam.)",
        "AZ",
    )
    assert ("credential.requirement", "none") in found
    assert not any(f == "education.exam" for f, _ in found)
    assert ("credential.requirement", "certification") not in found


def test_statements_about_one_credential_type_do_not_set_the_requirement():
    assert requirement("MA-Rs must work under the endorsing employer's attestation.", "WA") == set()
    assert requirement("MA-Rs are more limited in giving medication and cannot perform phlebotomy.", "WA") == set()


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "Holding a national certification, such as CMA (AAMA) or RMA (AMT), does not by itself qualify a person to "
            "practise as a medical assistant-certified.",
            {()},
        ),
        ("Iowa issues no license to medical assistants, and national certification is voluntary.", {()}),
        ("Maine law does not require medical assistants to be certified.", {()}),
        (
            "Whether or not a medical assistant holds national certification, the assistant may not give injections.",
            {()},
        ),
        (
            "Technicians may instead submit current certification from a national body the board recognizes, such as "
            "AAMA or NHA.",
            {"CMA (AAMA)", "CCMA (NHA)"},
        ),
        # a condition for one task is that task's condition, not the state's list
        ("A medical assistant may give vaccines only if certified by the AAMA or the NHA.", set()),
        # a definition, and what employers prefer
        (
            '(a) In this section, "clinical medical assistant" means a person who holds certification from the AAMA.',
            set(),
        ),
        ("Many employers prefer a CMA (AAMA) or an RMA (AMT).", set()),
        # another profession's certification exam
        ("A physician assistant must hold NCCPA certification.", set()),
    ],
)
def test_national_certifications(text, expected):
    assert {v for f, v in read(text, "NY", "credential.national_certifications")} == expected


def test_washington_credential_types_named_as_credentials():
    found = read(
        "Credential types: medical assistant-certified, medical assistant-registered, medical assistant-phlebotomist "
        "and medical assistant-hemodialysis technician.",
        "WA",
        "credential.state_credentials",
    )
    assert {v for _, v in found} == {"MA-C", "MA-R", "MA-Phlebotomist", "MA-Hemodialysis Technician"}
    # a credential type as the subject of a task statement names no credential
    assert read("A medical assistant-certified may give vaccines when delegated.", "WA", "credential.state") == set()


def test_an_applicant_for_a_named_credential_reads_its_level_inferred():
    page = _page("An applicant for a medical assistant-certified credential must pass an approved examination.")
    cands = [c for c in read_page(registry.get("WA"), page).candidates if c.field == "credential.requirement"]
    assert [(c.value, c.read) for c in cands] == [("certification", "inferred")]


@pytest.mark.parametrize(
    "text,expected",
    [
        (
            "The program must include at least seven hundred twenty clock hours of training in medical assisting.",
            {("education.min_clock_hours", 720)},
        ),
        (
            "A clinical externship of one hundred sixty hours or more must be part of the training.",
            {("education.externship_hours", 160)},
        ),
        (
            "The rules set no clock-hour minimum for medical assistant programs.",
            {("education.min_clock_hours", "none")},
        ),
        (
            "No minimum program length applies; training may be given in the physician's office.",
            {("education.min_clock_hours", "none")},
        ),
        (
            "Training received in the U.S. armed forces may count as equivalent to a training program.",
            {("education.alternatives", "military training")},
        ),
        (
            "On-the-job training does not qualify an assistant to give vaccines; armed-forces training is required.",
            {("education.alternatives", "military training")},
        ),
        (
            "California does not require medical assistants to pass an examination.",
            {("education.exam", "not required")},
        ),
        (
            "An applicant for a medical assistant-certified credential must meet these requirements: (1) complete a "
            "listed program; (2) pass an approved examination.",
            {("education.exam", "required")},
        ),
        # an exam for X-ray work, another profession's exam, an exam as one route of several
        (
            "Auxiliary personnel may perform radiologic procedures only after passing a Board-approved examination.",
            set(),
        ),
        ("An LXMO applicant must pass the limited scope examination with a score of 70.", set()),
        (
            "No medical assistant may be employed unless he or she has completed an approved program, or has "
            "passed the AAMA examination after an unapproved one.",
            set(),
        ),
    ],
)
def test_education(text, expected):
    assert read(text, "WA", "education") == expected


def test_records_keep_a_nameless_national_certification_out_of_the_list():
    text = "Medical assistants must submit proof of current national certification to be registered."
    rec = normalize(registry.get("ND"), [_page(text)], now=NOW).record
    assert rec["credential"]["national_certifications"]["value"] == "unknown"
    assert rec["credential"]["national_certifications"]["evidence"]
    assert rec["credential"]["requirement"]["value"] == "registration"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("The physician who delegates to a medical assistant must hold an active license.", set()),
        ("Medical assistants must register with the Department of Health before they begin work.", {"registration"}),
        ("Medical assistants are not a licensed profession in this state.", {"none"}),
        ("Medical assistants do not need to be licensed.", {"none"}),
        ("A medical assistant must be a graduate of an accredited medical assisting program.", {"training"}),
    ],
)
def test_more_requirement_structures(text, expected):
    assert requirement(text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Acceptable certifications include CMA (AAMA) and RMA (AMT).", {"CMA (AAMA)", "RMA (AMT)"}),
        ("There is no requirement that medical assistants hold national certification.", {()}),
        ("National certification is not mandatory for medical assistants.", {()}),
    ],
)
def test_more_national_certification_structures(text, expected):
    assert {v for f, v in read(text, "OH", "credential.national_certifications")} == expected


def test_a_credential_named_twice_is_listed_once_with_the_printed_abbreviation():
    text = (
        "Credential types: medical assistant-certified and medical assistant-phlebotomist.\n\n"
        "The Medical Assistant-Phlebotomist (MA-P) may perform capillary and venous draws."
    )
    rec = normalize(registry.get("WA"), [_page(text)], now=NOW).record
    assert [c["abbreviation"] for c in rec["credential"]["state_credentials"]["value"]] == ["MA-C", "MA-P"]


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Nurses who delegate to unlicensed assistive personnel must hold an active license.", set()),
        ("A license is not required to work as a medical assistant.", {"none"}),
        ("Only licensed professionals may assess patients; medical assistants are unlicensed.", {"none"}),
        ("The Department licenses physicians and nurses, but not medical assistants.", {"none"}),
    ],
)
def test_whose_licence_a_sentence_speaks_of(text, expected):
    assert requirement(text) == expected


def test_another_professions_programme_hours_set_no_education_value():
    assert read("Nursing programs must include 1,500 clock hours of clinical instruction.", "OH", "education") == set()


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Most states do not mandate that medical assistants hold a license.", ("none", "stated")),
        ("Ohio law does not require that medical assistants be licensed or registered.", ("none", "stated")),
        (
            "Washington requires medical assistants to be registered with the Department of Health.",
            ("registration", "stated"),
        ),
        # how the law classes them, not a statement about the credential itself
        ("Medical assistants are treated as unlicensed individuals under state law.", ("none", "inferred")),
    ],
)
def test_how_the_requirement_was_read(text, expected):
    cands = [c for c in read_page(registry.get("OH"), _page(text)).candidates if c.field == "credential.requirement"]
    assert [(c.value, c.read) for c in cands] == [expected]
