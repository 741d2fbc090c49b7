"""Citation rules: canonical identifiers, kinds and statuses, and the read declaration."""

from __future__ import annotations

import pytest

from tracker.normalize import SHARED_RULES
from tracker.normalize.citations import citation, citation_rule
from tracker.normalize.rules import Finding, reads, reads_of
from tracker.registry import Jurisdiction, RegistryError, Regulator, Source, all_jurisdictions


def test_every_rule_declares_what_it_reads():
    assert reads_of(citation_rule) == "sentence"
    assert reads_of(citation("statute", r"X (\d+)", "X {0}")) == "sentence"
    assert {reads_of(r) for r in SHARED_RULES} == {"sentence", "clause"}
    for jur in all_jurisdictions().values():
        assert all(reads_of(r) in ("sentence", "clause") for r in jur.rules), jur.code


def test_a_rule_without_a_declaration_is_refused():
    def silent(clause: str) -> list[Finding]:
        return []

    with pytest.raises(RegistryError, match="declare what they read"):
        Jurisdiction(
            code="ZZ",
            name="Nowhere",
            regulators=(Regulator("Board", "https://zz.example", "credentialing"),),
            sources=(Source("zz-page", "https://zz.example/page", "guidance"),),
            allowed_domains=("zz.example",),
            rules=(silent,),
        )
    with pytest.raises(ValueError):
        reads("paragraph")  # type: ignore[arg-type]


# --- the forms agencies print -------------------------------------------------------------------------

from datetime import UTC, datetime  # noqa: E402

from tracker import registry  # noqa: E402
from tracker.normalize import Page, read_page  # noqa: E402
from tracker.normalize.citations import bill_key, bill_status, code  # noqa: E402
from tracker.normalize.text import strip_line_numbers, text_passages  # noqa: E402


def read(state: str, text: str) -> set[tuple[str, str, str]]:
    """(identifier, kind, status) of every citation a plain-text page of `state` yields."""
    page = Page(
        "t",
        "https://example.invalid/t",
        "guidance",
        text.encode(),
        "text/plain",
        datetime(2026, 1, 1, tzinfo=UTC),
        200,
        "h",
    )
    return {
        (c.value["identifier"], c.value["kind"], c.value["status"])
        for c in read_page(registry.get(state), page).candidates
        if c.field == "citations"
    }


def ids(state: str, text: str) -> set[str]:
    return {ident for ident, _kind, _status in read(state, text)}


