"""Citation rules: statute, regulation and bill identifiers in canonical form.

Citations read whole sentences (@reads("sentence")): a list of sections
separated by semicolons must not be cut into clauses. The shared layouts are
CITATION_PATTERNS; a state module adds its own style with citation(...) (one
pattern, one template) or code(...) (a code's section numbers in every layout:
after the code's name, before it, in a list, as a section heading).

Each identifier gets a status from its own sentence ("proposes to amend",
"Repealed", "was repealed"); settle_citations then reads the lines around a
bill or a proposed rule ("Introduced", "Signed by Governor", "Died in
Committee", a "PROPOSED RULES" heading) and keeps one spelling per bill.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from functools import lru_cache
from typing import Any

from tracker.normalize.patterns import phrase
from tracker.normalize.rules import Finding, Rule, has_digit, is_hypothetical, needs_digit, reads
from tracker.normalize.text import sentences

YEAR = "{year}"  # in an identifier: the year the lines around it print ("Act {0} of {year}")
STATUSES = ("in-force", "proposed", "pending", "signed", "vetoed", "failed", "repealed", "unknown")
# where pages disagree about one identifier, the furthest stage stated wins (a law in force beats its proposal)
STATUS_RANK = {
    "unknown": 0,
    "proposed": 1,
    "pending": 2,
    "in-force": 3,
    "failed": 4,
    "vetoed": 4,
    "signed": 5,
    "repealed": 6,
}


def _numbers(text: str) -> list[str]:
    return re.findall(r"\d+(?:\.\d+)*(?:\([a-z0-9]+\))*", text)


# --- statuses read from the sentence itself --------------------------------------------------

_WAS_REPEALED = phrase(
    r"\b(?:was|were|is|are|has been|have been|been|now)\s+repealed\b(?!\s+and\s+(?:replaced|re-?enacted|the following"
    r"|(?:one|two|three|\w+) new sections?\b|new sections?\b))"
    r"|^\W*repealed\b|(?<!to be )\brepealed (?:by|effective|in|on)\b|\bINACTIVE RULE\b"
    r"|\b(?:legislature|act|law|statute|bill|board|department|amendment)s?\s+(?:also\s+)?repealed\b"
)
_PROPOSED_RULE = phrase(
    r"\bpropos(?:es|ed|ing)\s+(?:to\s+)?(?:adopt|amend|repeal|add|revise|change)\w*|\bproposed\s+(?:rules?|amendments?|"
    r"regulations?|changes?|revisions?|new rules?|adoption|repeal)\b|\bdraft (?:revisions?|rules?|amendments?)\b"
    r"|\bnotice of (?:proposed|intended) (?:action|rule\w*|amendment)\b|^\W*proposed\b|\bpending regulations?\b"
)
_REPEALING = phrase(r"\b(?:also )?repealing\b(?!\s+the existing)|\bto repeal\b")
_REPEAL_STOP = phrase(r"\b(?:and )?to enact\b|\bamending\b|\badding\b|;\s*(?:and\s+)?(?:to\s+)?[a-z]+ing\b")

_SIGNED = phrase(
    r"\bsigned\b(?! into)|\bapproved by (?:the )?governor\b|\bgovernor(?:'s)? (?:action|approved)\b[^.]{0,40}\bsigned\b"
    r"|^\W*approved\s+\w{3}\.? \d|\bchaptered\b|\bacts of assembly chapter\b|\bbecame law\b|\benrolled act\b"
    r"|(?<!if )\benacted (?:in|as|by|into law)\b"
    r"|\b(?:amended|created|added|enacted) by (?=[A-Z]\.?\s?[A-Z]?\.?\s?\d|(?:Laws|Acts|Chapter|Public Act)\b)"
    r"|\bLaws (?:19|20)\d\d,\s*LB\s?\d|^\W*NO\.\s?\d+\.\s+AN ACT\b"
    r"|^\W*chapter \d+\b|\bchapter \d+, statutes of (?:19|20)\d\d\b"
    # "as SB 831 (2017) requires": a rule carries out what the bill, now law, requires
    r"|\b(?:as|because)\s+(?-i:(?:[A-Z]\.?\s?){1,4})\d{1,5}(?:\s*\((?:19|20)\d\d\))?\s+(?:requires|required|mandates|directs)\b"
)
_SIGNED = re.compile(_SIGNED.pattern, re.I | re.M)
_VETOED = phrase(r"\bvetoe?d?\b|\bveto(?:es)?\b")
_FAILED = phrase(
    r"\bdied\b|\b\(?failed\)?\b|\bdid not pass\b|\bindefinitely postponed\b|\bwithdrawn\b|\bdefeated\b"
    r"|\b(?:accompanied|sent to|referred to) a study order\b|\bought not to pass\b|\bleave to withdraw\b"
)
_PENDING = phrase(
    r"\bintroduced\b|\breferred to\b|\bread (?:1st|first|2nd|second|third|3rd) time\b|\bprefiled\b|\bengross\w*"
    r"|\benrolled\b|\bas amended\b|\bamended in\b|\bpending\b|\bin committee\b|\bfiled on\b|\bvote action\b"
    r"|\bfavorable report\b|\bdid not act\b|\braised bill\b|\bpassed by the (?:senate|house|assembly)\b"
    r"|\bas introduced\b|\bsubstitute\b|\bcurrently residing\b"
    r"|\bheard (?:before|by|in)\b|\bpublic hearing\b|\bwork session\b|\bcarried over\b|\bconference committee\b"
    r"|\bbill number:|\b[HSC]\.\s?D\.\s?\d\b"
)


def bill_status(text: str) -> str | None:
    """The furthest stage a bill's own lines state: signed > vetoed > failed > pending."""
    for status, pattern in (("signed", _SIGNED), ("vetoed", _VETOED), ("failed", _FAILED), ("pending", _PENDING)):
        if pattern.search(text):
            return status
    return None


