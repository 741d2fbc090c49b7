"""Wisconsin: no MA credential; unlicensed staff work under a physician's direction, X-rays need a ch. 462 credential.

Sources (checked 2026-11): the Department of Safety and Professional
Services (DSPS) physician profession page, which summarises delegation to
medical assistants for the Medical Examining Board, and on the Legislature's
site Wis. Stat. § 448.03 (license required; exceptions) and chapter 462
(radiographers and limited X-ray machine operators).

Wis. Stat. § 448.03(2)(e) exempts persons providing patient services directed,
supervised and inspected by a physician (discussed in OAG 26-85, 1985). Anyone
operating X-ray equipment needs a radiographer license or a limited X-ray
machine operator permit under chapter 462, unless exempt.

Quirk: Wisconsin writes "Wis. Stat. § 448.03(2)(e)", "s. 448.03 (2) (e)" and
"ch. 462, Wis. Stats." (the statutes site heads a chapter "CHAPTER 462"); sections
read as "Wis. Stat. § <section>", chapters as "Wis. Stat. ch. <n>", Attorney
General opinions as "Wis. OAG <n>-<yy>". The shared sentence splitter cuts after
"Wis." and "s.", so the patterns do not depend on what follows those.
"""

from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

_STATS = r"(?:Wis\.\s*)?Stats?\.,?"  # the shared sentence splitter may cut after "Wis."

JURISDICTION = Jurisdiction(
    code="WI",
    name="Wisconsin",
    regulators=(
        Regulator(
            "Wisconsin Medical Examining Board (Department of Safety and Professional Services)",
            "https://dsps.wi.gov",
            "scope-of-practice",
        ),
        Regulator(
            "Wisconsin Radiography Examining Board (Department of Safety and Professional Services)",
            "https://dsps.wi.gov",
            "radiology",
        ),
    ),
    sources=(
        Source(
            "wi-dsps-physician",
            "https://dsps.wi.gov/Pages/Professions/Physician/Default.aspx",
            "guidance",
            title="DSPS: Physician (delegation to medical assistants)",
        ),
        Source(
            "wi-stat-448-03",
            "https://docs.legis.wisconsin.gov/statutes/statutes/448/ii/03",
            "statute",
            title="Wis. Stat. § 448.03 License required; exceptions",
        ),
        Source(
            "wi-stat-ch-462",
            "https://docs.legis.wisconsin.gov/statutes/statutes/462",
            "statute",
            title="Wis. Stat. ch. 462 Radiographers and limited X-ray machine operators",
        ),
    ),
    allowed_domains=("wi.gov", "wisconsin.gov"),
    rules=(
        code("statute", "Wis. Stat. § {0}", r"\d{2,3}\.\d{2,3}", heading=True),
        citation("statute", _STATS + r"\s*(?:§§?\s*)?(\d{2,3}\.\d{2,3})", "Wis. Stat. § {0}"),
        citation("statute", r"(?<![\w.])s\.\s*(\d{2,3}\.\d{2,3})\b", "Wis. Stat. § {0}"),
        citation("statute", _STATS + r"\s*(?:ch\.|chapter)\s*(\d{2,3})\b", "Wis. Stat. ch. {0}"),
        citation("statute", r"\bch\.\s*(\d{2,3}),\s*Wis\b", "Wis. Stat. ch. {0}"),
        citation("statute", r"\bCHAPTER (\d{2,3})\b", "Wis. Stat. ch. {0}"),
        citation("statute", r"\b[Cc]hapter (\d{2,3}) of the Wisconsin Statutes", "Wis. Stat. ch. {0}"),
        citation("opinion", r"\bOAG\s*(\d{1,3}-\d{2})\b", "Wis. OAG {0}"),
        citation(
            "regulation",
            r"\bWis\.\s?Admin\.\s?Code,?\s*(?:§\s*|ch\.\s*)?(Med|N|Phar|DHS)\s?(\d{1,3}\.\d{2,3})\b",
            "Wis. Admin. Code § {0} {1}",
        ),
    ),
)