@pytest.mark.parametrize(
    ("state", "text", "expected"),
    [
        ("SD", "Laws on the register: South Dakota Codified Laws: 36-9B-3; 36-9B-4", {"SDCL 36-9B-3", "SDCL 36-9B-4"}),
        ("SD", "See SDCL 36-9B-3; 36-9B-4 and 36-9B-5.", {"SDCL 36-9B-3", "SDCL 36-9B-4", "SDCL 36-9B-5"}),
        ("SD", "20:84:03:01. Who may apply. An applicant shall file a form.", {"ARSD 20:84:03:01"}),
        (
            "NY",
            "Under Section 6530 (11) of Education Law, aiding an unlicensed person is misconduct.",
            {"N.Y. Educ. Law § 6530(11)"},
        ),
        ("NY", "They are exempt (Section 6908 of Article 139 of the Education Law).", {"N.Y. Educ. Law § 6908"}),
        ("MN", "persons listed in section 147.09, clauses (1) to (6)", {"Minn. Stat. § 147.09"}),
        ("OH", "Statutory Authority: 4731.05, 4731.053", {"R.C. 4731.05", "R.C. 4731.053"}),
        (
            "PA",
            "The Board adds §§ 18.401 and 18.402 to read as set forth in Annex A.",
            {"49 Pa. Code § 18.401", "49 Pa. Code § 18.402"},
        ),
        ("ME", "§3270-B. License and regulation", {"32 M.R.S. § 3270-B"}),
        ("MT", "(f) an assistant, as provided in 37-3-104;", {"MCA 37-3-104"}),
        ("WA", "Assistants are credentialed under chapter 18.360 RCW.", {"RCW 18.360"}),
        ("WA", "Chapter 246-827 WAC sets the duties.", {"WAC 246-827"}),
        (
            "WA",
            "amending RCW 18.79.340, 18.120.020, and 18.130.040;",
            {"RCW 18.79.340", "RCW 18.120.020", "RCW 18.130.040"},
        ),
        (
            "MO",
            "To repeal sections 334.031 and 334.100, RSMo, and to enact new sections.",
            {"RSMo 334.031", "RSMo 334.100"},
        ),
        (
            "MS",
            "AN ACT TO AMEND SECTIONS 73-9-1 AND 73-25-1, MISSISSIPPI CODE OF 1972;",
            {"Miss. Code Ann. § 73-9-1", "Miss. Code Ann. § 73-25-1"},
        ),
        ("KY", "RELATES TO: KRS 314.011(7), (8), 314.042", {"KRS 314.011", "KRS 314.042"}),
        (
            "IA",
            "It implements Iowa Code chapters 17A, 147 and 148C.",
            {"Iowa Code ch. 17A", "Iowa Code ch. 147", "Iowa Code ch. 148C"},
        ),
        ("NC", "Under 21 NCAC 36 .0224 and .0225 a nurse may delegate.", {"21 NCAC 36 .0224", "21 NCAC 36 .0225"}),
        ("NJ", "Authority: N.J.S.A. 45:9-1 et seq., specifically 45:9-2.", {"N.J.S.A. 45:9-1", "N.J.S.A. 45:9-2"}),
        (
            "VA",
            "Statutory Authority: §§ 54.1-2400 and 54.1-2956.8:1 of the Code of Virginia.",
            {"Va. Code § 54.1-2400", "Va. Code § 54.1-2956.8:1"},
        ),
        (
            "CA",
            "Authority cited: Sections 2018 and 2071, Business and Professions Code.",
            {"Cal. Bus. & Prof. Code § 2018", "Cal. Bus. & Prof. Code § 2071"},
        ),
        (
            "TX",
            "Texas Occupations Code, §§ 164.001, 164.052, and 164.053 apply.",
            {"Tex. Occ. Code § 164.001", "Tex. Occ. Code § 164.052", "Tex. Occ. Code § 164.053"},
        ),
        (
            "NM",
            "issued under Sections 61-6-1 through 61-6-35 NMSA 1978.",
            {"NMSA 1978 § 61-6-1", "NMSA 1978 § 61-6-35"},
        ),
    ],
)
def test_a_code_is_read_in_each_layout(state, text, expected):
    assert ids(state, text) == expected


@pytest.mark.parametrize(
    ("state", "text", "expected"),
    [
        ("DC", "See D.C. Code §§ 3-1201.02 and 3-1205.02.", {"D.C. Code 3-1201.02", "D.C. Code 3-1205.02"}),
        ("OK", "OAC 435:10-7-4 and 435:10-7-5 apply.", {"OAC 435:10-7-4", "OAC 435:10-7-5"}),
        ("VT", "Under 26 V.S.A. §§ 1311 and 1354 the Board acts.", {"26 V.S.A. § 1311", "26 V.S.A. § 1354"}),
        ("TX", "22 TAC §§ 169.1 and 169.2 govern this.", {"22 TAC § 169.1", "22 TAC § 169.2"}),
        ("MD", "See COMAR 10.32.12.03 and 10.32.12.04.", {"COMAR 10.32.12.03", "COMAR 10.32.12.04"}),
        ("TN", "Under T.C.A. § 63-6-204 a physician may delegate tasks.", {"T.C.A. § 63-6-204"}),
        ("NC", "See N.C.G.S. § 90-18 on unlicensed practice.", {"N.C. Gen. Stat. § 90-18"}),
    ],
)
def test_more_state_styles_read_as_lists(state, text, expected):
    assert ids(state, text) == expected


def test_a_year_before_a_list_is_not_a_section_and_a_section_is_not_a_year():
    assert ids("KS", "amending K.S.A. 1998 Supp. 65-2809, 65-2811") == {"K.S.A. 65-2809", "K.S.A. 65-2811"}
    assert ids("CA", "(see B&P Code 2069)") == {"Cal. Bus. & Prof. Code § 2069"}


