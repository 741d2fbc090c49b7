"""Rhode Island: no MA credential or MA rules; physicians delegate.

Sources (checked 2026-11): the Department of Health's page for physicians
(a short section on delegating to medical assistants, buried in heavy
navigation) and the Board of Medical Licensure and Discipline's physician
rules, 216-RICR-40-05-1 (under R.I. Gen. Laws chapter 5-37). Confidence is
low: no official page addresses medical assistants at length; injections
read as `allowed` through physician delegation. IV, X-rays, supervision and
training are not addressed.

Quirk: regulations are cited as "216-RICR-40-05-1" and statutes as
"R.I. Gen. Laws Chapter 5-37".
"""

from tracker.normalize.citations import citation, code
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="RI",
    name="Rhode Island",
    regulators=(
        Regulator(
            "Rhode Island Department of Health, Board of Medical Licensure and Discipline",
            "https://health.ri.gov",
            "scope-of-practice",
        ),
    ),
    sources=(
        Source(
            "ri-doh-for-physicians",
            "https://health.ri.gov/for/physicians",
            "guidance",
            title="RIDOH information for physicians",
        ),
        Source(
            "ri-ricr-216-40-05-1",
            "https://rules.sos.ri.gov/Regulations/part/216-40-05-1",
            "regulation",
            title="216-RICR-40-05-1 Licensure and Discipline of Physicians",
        ),
    ),
    allowed_domains=("health.ri.gov", "rules.sos.ri.gov"),
    rules=(
        code(
            "statute", "R.I. Gen. Laws § {0}", r"\d+-\d+(?:\.\d+)?-\d+(?:\.\d+)?", r"\bR\.I\. Gen\. Laws,?", bare=True
        ),
        citation("bill", r"\b(?:20)?\d{2}-([SH]) ?(\d{2,4})[A-Z]?\b", "{0} {1}"),
        citation(
            "statute",
            r"\bR\.I\. Gen\. Laws,? (?:[Cc]hapter|[Cc]h\.) (\d+-\d+(?:\.\d+)?)\b(?!-\d)",
            "R.I. Gen. Laws ch. {0}",
        ),
        citation("statute", r"\bR\.I\. Gen\. Laws,? §§? ?(\d+-\d+(?:\.\d+)?-\d+(?:\.\d+)?)", "R.I. Gen. Laws § {0}"),
        citation("regulation", r"\b(\d{3}-RICR-\d{2}-\d{2}-\d+)\b", "{0}"),
    ),
)