def _status(kind: str, sentence: str, start: int = 0, end: int = 0) -> str:
    """An identifier's status as its own sentence states it (bills: settled later from nearby lines)."""
    if kind == "bill":
        return "pending" if is_hypothetical(sentence) else "unknown"
    after = sentence[end : end + 40]
    history = re.match(r"\W*History\b", sentence, re.I)  # "History of Repealed Material: ..." (since replaced)
    if not history and (re.match(r"\W{0,3}(?:\[?Repealed\b|INACTIVE\b)", after) or _WAS_REPEALED.search(sentence)):
        return "repealed"
    if _FORMER.search(sentence[max(0, start - 30) : start]) or _ENDED.match(sentence[end:]):
        return "repealed"  # "the rules in former ARSD 20:84 ended with it": no longer law
    if kind == "regulation" and _PROPOSED_RULE.search(sentence):
        return "proposed"
    return "in-force"


_FORMER = phrase(r"\b(?:the )?former\s+(?:\w+\s+){0,2}$")
# "ARSD 20:84 ended with it", "... expired in 2021": the identifier itself ended (not "ended the giving of ...")
_ENDED = phrase(
    r"\W{0,3}(?:(?:\w+\s+){0,2}?(?:has |have |had )?)"
    r"(?:ended|expired|lapsed|sunset(?:ted)?|ceased to (?:have effect|apply|be in (?:force|effect)))\b"
    r"(?!\s+(?:the|a|an|all|any|its|their)\b)"
)


def _repeal_targets(sentence: str) -> list[tuple[int, int]]:
    """Spans of a sentence that an act's title says it repeals ("...; also repealing K.S.A. 65-2837b")."""
    spans = []
    for m in _REPEALING.finditer(sentence):
        stop = _REPEAL_STOP.search(sentence, m.end())
        spans.append((m.end(), stop.start() if stop else len(sentence)))
    return spans


_PROFESSION = (
    r"(?:physicians?|physician assistants?|(?:advanced practice )?registered nurses?|APRNs?|(?:advanced )?nurse "
    r"practitioners?|pharmacists?|paramedics?|(?:advanced )?emergency medical technicians?|medication aides?"
    r"|podiatrists?|dentists?)"
)
# "An advanced practice registered nurse shall practise as R.S. 37:913 provides": another profession's own rule
_OTHER_RULE = phrase(
    rf"\b(?:an?|the)\s+(?:licensed\s+)?{_PROFESSION}(?:\s+or\s+(?:an?\s+)?{_PROFESSION})?"
    r"\s+(?:may|shall|must|can)\b",
)
# "Pharmacists give vaccines under RCW 18.64.011": the sentence's subject is another profession (not the
# physicians whose practice act governs delegation: "Physicians are licensed under HRS chapter 453" is cited)
_OTHER_SUBJECT = phrase(
    rf"^\W*(?:(?:an?|the|all|licensed|registered)\s+)*(?!physicians?\b(?!\s+assistant)){_PROFESSION}\s+(?:may|shall|must|can|are|is|give|administer|"
    r"prescribe|practi[cs]e|hold|work)\b",
)
_MA_WORDS = phrase(
    r"\bmedical assistants?\b|\bunlicensed\b|\bassistive\b|\bdelegat\w*|\bagents?\b|\bassign\w*|\btasks?\b"
    r"|\bduties\b|\bnot (?:licensed|credentialed)\b|\bstaff\b|\bpersonnel\b",
)