def test_an_identifier_split_by_a_line_break_or_a_printed_line_number_still_reads():
    text = "11 An act; amending\n12 K.S.A. 47-821, 65-\n13 2865 and 65-2874"
    assert ids("KS", text) == {"K.S.A. 47-821", "K.S.A. 65-2865", "K.S.A. 65-2874"}
    assert ids("WA", "[Statutory Authority: Chapter\n18.360 RCW.]") == {"RCW 18.360"}


def test_line_numbers_are_stripped_only_when_they_count_up():
    assert strip_line_numbers("1 A bill\n2 for an act") == "A bill\nfor an act"
    assert strip_line_numbers("10 hours of training are required.") == "10 hours of training are required."


def test_a_table_of_sections_reads_one_section_per_line():
    passages = [
        p.text for p in text_passages("325-32 Immunization\n325-33 Performance of vaccination\n325-34 Exemptions")
    ]
    assert passages == ["325-32 Immunization", "325-33 Performance of vaccination", "325-34 Exemptions"]
    assert ids("HI", "325-32 Immunization\n325-33 Performance of vaccination") == {"HRS § 325-32", "HRS § 325-33"}


@pytest.mark.parametrize(
    ("state", "text", "bill", "status"),
    [
        ("MS", "Bill Text: MS HB1057 | Introduced\nStatus: (Failed) - Died In Committee", "HB 1057", "failed"),
        ("FL", "CS/SB 496 (2017) - Medical Assistants\nLast Action: Approved by Governor", "2017 SB 496", "signed"),
        ("UT", "H.B. 316 Enrolled\nMEDICAL ASSISTANT AMENDMENTS", "HB 316", "pending"),
        ("MN", "HF 240\nas introduced - 86th Legislature", "HF 240", "pending"),
        ("WA", "Passed by the Senate March 5\nENGROSSED SUBSTITUTE SENATE BILL 6237", "ESSB 6237", "pending"),
        ("CA", "AB 12, as amended. The governor vetoed AB 12.", "AB 12", "vetoed"),
        (
            "MI",
            "HOUSE BILL NO. 5115\nOctober 10, 2023, Introduced by Reps. Smith and referred to committee.",
            "HB 5115",
            "pending",
        ),
        ("KS", "CHAPTER 141\nSENATE BILL No. 190\nAn Act concerning the healing arts.", "SB 190", "signed"),
    ],
)
def test_a_bill_takes_the_furthest_stage_its_lines_state(state, text, bill, status):
    got = {(i, s) for i, k, s in read(state, text) if k == "bill"}
    assert got == {(bill, status)}


def test_one_bill_spelt_two_ways_in_a_sentence_is_cited_once():
    assert bill_key("S. 613") == bill_key("S613") == bill_key("SB 613") == ("S", "613")
    assert bill_key("2017 SB 496") == bill_key("SB 496")
    assert {i for i, k, _s in read("FL", "Florida Senate - 2020 SB 744") if k == "bill"} == {"2020 SB 744"}


def test_proposed_and_repealed_sections():
    assert read("NJ", "The Board proposes to amend N.J.A.C. 13:35-6.4 so that hours fall.") == {
        ("N.J.A.C. 13:35-6.4", "regulation", "proposed")
    }
    assert ("WAC 246-827-0200", "regulation", "proposed") in read(
        "WA", "PROPOSED RULES\nTitle of Rule: WAC 246-827-0200 Training and examination."
    )
    assert ("K.S.A. 65-2805", "statute", "repealed") in read("KS", "65-2803. License required.\n65-2805. Repealed.")
    assert read("SD", "Chapter 36-9B (Medical Assistants) was repealed effective July 1, 2021.") == {
        ("SDCL ch. 36-9B", "statute", "repealed")
    }
    assert read("IL", "(225 ILCS 60/54.2)\n(Section scheduled to be repealed on January 1, 2027)") == {
        ("225 ILCS 60/54.2", "statute", "in-force")
    }


def test_an_act_repeals_sections_only_once_enacted():
    enacted = "CHAPTER 205-S.F.No. 258\nAn act repealing Minnesota Statutes 1994, sections 147.34; and 147.35;"
    introduced = "AN ACT Relating to assistants; repealing RCW 18.135.010 and 18.135.020;"
    assert ("Minn. Stat. § 147.34", "statute", "repealed") in read("MN", enacted)
    assert ("SF 258", "bill", "signed") in read("MN", enacted)
    assert {s for _i, _k, s in read("WA", introduced)} == {"in-force"}


