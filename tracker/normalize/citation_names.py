"""The other names agencies print for each state's codes, read by the one code reader.

A state's module reads its code under the name its own agencies use most
("RCW 18.360.050"); pages also print the code's full name ("Revised Code of
Washington"), its Bluebook form ("Wash. Rev. Code § 18.360.050") or a
short form without periods ("KSA 65-2872"). This table maps each of those
names to the state's canonical prefix, so one reader (`citations.code`)
reads them in every layout: lists, headings, subsections and ranges.

Each row: (kind, canonical template, section-number pattern, the names
printed before the number[, options for `code`]). `names(state)` gives a
state's rules; a jurisdiction module adds them to its own `rules`.
"""

from __future__ import annotations

from typing import Any

from tracker.normalize.citations import citation, code
from tracker.normalize.rules import Rule

S, R = "statute", "regulation"
_ANN = r"(?: Ann\.)?,?\s*§*"  # "Ann." and a section sign are optional in every Bluebook name

Row = tuple[str, str, str, str] | tuple[str, str, str, str, dict[str, Any]]

TABLE: dict[str, tuple[Row, ...]] = {
    "AK": (
        (S, "AS {0}", r"\d{2}\.\d{2}\.\d{3}", rf"\bAlaska Stat(?:utes?|\.){_ANN}"),
        (R, "12 AAC {0}", r"\d{2}\.\d{3}", r"\bAlaska Admin(?:istrative|\.) Code,? tit(?:le|\.) 12,?\s*§*|\b12 AAC"),
    ),
    "AR": ((S, "Ark. Code Ann. § {0}", r"\d+-\d+-\d+", r"\bArkansas Code(?: Annotated)?(?: of 1987)?,?\s*§*"),),
    "AZ": (
        (S, "A.R.S. § {0}", r"\d+-\d+(?:\.\d+)?", rf"\bAriz\. Rev\. Stat\.{_ANN}|\bArizona Revised Stat(?:utes|ues),?"),
    ),
    "CO": (
        (
            S,
            "C.R.S. {0}",
            r"\d+-\d+-\d+",
            rf"\bColo\. Rev\. Stat\.{_ANN}|\bColorado Revised Statutes,?\s*§*",
            {"subsections": True},
        ),
    ),
    "CT": (
        (
            S,
            "Conn. Gen. Stat. § {0}",
            r"\d+[a-z]?-\d+[a-z]*",
            r"\bC\.G\.S\.\s*§*|\bCGS\s*§*|\bConnecticut General Statutes,?\s*(?:[Ss]ection|§)*",
        ),
    ),
    "DC": (
        (
            S,
            "D.C. Code {0}",
            r"\d{1,2}-\d{3,4}\.\d{2}[a-z]?",
            rf"\bD\.?C\.? (?:Official )?Code{_ANN}|\bDistrict of Columbia (?:Official )?Code,?\s*§*",
        ),
    ),
    "DE": ((S, "24 Del. C. § {0}", r"\d{4}", r"\bDel\. Code Ann\.,? tit\. 24,?\s*§*", {"subsections": True}),),
    "FL": (
        (S, "F.S. {0}", r"\d{3}\.\d{3,4}", rf"\bFla\. Stat\.{_ANN}|\bFlorida Statutes,?\s*(?:[Ss]ection|§)*"),
        # "Rule 64B8-2.001, F.A.C.": the rule number's shape (department, letter, chapter) is Florida's alone
        (
            R,
            "Fla. Admin. Code R. {0}",
            r"\d{1,2}[A-Z]{1,2}\d{0,2}-\d{1,3}\.\d{3,4}",
            r"\bFla\. Admin\. Code(?: Ann\.)? R\.",
            {"loose": True},
        ),
    ),
    "GA": (
        (
            S,
            "O.C.G.A. § {0}",
            r"\d+-\d+-\d+",
            rf"\bGa\. Code{_ANN}|\bOfficial Code of Georgia(?: Annotated)?,?\s*(?:[Ss]ection|§)*",
        ),
    ),
    "HI": ((S, "HRS § {0}", r"\d{3}[A-Z]?-\d+(?:\.\d+)?", rf"\bHaw\. Rev\. Stat\.{_ANN}"),),
    "IA": ((S, "Iowa Code § {0}", r"\d+[A-Z]?\.\d+", r"\bIowa Code Ann\.,?\s*§*"),),
    "ID": ((S, "Idaho Code § {0}", r"\d+-\d+", r"\bIdaho Code Ann\.,?\s*§*"),),
    "IL": ((S, "{1} ILCS {0}", r"\d+/\d+(?:[.-]\d+)*", r"\b(\d{1,3}) Ill\. Comp\. Stat\.(?: Ann\.)?"),),
    "IN": (
        (
            S,
            "IC {0}",
            r"\d+-\d+(?:\.\d+)?-\d+(?:\.\d+)?(?:-\d+(?:\.\d+)?)?",
            r"\bInd\. Code Ann\.,?\s*§*|\bIndiana Code,?\s*(?:[Ss]ection|§)*",
            {"subsections": True},
        ),
    ),
    "KS": (
        (
            S,
            "K.S.A. {0}",
            r"\d+-\d+(?:,\d+)?[a-z]?",
            r"\bKan\. Stat\. Ann\.,?\s*§*|\bKSA\s*§*|\bKansas Statutes Annotated,?\s*§*",
            {"subsections": True},
        ),
    ),
    "KY": ((S, "KRS {0}", r"\d+[A-Z]?\.\d+", rf"\bKy\. Rev\. Stat\.{_ANN}|\bKentucky Revised Statutes,?\s*§*"),),
    "LA": ((S, "La. R.S. {0}", r"\d+:\d+(?:\.\d+)?", rf"\bLa\. Rev\. Stat\.{_ANN}"),),
    "MI": ((S, "MCL {0}", r"\d{3}\.\d{3,5}[a-z]?", rf"\bMich\. Comp\. Laws{_ANN}|\bMichigan Compiled Laws,?\s*§*"),),
    "MO": (
        (
            S,
            "RSMo {0}",
            r"\d{3}\.\d{3}",
            rf"\bMo\. (?:Ann\. )?Rev\. Stat\.{_ANN}"
            r"|\b(?:Revised Statutes of Missouri|Missouri Revised Statutes),?\s*§*",
        ),
    ),
    "MS": (
        (S, "Miss. Code Ann. § {0}", r"\d+-\d+-\d+", r"\bMiss\. Code(?! Ann)\s*§*|\bMississippi Code Annotated,?\s*§*"),
    ),
    "NC": (
        (
            S,
            "N.C. Gen. Stat. § {0}",
            r"\d{1,3}[A-Z]?-\d+(?:\.\d+)?",
            r"\bNorth Carolina General Statutes?,?\s*(?:[Ss]ection|§)*|\bN\.C\. Gen\. Stat\. Ann\.\s*§*",
            {"heading": True},
        ),
    ),
    "NE": (
        (
            S,
            "Neb. Rev. Stat. § {0}",
            r"\d{2}-\d{3,4}",
            r"\bNeb\. Rev\. Stat\. Ann\.\s*§*|\bNebraska Revised Statutes,?\s*§*",
        ),
    ),
    "NJ": (
        (
            S,
            "N.J.S.A. {0}",
            r"\d{1,2}[A-Z]?:\d{1,3}[A-Z]?-\d{1,3}(?:\.\d{1,3})?",
            r"\bN\.J\. Stat\. Ann\.\s*§*|\bN\.J\.S\.\s",
        ),
        (R, "N.J.A.C. {0}", r"\d{1,2}:\d{1,3}[A-Z]?-\d{1,2}[A-Z]?(?:\.\d{1,3})?", r"\bN\.J\. Admin\. Code,?\s*§*"),
    ),
    "NM": ((S, "NMSA 1978 § {0}", r"\d{1,2}-\d{1,2}[A-Z]?-\d{1,3}(?:\.\d)?", r"\bN\.M\. Stat\. Ann\.\s*§*"),),
    "NV": (
        (S, "NRS {0}", r"\d{3}[A-Z]?\.\d{3,4}", rf"\bNev\. Rev\. Stat\.{_ANN}|\bNevada Revised Statutes,?\s*§*"),
        (R, "NAC {0}", r"\d{3}[A-Z]?\.\d{3,4}", r"\bNev\. Admin\. Code,?\s*§*|\bNAC", {"span": "NAC {0}-{1}"}),
    ),
    "NY": (
        (
            R,
            "8 NYCRR {0}",
            r"\d+(?:\.\d+)?",
            r"\bN\.Y\. Comp\. Codes R\. & Regs\.,? tit\. 8,?\s*§*",
            {"subsections": True},
        ),
    ),
    "OH": ((S, "R.C. {0}", r"\d{3,4}\.\d{2,3}", r"\bOhio Rev\. Code Ann\.\s*§*"),),
    "OK": (
        (
            S,
            "59 O.S. § {0}",
            r"\d{3}(?:\.\d+)?[a-z]?",
            r"\bOkla\. Stat\.(?: Ann\.)?,? tit\. 59,?\s*§*|\bTitle 59,? (?:O\.S\.,? )?(?:[Ss]ection|§)",
            {"span": "59 O.S. §§ {0}-{1}"},
        ),
    ),
    "OR": (
        (
            S,
            "ORS {0}",
            r"\d{3}\.\d{3}",
            rf"\bOr\. Rev\. Stat\.{_ANN}|\bOregon Revised Statutes,?\s*§*",
            {"span": "ORS {0}-{1}"},
        ),
        (R, "OAR {0}", r"\d{3}-\d{3}-\d{4}", r"\bOr\. Admin\. R\.\s*|\bOregon Administrative Rules?,?\s*"),
    ),
    "PA": ((S, "63 P.S. § {0}", r"\d{3}\.\d+[a-z]?", r"\b63 Pa\. (?:Stat\.|Cons\. Stat\.)(?: Ann\.)?\s*§*"),),
    "SD": ((S, "SDCL {0}", r"\d+-\d+[A-Z]?-\d+(?:\.\d+)?", r"\bS\.D\. Codified Laws(?: Ann\.)?\s*§*"),),
    "VT": ((S, "{1} V.S.A. § {0}", r"\d{1,4}[a-z]?", r"\bVt\. Stat\. Ann\.,? tit\. (\d{1,2}),?\s*§*"),),
    "WA": (
        (
            S,
            "RCW {0}",
            r"\d+[A-Z]?\.\d+(?:\.\d+)?",
            rf"\bWash\. Rev\. Code{_ANN}|\bRevised Code of Washington,?\s*(?:\(RCW\)\s*)?",
        ),
        (R, "WAC {0}", r"\d{3}-\d{2,3}-\d{3,4}", r"\bWash\. Admin\. Code,?\s*§*|\bWashington Administrative Code,?\s*"),
    ),
}