_OTHER_TERM = phrase(
    rf"^\W*(?:\(\w+\)\s*)*[\"']{_PROFESSION}[\"'],? means\b|\ban? (?:advanced )?{_PROFESSION} \(as defined in\b",
)


@lru_cache(maxsize=8192)  # pure, and asked by every citation rule of the sentence (about 100 of them)
def about_other_profession(sentence: str) -> bool:
    """The sentence states or defines another profession's own rule and says nothing of assistants' work."""
    other = _OTHER_RULE.search(sentence) or _OTHER_TERM.search(sentence) or _OTHER_SUBJECT.search(sentence)
    return bool(other) and not _MA_WORDS.search(sentence)


_ADDING = phrase(r"\bby adding (?:a new )?(?:sections?|§§?)\s*$")
_BILL_TITLE = phrase(r"\ba bill\b|^\W*(?:an act )?to amend\b")


def _not_yet_law(sentence: str, start: int) -> bool:
    """A section a bill's title says it adds ("A bill TO AMEND ... BY ADDING SECTION 40-47-937"): not a law yet."""
    return bool(_ADDING.search(sentence[max(0, start - 40) : start]) and _BILL_TITLE.search(sentence))


def _finding(kind: str, ident: str, sentence: str, start: int, end: int) -> Finding:
    status = _status(kind, sentence, start, end)
    target = status == "in-force" and any(a <= start < b for a, b in _repeal_targets(sentence))
    return Finding(
        "citations",
        {"kind": kind, "identifier": ident, "status": status},
        conditions={"repeal_target": True} if target else {},
    )


# --- shared layouts ------------------------------------------------------------------------------

_BILL_WORDS = (
    r"\b(?P<eng>ENGROSSED |Engrossed )?(?P<sub>(?:SECOND )?SUBSTITUTE |Substitute )?"
    r"(?P<ch>SENATE|HOUSE|ASSEMBLY|Senate|House|Assembly)(?: ENROLLED ACT| Enrolled Act| BILL| Bill)"
    r"(?: No\.?| NO\.?| Number)?\s*(?P<n>\d{2,5})\b"
)

CITATION_PATTERNS: list[tuple[str, re.Pattern[str], Callable[[re.Match[str]], list[str]]]] = [
    (
        "regulation",
        phrase(r"\b(\d+)\s*NYCRR\s*(?:Part |section |§ ?)?(\d+(?:\.\d+)?(?:\([a-z0-9]+\))*)"),
        lambda m: [f"{m.group(1)} NYCRR {m.group(2)}"],
    ),
    (
        "regulation",
        re.compile(r"\b(\d+)\s*AAC\s*(\d+\.\d+)"),
        lambda m: [f"{m.group(1)} AAC {m.group(2)}"],
    ),
    (
        "bill",
        re.compile(
            r"(?<!§)(?<!§ )(?:\b|(?<=\bs))((?:E?2?S?S?HB|E?2?S?SB|AB|SB|HB|HF|SF|LB|LD)\s?-?\d{2,5}[A-Z]?"
            r"|(?:S|A(?!\d+,\s*R\d)|H)\d{3,5}[A-Z]?)\b"
            r"|\b(Senate|House|Assembly) Bill(?: No\.)?\s*(\d{2,5}[A-Z]?)\b"
        ),
        lambda m: (
            [re.sub(r"^([A-Z]{2,})\s?-?(?=\d)", r"\1 ", m.group(1))]
            if m.group(1)
            else [f"{m.group(2)[0]}B {m.group(3)}"]
        ),
    ),
    (  # "H.2051", "S. 1021": a chamber letter and a dot (a state's own spelling, read later, is kept)
        "bill",
        re.compile(r"(?<![.\w])(?<!U\.)([HS])\.\s?(\d{3,5})\b(?![.,]\d)"),
        lambda m: [f"{m.group(1)}{m.group(2)}"],
    ),
    (
        "bill",
        re.compile(r"\b([HSAL])\.\s?([BFD])\.\s?(?:(?i:No)\.\s?)?(\d{2,5})\b"),
        lambda m: [f"{m.group(1)}{m.group(2)} {m.group(3)}"],
    ),
    (
        "bill",
        re.compile(_BILL_WORDS),
        lambda m: [
            ("E" if m.group("eng") else "")
            + ("S" if m.group("sub") else "")
            + f"{m.group('ch')[0].upper()}B {m.group('n')}"
        ],
    ),
]