def test_another_professions_own_rule_cites_nothing_for_assistants():
    assert ids("LA", "An advanced practice registered nurse shall practise as R.S. 37:913 provides.") == set()
    assert ids("LA", "A physician may delegate tasks to an unlicensed person under R.S. 37:1270.") == {
        "La. R.S. 37:1270"
    }


def test_code_keeps_subsections_only_when_asked():
    keep = code("statute", "X § {0}", r"\d+", r"\bX Code", subsections=True)
    drop = code("statute", "X § {0}", r"\d+", r"\bX Code")
    assert [f.value["identifier"] for f in keep('X Code 12(b)(3) and 14"c"')] == ["X § 12(b)(3)", "X § 14(c)"]
    assert [f.value["identifier"] for f in drop("X Code 12(b)(3) and 14")] == ["X § 12", "X § 14"]


def test_bill_status_words():
    assert bill_status("Introduced; referred to committee") == "pending"
    assert bill_status("Signed by Governor") == "signed"
    assert bill_status("Vetoed by Governor") == "vetoed"
    assert bill_status("Died in committee") == "failed"
    assert bill_status("Medical assistants") is None


# --- layouts added for generalization (corpus entries c-*) ----------------------------------------------


@pytest.mark.parametrize(
    ("state", "text", "expected"),
    [
        ("NJ", "Proposed New Rules: N.J.A.C. 13:35-3.14, 6.24 and 10.4", {"13:35-3.14", "13:35-6.24", "13:35-10.4"}),
        ("IL", "(Source: P.A. 102-558, eff. 8-20-21; 103-814, eff. 1-1-25.)", {"102-0558", "103-0814"}),
        ("ND", "Law Implemented: NDCC 43-12.1-08, 43-12.1-14", {"N.D.C.C. 43-12.1-08", "N.D.C.C. 43-12.1-14"}),
        ("OR", "pursuant to ORS 680.510, 680.515(1)(a) and 680.515(1)(c)", {"ORS 680.510", "ORS 680.515"}),
        ("ME", "Sec. 3. 32 MRSA §3270-C, sub-§1, as amended", {"32 M.R.S. § 3270-C"}),
        ("TN", "0880-02-.18 Supervision of Physician Assistants", {"0880-02-.18"}),
        ("MD", "10.32.12 Delegation of Acts by a Licensed Physician", {"COMAR 10.32.12"}),
        ("VA", "18 Va. Admin. Code § 85-101-61", {"18VAC85-101-61"}),
        (
            "NY",
            "Education Law §6530(11) and 8 NYCRR §29.1(b)(10)",
            {"N.Y. Educ. Law § 6530(11)", "8 NYCRR 29.1(b)(10)"},
        ),
        ("WA", "The definitions appear in RCW 18.360.010\u00b9.", {"RCW 18.360.010"}),
        (
            "MA",
            "Chapter 112 of the General Laws is hereby amended by adding the following section:-\nSection 265.",
            {"M.G.L. c. 112, § 265"},
        ),
    ],
)
def test_lists_abbreviated_items_headings_and_footnote_markers(state, text, expected):
    got = ids(state, text)
    assert all(any(want in ident for ident in got) for want in expected), got


def test_a_range_cites_its_span_where_the_state_cites_spans():
    assert ids("OK", "the Act, 59 O.S. §§ 480 through 518.1") == {"59 O.S. §§ 480-518.1"}
    assert ids("OR", "Physicians are licensed under ORS 677.010 to 677.228.") == {"ORS 677.010-677.228"}