# names that carry a chapter as well as a section, or map a section of a named act onto the code
PATTERNS: dict[str, tuple[tuple[str, str, str], ...]] = {
    # session laws: "chapter 134, Laws of 2023", "Laws of 2023, ch. 134"
    "WA": (
        (S, r"\b[Cc]hapter (\d{1,3}),? Laws of (\d{4})\b", "Laws of {1}, ch. {0}"),
        (S, r"\bLaws of (\d{4}),? (?:ch\.|chapter) ?(\d{1,3})\b", "Laws of {0}, ch. {1}"),
    ),
    "SD": ((S, r"\bSL (\d{4}), ch (\d{1,3})\b", "SL {0}, ch {1}"),),
    "NJ": ((S, r"\bP\.\s?L\.\s?((?:19|20)\d\d),\s*c\.\s*(\d{1,3})\b", "P.L. {0}, c. {1}"),),
    "MA": ((S, r"\bMass\. Gen\. Laws(?: Ann\.)? ch\. ?(\d+[A-Z]?),? §+ ?(\d+[A-Z]?)\b", "M.G.L. c. {0}, § {1}"),),
    "MI": ((S, r"\b[Ss]ection (\d{4,5}[a-z]?) of the [Pp]ublic [Hh]ealth [Cc]ode\b", "MCL 333.{0}"),),
    "NH": ((S, r"\bN\.H\. Rev\. Stat\.(?: Ann\.)?,? §+ ?(\d{1,3}(?:-[A-Z])?):\d", "RSA {0}"),),
    "WV": ((S, r"\bW\. ?Va\. Code Ann\.,? §+ ?(\d{1,2}[A-Z]?)-(\d{1,2}[A-Z]?)-\d+", "W. Va. Code {0}-{1}"),),
    "CT": (
        (
            R,
            r"\bRegs\.,? Conn\. State Agencies,? §+ ?(\d+[a-z]?-\d+[a-z]?-[A-Z]?\d+[a-z]?)",
            "Conn. Agencies Regs. § {0}",
        ),
    ),
}


def names(state: str) -> tuple[Rule, ...]:
    """The rules that read a state's other code names, in every layout `code` reads."""
    rules: list[Rule] = []
    for row in TABLE.get(state, ()):
        kind, template, number, before = row[:4]
        opts: dict[str, Any] = row[4] if len(row) > 4 else {}
        rules.append(code(kind, template, number, before, **opts))
    rules += [citation(kind, pattern, template) for kind, pattern, template in PATTERNS.get(state, ())]
    return tuple(rules)
