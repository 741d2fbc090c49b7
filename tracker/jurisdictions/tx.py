"""Texas: no MA credential; physicians delegate, and X-rays need an MRT/LMRT certificate or NCT registration.

Sources (checked 2026-11): the Texas Medical Board's FAQ on delegation to
medical assistants, its page on non-certified technicians (NCT) and limited
medical radiologic technologists, and Occupations Code chapter 157 on the
official statutes site (general delegation, § 157.001).

A physician may delegate a medical act to a qualified, properly trained person
(Tex. Occ. Code § 157.001); the Board has long accepted unlicensed staff giving
inoculations (Tex. Att'y Gen. Op. MW-318, 1981). Radiologic procedures need a
certificate or NCT registration under Occupations Code chapter 601
(§§ 601.056, 601.252) and the Board's NCT rules in 22 TAC chapter 186,
subchapter C (formerly chapter 194).

Quirks: Texas cites "Tex. Occ. Code § 157.001", "Texas Occupations Code
§ 601.056" or, on the statutes site, "Sec. 157.001."; all become
"Tex. Occ. Code § <section>". Chapters ("Chapter 601") and TAC chapters get their
own identifiers. The NCT page was redesigned between the bundled snapshots
(heavier navigation, sections reordered) with no rule change.
"""

from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

_OCC = r"(?:Tex(?:as|\.)\s*)?Occ(?:upations|\.)\s*Code,?"

JURISDICTION = Jurisdiction(
    code="TX",
    name="Texas",
    regulators=(
        Regulator("Texas Medical Board", "https://www.tmb.state.tx.us", "scope-of-practice"),
        Regulator(
            "Texas Medical Board, Medical Radiologic Technologist program",
            "https://www.tmb.state.tx.us/apply-renew/other-permits-and-licenses/non-certified-technician-and-limited-medical-radiological",
            "radiology",
        ),
    ),
    sources=(
        Source(
            "tx-tmb-delegation-faq",
            "https://www.tmb.state.tx.us/resources/frequently-asked-questions/delegation",
            "faq",
            title="TMB FAQ: delegation to medical assistants",
        ),
        Source(
            "tx-tmb-nct-lmrt",
            "https://www.tmb.state.tx.us/apply-renew/other-permits-and-licenses/non-certified-technician-and-limited-medical-radiological",
            "guidance",
            title="Non-Certified Technician and Limited Medical Radiologic Technologist",
        ),
        Source(
            "tx-occ-code-ch-157",
            "https://statutes.capitol.texas.gov/Docs/OC/htm/OC.157.htm",
            "statute",
            title="Occupations Code chapter 157 (Sec. 157.001 general delegation)",
        ),
    ),
    allowed_domains=("tmb.state.tx.us", "texas.gov"),
    rules=(
        code(
            "regulation",
            "22 TAC § {0}",
            r"\d{3}\.\d{1,2}",
            r"\b22\s*(?:TAC|Tex(?:as|\.)\s*Admin(?:istrative|\.)\s*Code),?",
        ),
        code("statute", "Tex. Occ. Code § {0}", r"\d{3}\.\d{3}", _OCC, bare=True, heading=True),
        citation(
            "regulation",
            r"\bTexas Administrative Code,? Title 22,?(?: Part \d+,?)? Chapter (\d{3})\b",
            "22 TAC ch. {0}",
        ),
        citation("regulation", r"\bChapter (\d{3}) of the (?:[Bb]oard's |[Bb]oard )rules", "22 TAC ch. {0}"),
        citation("statute", r"(?:§§?|\bSections?|\bSec\.)\s*(\d{3}\.\d{3})\b", "Tex. Occ. Code § {0}"),
        citation("statute", _OCC + r"\s*(?:Chapter|ch\.)\s*(\d{3})\b", "Tex. Occ. Code ch. {0}"),
        # "Texas Occupations Code § 157.001 and Chapter 157": a chapter listed after a section of the code
        citation(
            "statute", _OCC + r"(?:[^.;]|\.(?=\d)){0,40}?\band (?:Chapter|ch\.)\s*(\d{3})\b", "Tex. Occ. Code ch. {0}"
        ),
        citation("statute", r"\bChapter (\d{3}) of the (?:Texas )?Occupations Code", "Tex. Occ. Code ch. {0}"),
        citation(
            "regulation",
            r"\b22\s*(?:TAC|Tex(?:as|\.)\s*Admin(?:istrative|\.)\s*Code),?\s*(?:Chapter|ch\.)\s*(\d{3})\b",
            "22 TAC ch. {0}",
        ),
        citation("regulation", r"\b22\s*TAC\s*§\s*(\d{3}\.\d{1,2})\b", "22 TAC § {0}"),
        citation(
            "opinion",
            r"(?:Attorney General|Att(?:'|\u2019)?y\.? Gen\.)\s*Op(?:inion|\.)\s*(?:No\.\s*)?(MW-\d+)",
            "Tex. Att'y Gen. Op. {0}",
        ),
    ),
)