# a gate read from the layouts themselves (rules.needs_digit): when each needs a digit, a text without one skips them
_LAYOUTS_NEED_DIGIT = all(needs_digit(pattern) for _kind, pattern, _canon in CITATION_PATTERNS)


@reads("sentence")
def citation_rule(clause: str) -> Iterable[Finding]:
    """Statute, regulation and bill identifiers in canonical form."""
    if about_other_profession(clause):
        return
    for kind, pattern, canon in CITATION_PATTERNS if has_digit(clause) or not _LAYOUTS_NEED_DIGIT else ():
        for m in pattern.finditer(clause):
            for ident in canon(m):
                if (kind == "bill" and not re.search(r"\d{2,}", ident)) or _not_yet_law(clause, m.start()):
                    continue
                yield _finding(kind, ident, clause, m.start(), m.end())
    for rule in SHARED_CODES:
        yield from rule(clause)


def citation(kind: str, pattern: str, template: str, flags: int = 0) -> Rule:
    """A state's own citation style, e.g. citation("statute", r"A\\.R\\.S\\. § ?(\\d+-\\d+)", "A.R.S. § {0}").

    `template` is formatted with the pattern's groups; the result is the
    canonical identifier, so differently worded references to one section match.
    """
    compiled = re.compile(pattern, flags)
    gated = needs_digit(compiled)  # then a sentence without a digit holds no match

    def read(clause: str) -> Iterable[Finding]:
        for m in compiled.finditer(clause) if has_digit(clause) or not gated else ():
            if not _not_yet_law(clause, m.start()):
                yield _finding(kind, template.format(*m.groups(), year=YEAR), clause, m.start(), m.end())

    return _sentence_rule(f"citation_{kind}", read)


def _sentence_rule(name: str, read: Rule) -> Rule:
    """A state's citation rule: reads whole sentences, and one about another profession cites nothing for MAs."""

    def rule(sentence: str) -> Iterable[Finding]:
        if not about_other_profession(sentence):
            yield from read(sentence)

    rule.__name__ = name
    return reads("sentence")(rule)


# --- a code's section numbers in every layout -----------------------------------------------------

_SUB = r"(?:\s?\((?:[0-9]{1,3}[a-z]?|[a-zA-Z]{1,4})\)|\s?\"[a-z]\")"
_SUB_MORE = rf"(?:\s*(?:,|and|or|&)\s*{_SUB}+(?![\w.-]))"
_NOISE = (
    r"(?:,?\s+(?:subdivisions?|subd\.|clauses?|paragraphs?|subsections?)\s+\(?[0-9a-z]{1,3}\)?(?!\w)"
    r"|\s+note\b|,?\s+et\.? seq\.?|\s+\((?:19|20)\d\d(?:, as amended)?\)|\s+\(relating to[^)]*\))?"
    r"(?:,\s*eff\.\s*\d{1,2}[-/]\d{1,2}[-/]\d{2,4})?"
)
_WORDS = r"(?:§§?|[Ss]ections?|SECTIONS?|[Ss]ecs?\.|ss?\.|[Cc]hapters?|CHAPTERS?)"
_SEP = (
    r"(?:,?\s+(?:specifically|particularly|including|namely|in particular),?\s+"
    r"|\s*[,;/&]\s*(?:(?i:and|or)\s+)?|\s+(?i:and|or|through|thru|to)\s+|\s*--\s*)"
    rf"(?:{_WORDS}\s*)?"
)
_PRE = (
    r"\s*[,:\-]?\s*(?:(?:19|20)\d\d(?:,|\s+Supp\.,?|(?=\s+(?:§|[Ss]ection|\d)))\s*)?"
    r"(?:§§?|[Ss]ections?|SECTIONS?|[Ss]ecs?\.|ss?\.|[Ss]ubd\.)?\s*"
)
# labels a bare list of section numbers follows: "Statutory Authority: 4731.05, 4731.053"
AUTHORITY_LABEL = (
    r"\b(?:[Aa]uthority|AUTHORITY|[Uu]nder|UNDER|[Aa]mplifies|AMPLIFIES|[Ii]mplement(?:s|ed|ing)|IMPLEMENT\w*|"
    r"[Rr]eference|REFERENCE|[Rr]elates [Tt]o|RELATES TO|[Aa]ffected|AFFECTED|[Hh]istory|HISTORY|[Ss]ource|SOURCE)"
    r"\s*:\s*"
    r"|\b(?:[Rr]ulemaking|RULEMAKING|[Ss]pecific|SPECIFIC|[Ss]tatutory|STATUTORY) (?:[Aa]uthority|AUTHORITY)\s+(?=\d)"
    r"|\b(?:[Ll]aws? [Ii]mplemented|LAWS? IMPLEMENTED)\s+(?=\d)"
)