def test_statuses_of_amended_sections_act_headers_and_bill_titles():
    substituted = (
        "Sec. 2. Section 20-9 of the general statutes is repealed and the following is substituted in lieu thereof"
    )
    assert read("CT", substituted) == {("Conn. Gen. Stat. § 20-9", "statute", "in-force")}
    header = "A171, R172, S613\nPassed by the General Assembly on May 5, 2022\nGovernor's Action: May 16, 2022, Signed"
    assert read("SC", header) == {("Act 171 of 2022", "statute", "in-force"), ("S. 613", "bill", "signed")}
    # a section a pending bill's title adds is not law yet
    assert ids("SC", "A bill TO AMEND THE CODE BY ADDING SECTION 40-47-937 SO AS TO LET ASSISTANTS PRACTISE;") == set()
    act = "NO. 148. AN ACT RELATING TO PROFESSIONS AND OCCUPATIONS.\n(H.871)"
    assert ("H. 871", "bill", "signed") in read("VT", act)
    assert ("LD 1933", "bill", "unknown") in read("ME", "The Legislature took up L.D. 1933.")
    assert read("KY", "Pending Regulation Changes\n201 KAR 20:065 Professional standards") == {
        ("201 KAR 20:065", "regulation", "proposed")
    }


@pytest.mark.parametrize(
    ("state", "text", "expected"),
    [
        (
            "AK",
            "Alaska Stat. § 08.64.326(a)(9) and Alaska Admin. Code tit. 12, § 40.920.",
            {"AS 08.64.326", "12 AAC 40.920"},
        ),
        (
            "WA",
            "Wash. Rev. Code § 18.360.050 and Wash. Admin. Code § 246-827-0100",
            {"RCW 18.360.050", "WAC 246-827-0100"},
        ),
        ("KS", "KSA 65-2872(g)", {"K.S.A. 65-2872(g)"}),
        ("MA", "Mass. Gen. Laws ch. 112, § 265", {"M.G.L. c. 112, § 265"}),
        ("MI", "Section 16215 of the Public Health Code", {"MCL 333.16215"}),
        ("OK", "Okla. Stat. tit. 59, § 567.3", {"59 O.S. § 567.3"}),
        ("VT", "Vt. Stat. Ann. tit. 26, § 1354", {"26 V.S.A. § 1354"}),
        ("MO", "Mo. Rev. Stat. § 334.104", {"RSMo 334.104"}),
        ("LA", "La. R.S. 37:1261 defines it.", {"La. R.S. 37:1261"}),
        (
            "CT",
            "C.G.S. § 20-9 and Regs., Conn. State Agencies § 19-13-D74",
            {"Conn. Gen. Stat. § 20-9", "Conn. Agencies Regs. § 19-13-D74"},
        ),
    ],
)
def test_a_code_is_read_under_its_other_names(state, text, expected):
    assert ids(state, text) == expected


def test_a_code_outline_heading_reads_with_the_title_above_it():
    outline = (
        "Title 26 : Professions and Occupations\nChapter 023 : Medicine\nSubchapter 002 : Board of Medical Practice"
    )
    assert ids("VT", outline) == {"26 V.S.A. ch. 23"}
    assert ids("CA", "as described in paragraph (3) of subdivision (b) of Section 2069") == {
        "Cal. Bus. & Prof. Code § 2069(b)(3)"
    }


def test_a_table_of_contents_entry_without_the_code_name_is_not_a_citation():
    # Maryland's regulations index lists "Scope (10.32.01.01)" for every regulation: a link list, not citations
    assert ids("MD", "Scope (10.32.01.01) Definitions (10.32.01.02)") == set()


def test_a_rule_the_next_sentence_calls_a_proposal_is_proposed():
    text = (
        "Rule 4.2 (24 DE Admin. Code 1900-4.2) covers what medical assistants may do in APRN offices. "
        "The nursing board proposed that rule in 2023; ask the board about it.\n"
    )
    assert ("24 Del. Admin. Code 1900-4.2", "regulation", "proposed") in read("DE", text)
    adopted = text.replace("ask the board about it", "it was adopted later that year")
    assert ("24 Del. Admin. Code 1900-4.2", "regulation", "in-force") in read("DE", adopted)


def test_a_former_rule_and_one_that_ended_are_repealed():
    assert ("ARSD 20:77", "regulation", "repealed") in read("SD", "The rules in former ARSD 20:77 went with the law.\n")
    assert ("ARSD 20:77", "regulation", "repealed") in read("SD", "Chapter ARSD 20:77 ended in 2019 with the act.\n")
    # "ended the ..." is something the rule did, not its own end
    assert ("ARSD 20:77", "regulation", "in-force") in read("SD", "ARSD 20:77 ended the old waiting list in 2019.\n")
