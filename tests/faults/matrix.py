"""The fault matrix: one hostile source per jurisdiction, all applied in one run.

Each `Case` puts one fault on one declared source of one jurisdiction (so a
single run exercises them all, side by side with healthy jurisdictions),
and says what the run must make of it:

- `result`: the jurisdiction's outcome: "fetch-problem", "extraction-problem",
  or "unchanged" (the fault changes nothing a reader would see, e.g. a wrong
  charset on the same bytes: then no change may be recorded at all);
- `reason`: words the recorded problem must contain, so a person knows what
  to do;
- `definite`: whether the answer is definite (404, 410, 403, a moved page:
  reported at once) rather than intermittent;
- `carried`: the fault is on one source among others that still read well:
  that source's last good version is carried into the record (its problem
  is field "reading.<source>"), rather than the whole record held.

docs/faults.md lists the same cases; tests/test_faults_sources.py runs them.
"""

from __future__ import annotations

from dataclasses import dataclass

from tests.conftest import SNAPSHOTS
from tests.faults import bodies
from tests.faults.server import Fault
from tracker import registry

SNAPSHOT = "2026-05-01"
EVIL = "evil.example.com"
RETRY_AFTER = 2  # seconds, for the 429 case
MAXSIZE = 1_000_000  # download_maxsize for the matrix runs
TIMEOUT = 3.0  # download_timeout for the matrix runs
RETRIES = 1  # retry_times for the matrix runs


@dataclass(frozen=True)
class Case:
    name: str
    code: str
    source: int  # index into the jurisdiction's declared sources
    fault: Fault
    result: str
    reason: str = ""
    definite: bool = False
    followed: str | None = None  # the fault is on this page, reached by following a link from the source
    carried: bool = False  # one source of several went bad: its last good version is carried in the record

    @property
    def url(self) -> str:
        return self.followed or registry.get(self.code).sources[self.source].url

    @property
    def source_id(self) -> str:
        jur = registry.get(self.code)
        declared = jur.sources[self.source]
        return jur.source_for_url(self.followed, declared.source_id).source_id if self.followed else declared.source_id


def _page(path: str) -> bytes:
    return (SNAPSHOTS / SNAPSHOT / "pages" / path).read_bytes()


def _with_hidden_offsite_links(page: bytes) -> bytes:
    """The page plus links (with no text, so nothing a reader sees) that match the state's follow pattern
    but lead off its declared domains: absolute, protocol-relative, a look-alike host, a user-info trick."""
    tail = "/sites/default/files/documents/advisory-opinions/{}.pdf"
    links = "".join(
        f'<a href="{href}"></a>'
        for href in (
            f"https://{EVIL}" + tail.format("absolute"),
            f"//{EVIL}" + tail.format("protocol-relative"),
            f"https://lsbme.la.gov.{EVIL}" + tail.format("look-alike"),
            f"https://lsbme.la.gov@{EVIL}" + tail.format("user-info"),
            "https://xlsbme.la.gov" + tail.format("suffix"),
        )
    )
    text = page.decode("utf-8")
    return text.replace("</body>", links + "</body>", 1).encode("utf-8")