def _item(number: str) -> str:
    return rf"(?<![\w.:])(?<![^-]-)({number})(?![A-Za-z0-9_]|[.:-]\d|-[A-Z]\d)({_SUB}*){_SUB_MORE}*{_NOISE}"


def _scan(
    text: str, pos: int, item: re.Pattern[str], sep: re.Pattern[str], short: re.Pattern[str] | None = None
) -> list[re.Match[str]]:
    """The list of section numbers that starts at pos: "36-9B-3; 36-9B-4 and 36-9B-5".

    With `short`, a later item may print only the tail of its number ("N.J.A.C. 13:35-3.14, 6.24 and 10.4").
    """
    found: list[re.Match[str]] = []
    m = item.match(text, pos)
    while m:
        found.append(m)
        s = sep.match(text, m.end())
        m = (item.match(text, s.end()) or (short.match(text, s.end()) if short else None)) if s else None
        if m and _NEXT_CODE.match(text, m.end(1)):  # "... 1351(e) and 3 V.S.A. § 831": another code's title
            break
    return found


_NEXT_CODE = re.compile(
    r"\s+(?:(?:[A-Z]\.\s?){2,}|[A-Z][a-z]+\.\s?[A-Z]"
    r"|(?:NYCRR|CCR|TAC|CMR|CFR|USC|AAC|IAC|NAC|DCMR|CSR|KAR|NCAC|VAC|ILCS|NMAC|ARM|OAC|COMAR)\b)"
)


def _subsection(raw: str) -> str:
    return re.sub(r"\"([a-z])\"", r"(\1)", re.sub(r"\s+", "", raw)) if raw else ""


def _plain(pattern: str) -> str:
    """The pattern with its groups made non-capturing."""
    return re.sub(r"(?<!\\)\((?!\?)", "(?:", pattern)


_RANGE = re.compile(r"\s+(?i:through|thru|to)\s+(?:(?:§§?|[Ss]ections?)\s*)?")


class _CodeReader:
    """The compiled layouts of one code (see `code`)."""

    def __init__(self, number: str, before: str | None, after: str | None, **opts: Any) -> None:
        number = _plain(number)
        self.item, self.sep = re.compile(_item(number)), re.compile(_SEP)
        self.short = re.compile(_item(_plain(opts["short"]))) if opts["short"] else None
        listed = _plain(rf"{_item(number)}(?:{_SEP}{_item(number)})*")
        tail = r",?\s*(?:of\s+(?:the\s+)?)?(?:{})"
        around = opts["around"]
        self.anchors: list[re.Pattern[str]] = []
        if before:
            self.anchors.append(re.compile(rf"(?:{before}){_PRE}"))
        if around:
            self.anchors.append(re.compile(rf"(?:{around[0]}){_PRE}(?=(?:{listed}){tail.format(around[1])})"))
        if opts["bare"]:
            self.anchors.append(
                re.compile(rf"(?:§§?|\b[Ss]ections?|\bSECTIONS?|\b[Ss]ecs?\.|\bss?\.)\s*|{AUTHORITY_LABEL}")
            )
        if opts["loose"]:
            self.anchors.append(re.compile(rf"(?<![\w.:-])(?=(?:{number}))"))
        if opts["heading"]:
            # a table of contents: a title, then the section's number in parentheses ("Scope (10.32.12.01)")
            self.anchors.append(re.compile(rf"^[A-Z][\w ,'&/-]{{1,60}}?\s\((?=(?:{number})\)\W*$)"))
            self.anchors.append(
                re.compile(
                    rf"(?:^\W{{0,3}}(?:§\s*|Sec(?:tion|\.)\s*)?|(?:\u2026|\.{{3,}})\s*)"
                    rf"(?=(?:{number})(?:\.?\s|\.?$|\s*[-|:(\u2014]))"
                )
            )
        self.suffix = re.compile(rf"(?:{listed}){tail.format(after)}") if after else None

    def lists(self, sentence: str) -> Iterable[tuple[list[re.Match[str]], tuple[str, ...]]]:
        """Every list of section numbers the sentence prints, with the groups of its anchor."""
        starts = [(a.end(), a.groups()) for anchor in self.anchors for a in anchor.finditer(sentence)]
        if self.suffix:
            starts += [(s.start(), ()) for s in self.suffix.finditer(sentence)]
        for pos, groups in sorted(set(starts)):
            yield _scan(sentence, pos, self.item, self.sep, self.short), groups


