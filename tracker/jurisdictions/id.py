"""Idaho: no MA statute or rule found; credential, tasks and supervision are unknown.

Sources (checked 2026-11): Idaho Code 54-1804 (who may do acts included in
the practice of medicine without a physician license) on the Legislature's
statutes site, and the Board of Medicine's laws-and-rules page, which
explains 54-1803(4) as it read until January 1, 2025 (a supervising
physician directs licensed or unlicensed medical personnel).

Quirk: the sources say nothing about medical assistants as such, so every
requirement field stays unknown / unaddressed. A college page claiming that
Idaho "licenses" MAs conflicts with the law and is not used.
"""

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="ID",
    name="Idaho",
    regulators=(Regulator("Idaho State Board of Medicine", "https://bom.idaho.gov", "scope-of-practice"),),
    sources=(
        Source(
            "id-code-54-1804",
            "https://legislature.idaho.gov/statutesrules/idstat/Title54/T54CH18/SECT54-1804/",
            "statute",
            title="Idaho Code 54-1804 Unlicensed practice",
        ),
        Source(
            "id-bom-laws-rules",
            "https://bom.idaho.gov/BOMPortal/LawsRules.aspx",
            "guidance",
            title="Board of Medicine laws and rules",
        ),
    ),
    allowed_domains=("legislature.idaho.gov", "bom.idaho.gov"),
    rules=(
        *names("ID"),
        code("regulation", "IDAPA {0}", r"\d{2}\.\d{2}\.\d{2}(?:\.\d{3})?", r"\bIDAPA"),
        citation(
            "statute", r"\b(?:Idaho Code|I\.C\.)\s*(?:[Ss]ection|§)?\s*(\d+-\d+)\((\d+)\)", "Idaho Code § {0}({1})"
        ),
        citation(
            "statute", r"\b(?:Idaho Code|I\.C\.)\s*(?:[Ss]ections?|§§?)?\s*(\d+-\d+)(?![\d(])", "Idaho Code § {0}"
        ),
        citation("statute", r"\b[Ss]ection (\d+-\d+)\((\d+)\),? Idaho Code\b", "Idaho Code § {0}({1})"),
        citation("statute", r"\b[Ss]ection (\d+-\d+),? Idaho Code\b", "Idaho Code § {0}"),
        citation("statute", r"^(54-18\d\d)\.(?:\s|$)", "Idaho Code § {0}"),
    ),
)