CASES: list[Case] = [
    Case("timeout", "WA", 1, Fault("timeout"), "fetch-problem", "download_timeout"),
    Case("connection reset", "AL", 1, Fault("reset"), "fetch-problem", "reset the connection"),
    Case("HTTP 500", "CT", 1, Fault("status", status=500), "fetch-problem", "HTTP 500"),
    Case("HTTP 502", "DC", 1, Fault("status", status=502), "fetch-problem", "HTTP 502"),
    Case("HTTP 503", "DE", 1, Fault("status", status=503), "fetch-problem", "HTTP 503"),
    Case("HTTP 403", "FL", 1, Fault("status", status=403), "fetch-problem", "HTTP 403", definite=True),
    Case("HTTP 404", "HI", 1, Fault("status", status=404), "fetch-problem", "HTTP 404", definite=True),
    Case("HTTP 410", "ID", 0, Fault("status", status=410), "fetch-problem", "HTTP 410", definite=True),
    Case(
        "HTTP 429 with Retry-After",
        "IL",
        0,
        Fault("status", status=429, retry_after=RETRY_AFTER),
        "fetch-problem",
        "HTTP 429",
    ),
    Case("redirect loop", "IN", 0, Fault("redirect_loop"), "fetch-problem", "redirect loop"),
    Case(
        "redirect off the declared domains",
        "KS",
        0,
        Fault("redirect", location=f"https://{EVIL}/landing"),
        "fetch-problem",
        "off the state's declared domains",
        definite=True,
    ),
    Case(
        "followed link redirects off the declared domains",
        "WY",
        1,
        Fault("redirect", location=f"https://{EVIL}/rules.pdf"),
        "fetch-problem",
        "off the state's declared domains",
        definite=True,
        followed="https://wyomedboard.wyo.gov/assets/rules/chapter-1-general-provisions.pdf",
    ),
    Case(
        "off-domain links on a page",
        "LA",
        0,
        Fault("body", body=_with_hidden_offsite_links(_page("lsbme.la.gov/advisory-opinion-faqs.html"))),
        "unchanged",
    ),
    Case("truncated body", "KY", 0, Fault("truncate"), "fetch-problem", "fewer bytes than it announced"),
    Case("wrong charset", "ME", 0, Fault("charset", content_type="text/html; charset=utf-16"), "unchanged"),
    Case("no charset", "MI", 2, Fault("charset", content_type="text/html"), "unchanged"),
    Case(
        "re-encoded as UTF-16, no charset",
        "OR",
        0,
        Fault("reencode", encoding="utf-16", content_type="text/html"),
        "unchanged",
    ),
    Case(
        "huge page (50 MB, Content-Length)",
        "MN",
        0,
        Fault("huge", size=50_000_000),
        "fetch-problem",
        "download_maxsize",
    ),
    Case(
        "huge page (50 MB, streamed)",
        "MO",
        0,
        Fault("huge", size=50_000_000, sized=False),
        "fetch-problem",
        "download_maxsize",
    ),
    Case("empty 200", "MT", 0, Fault("body", body=b""), "fetch-problem", "empty page"),
    Case(
        "page not found, status 200",
        "NC",
        1,
        Fault("body", body=bodies.soft_404()),
        "extraction-problem",
        "error page served with status 200",
        carried=True,
    ),
    Case(
        "binary garbage as HTML",
        "ND",
        0,
        Fault("body", body=bodies.garbage()),
        "extraction-problem",
        "binary data",
        carried=True,
    ),
    Case(
        "malformed PDF",
        "AZ",
        1,
        Fault("body", body=bodies.malformed_pdf(), content_type="application/pdf"),
        "extraction-problem",
        "PDF is malformed",
        carried=True,
    ),
    Case(
        "encrypted PDF (password to open)",
        "AK",
        1,
        Fault(
            "body",
            body=bodies.encrypted_pdf(_page("www.commerce.alaska.gov/MedicalStatutes.pdf")),
            content_type="application/pdf",
        ),
        "extraction-problem",
        "encrypted with a password",
        carried=True,
    ),
    Case(
        "encrypted PDF (owner password only)",
        "IA",
        1,
        Fault(
            "body",
            body=bodies.encrypted_pdf(_page("www.legis.iowa.gov/655.6.pdf"), user_password=""),
            content_type="application/pdf",
        ),
        "unchanged",
    ),
    Case("disallowed by robots.txt", "WV", 0, Fault("robots"), "fetch-problem", "robots.txt"),
    Case("body drips one byte a second", "NH", 0, Fault("drip", delay=1.0), "fetch-problem", "download_timeout"),
    Case(
        "login wall that mentions medical assistants",
        "OK",
        0,
        Fault("body", body=bodies.login_wall()),
        "extraction-problem",
        "login wall",
        carried=True,
    ),
    Case(
        "login wall, the only source",
        "CO",
        0,
        Fault("body", body=bodies.login_wall()),
        "extraction-problem",
        "known values, down from",
    ),
    Case(
        "half-rendered page",
        "PA",
        0,
        Fault("body", body=bodies.half_rendered(_page("www.dos.pa.gov/medicine-faq.html"))),
        "extraction-problem",
        "did not finish loading",
        carried=True,
    ),
]
CONTROLS = ["NY", "NV"]  # no fault at all: they must come out unchanged


def faults() -> dict[str, Fault]:
    return {c.url: c.fault for c in CASES}


def codes() -> list[str]:
    return sorted({c.code for c in CASES} | set(CONTROLS))


def by_name(name: str) -> Case:
    return next(c for c in CASES if c.name == name)