def code(
    kind: str,
    template: str,
    number: str,
    before: str | None = None,
    after: str | None = None,
    *,
    around: tuple[str, str] | None = None,
    bare: bool = False,
    heading: bool = False,
    loose: bool = False,
    subsections: bool = False,
    fix: Callable[[str], str] | None = None,
    span: str | None = None,
    short: str | None = None,
) -> Rule:
    """A code's section numbers in every layout the agencies print.

    `number` matches one section number; `template` makes the identifier from it
    ("SDCL {0}"; {1}, {2}... are the groups of `before`). A list is read when the
    code's name is printed before it (`before`: "SDCL 36-9B-3; 36-9B-4"), after it
    (`after`: "sections 334.031 and 334.100, RSMo"), on both sides (`around`:
    "Chapter 18.360 RCW"), or, for number shapes no other code of the state uses,
    after "§", "section" or an authority label (`bare`), anywhere (`loose`), or
    opening a line (`heading`: "§3270-B. License ..."). `subsections` keeps
    "(b)(3)" in the identifier; `fix` rewrites a misprinted number; `span` is the
    identifier of a range ("ORS {0}-{1}" for "ORS 677.010 to 677.228"), which then
    replaces its two ends; `short` matches a list item printed without its head
    ("6.24" after "13:35-3.14"), which takes the head of the item before it.
    """
    reader = _CodeReader(number, before, after, around=around, bare=bare, heading=heading, loose=loose, short=short)

    def num(m: re.Match[str], head: str) -> str:
        raw = m.group(1) if m.re is reader.item else head + m.group(1)
        return (fix(raw) if fix else raw) + (_subsection(m.group(2)) if subsections else "")

    def read(sentence: str) -> Iterable[Finding]:
        if not reader.item.search(sentence):
            return  # every finding is a list item the item pattern matched: with none anywhere, none at all
        seen: set[int] = set()
        for found, groups in reader.lists(sentence):
            head = re.sub(r"[^-:]*$", "", found[0].group(1)) if found else ""
            for a, b in zip([None, *found], [*found, None], strict=True):
                if b is None or b.start(1) in seen:
                    continue
                seen.add(b.start(1))
                if span and a is not None and _RANGE.fullmatch(sentence, a.end(), b.start()):
                    yield _finding(kind, span.format(num(a, head), num(b, head), *groups), sentence, a.start(), b.end())
                    continue
                nxt = found[found.index(b) + 1] if found.index(b) + 1 < len(found) else None
                if span and nxt is not None and _RANGE.fullmatch(sentence, b.end(), nxt.start()):
                    continue  # the start of a range: read as the range
                yield _finding(kind, template.format(num(b, head), *groups), sentence, b.start(), b.end())

    return _sentence_rule(f"code_{kind}", read)


# codes printed on pages of more than one state (national summaries cite them too)
_CA_BP = r"\b(?:California )?(?:Business and Professions|Bus\.? ?& ?Prof\.?|B ?& ?P) Code"
_CA_HS = r"\b(?:California )?(?:Health and Safety|Health ?& ?Safety|H ?& ?S) Code"
_CA_REGS = (
    r"\bTitle 16,?\s*(?:of the )?(?:California Code of Regulations|CCR|Cal\.? Code Regs\.?)"
    r"|\bCalifornia Code of Regulations,?\s*Title 16|\b16 (?:CCR|Cal\.? Code Regs\.?)"
)
_NY_EDUC = r"(?:Article \d+ of (?:the )?)?(?:N\.Y\.? |New York (?:State )?)?(?:Education|Educ\.) Law"
SHARED_CODES: tuple[Rule, ...] = (
    code("statute", "RCW {0}", r"\d+[A-Z]?\.\d+(?:\.\d+)?", r"\bRCW"),
    code("statute", "RCW {0}", r"\d+[A-Z]?\.\d+", around=(r"\b[Cc]hapters?|\bCHAPTERS?", r"RCW")),
    code("regulation", "WAC {0}", r"\d+-\d+(?:-\d+)?", r"\bWAC"),
    code("regulation", "WAC {0}", r"\d+-\d+", around=(r"\b[Cc]hapters?|\bCHAPTERS?", r"WAC")),
    code("statute", "Cal. Bus. & Prof. Code § {0}", r"\d+(?:\.\d+)?", _CA_BP, _CA_BP, subsections=True),
    code("statute", "Cal. Health & Safety Code § {0}", r"\d+(?:\.\d+)?", _CA_HS, _CA_HS),
    code("regulation", "16 CCR § {0}", r"\d+(?:\.\d+)?", _CA_REGS),
    code("statute", "N.Y. Educ. Law § {0}", r"\d+(?:-[a-z])?", rf"\b{_NY_EDUC}", _NY_EDUC, subsections=True),
)


# --- statuses from the lines around an identifier ---------------------------------------------------


def bill_key(ident: str) -> tuple[str, str] | None:
    """One bill however it is spelt: ("S", "613") for "S613", "S. 613", "SB 613", "2017 SB 613"."""
    m = re.fullmatch(r"(?:(?:19|20)\d\d )?(?:\d\d-)?([A-Z][A-Z.]*?)\.? ?(\d{2,5})[A-Z]?", ident)
    if not m:
        return None
    chamber = m.group(1).replace(".", "")
    chamber = chamber[:-1] if len(chamber) > 1 and chamber[-1] in "BFD" else chamber
    return (chamber[-1], m.group(2))


_HEADING_PROPOSED = re.compile(
    r"\bPROPOSED\b|\bPROPOSAL\b|\bNotice of Proposed\b|\bProposed (?:Rules?|Amendments?)\b|\bPending Regulations?\b"
)
# the line after a rule's heading that describes it as a proposal ("The proposed rule amendments ...")
_DESCRIBED_PROPOSED = phrase(r"^\W*(?:The )?proposed (?:rules?|amendments?|repeal|new rules?)\b")
_ANY_BILL = re.compile(
    r"\b(?:E?S?S?[HSA]B|[HS]F|LB|LD)\s?-?\d{2,5}|\b[HSA]\d{3,5}\b|\b(?:SENATE|HOUSE|Senate|House) (?:BILL|Bill)\b"
)

Staged = tuple[int, str, Finding]  # (passage index, sentence, finding)


_SEE = re.compile(r"\b(?:see|See|SEE)(?: also| ALSO)?\s+$")


def _bills_in(text: str, references: bool = True) -> set[tuple[str, str] | None]:
    """The bills a line names; without `references`, not those it only points to ("see H4364")."""
    return {
        bill_key(re.sub(r"\s+", " ", b.group(0)))
        for b in _ANY_BILL.finditer(text)
        if references or not _SEE.search(text[max(0, b.start() - 12) : b.start()])
    }


def _cross_references(sentence: str) -> set[tuple[str, str] | None]:
    return _bills_in(sentence) - _bills_in(sentence, references=False)


def _window(texts: Sequence[str], index: int, key: tuple[str, str] | None) -> str:
    """The bill's passage and its neighbours up to a line that names another bill (not one it points to)."""
    lines = [texts[index]]
    for step in (-1, 1):
        i = index + step
        while 0 <= i < len(texts) and abs(i - index) <= 3:
            other = _bills_in(texts[i], references=False)
            if other - {key, None}:
                break
            lines.append(texts[i])
            i += step
    return "\n".join(lines)


def _enacted(texts: Sequence[str], index: int) -> bool:
    near = "\n".join(texts[max(0, index - 2) : index + 2])
    return bool(re.search(r"^\W*CHAPTER \d+\b|\bapproved by (?:the )?governor\b|\bsigned by", near, re.M | re.I))


def _repealed_after(texts: Sequence[str], index: int, sentence: str) -> bool:
    """A section heading whose next words are "Repealed" ("65-2805." then "Repealed.")."""
    if len(sentence) > 40:
        return False
    text = texts[index]
    at = text.find(sentence)
    rest = text[at + len(sentence) :] if at >= 0 else ""
    if not rest.strip() and index + 1 < len(texts):
        rest = texts[index + 1]
    return bool(re.match(r"\W{0,3}\[?Repealed\b", rest))


# the next sentence speaks of the rule just cited and says it was proposed ("The Board proposed that rule in 2022")
_PROPOSED_THAT_RULE = phrase(
    r"\bpropos(?:ed|es)\s+(?:that|this|the|which|these|those)\s+(?:rules?|regulations?|amendments?|changes?)\b"
    r"|^\W*(?:that|this|the) (?:rule|regulation|amendment)s? (?:was|were|is|are) (?:first )?(?:\w+ )?"
    r"(?:proposed|published as (?:a )?proposed)\b|\bfirst published as a proposed (?:rule|regulation)\b"
)
_ADOPTED = phrase(r"\badopted\b|\bfinal(?:i[sz]ed)?\b|\btook effect\b|\beffective\b|\bin (?:force|effect)\b")


def _proposed_next(text: str, sentence: str) -> bool:
    """The sentence after the identifier's calls that rule a proposal and says nothing of its adoption."""
    parts = sentences(text)
    for i, part in enumerate(parts[:-1]):
        if sentence.endswith(part):
            nxt = parts[i + 1]
            return bool(_PROPOSED_THAT_RULE.search(nxt)) and not _ADOPTED.search(nxt)
    return False


def _proposed_around(texts: Sequence[str], index: int, sentence: str = "") -> bool:
    """A "PROPOSED RULES" heading up to four lines above, a next line that calls the rule a proposal, or a next
    sentence that says the board proposed that rule."""
    nxt = texts[index + 1] if index + 1 < len(texts) else ""
    return (
        any(_HEADING_PROPOSED.search(t) for t in texts[max(0, index - 4) : index])
        or bool(_DESCRIBED_PROPOSED.match(nxt))
        or _proposed_next(texts[index], sentence)
    )


def settle_citations(texts: Sequence[str], staged: list[Staged]) -> list[Staged]:
    """Statuses read from the lines around each identifier, and one spelling per bill per sentence.

    A bill takes the furthest stage its neighbouring lines state; a regulation
    under a "PROPOSED RULES" heading is proposed; a section an enacted act's
    title repeals is repealed. Where a sentence spells one bill two ways (the
    shared pattern and a state's own), the state's spelling (read last) stays.
    """
    keep: dict[tuple[int, str, tuple[str, str]], int] = {}
    for n, (pi, sentence, f) in enumerate(staged):
        if f.field == "citations" and f.value["kind"] == "bill" and (key := bill_key(f.value["identifier"])):
            keep[(pi, sentence, key)] = n
    out: list[Staged] = []
    for n, (pi, sentence, f) in enumerate(staged):
        if f.field != "citations":
            out.append((pi, sentence, f))
            continue
        value = dict(f.value)
        if YEAR in value["identifier"]:  # an act header whose year is printed on the lines below ("A171, R172, S613")
            year = re.search(r"\b(?:19|20)\d\d\b", "\n".join(texts[pi : pi + 4]))
            if not year:
                continue
            value["identifier"] = value["identifier"].replace(YEAR, year.group(0))
        if value["kind"] == "bill":
            key = bill_key(value["identifier"])
            if key and keep[(pi, sentence, key)] != n:
                continue
            if key not in _cross_references(sentence):  # "see H4364": the line's stage is another bill's
                value["status"] = bill_status(_window(texts, pi, key)) or value["status"]
        elif value["status"] == "in-force":
            if (f.conditions.get("repeal_target") and _enacted(texts, pi)) or _repealed_after(texts, pi, sentence):
                value["status"] = "repealed"
            elif value["kind"] == "regulation" and _proposed_around(texts, pi, sentence):
                value["status"] = "proposed"
        out.append((pi, sentence, replace(f, value=value, conditions={})))
    return out
