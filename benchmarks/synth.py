"""Synthetic agency sites for the benchmark: N pages over the 51 jurisdictions.

`generate(root, n)` writes, under `root`:

- `snapshot/`: a snapshot in the documented format (docs/snapshot-format.md):
  `snapshot.json` plus one `pages.d/<st>.json` per jurisdiction and the page
  files. Every page is a realistic agency page of 8-20 KB: a style block, a
  header with a language switcher and a two-level navigation menu, a
  breadcrumb, a main region with medical-assistant rule sentences (that the
  shared normalizer rules read), a fee table, a list of related links, a
  sidebar and a long footer. Pages are deterministic for a given (n, seed).
- `pkg/bench_jurisdictions/<st>.py`: 51 jurisdiction declarations with the
  real USPS codes, names, regulators and phrase rules, and n/51 sources each
  on `<st>.bench.example`. Point the tracker at them with
  LICENSURE_JURISDICTIONS_PACKAGE=bench_jurisdictions and `pkg/` on
  PYTHONPATH; the real spiders (scrapers/spiders/<st>.py) crawl them unchanged.

`change_pages(root, fraction, seed)` rewrites a share of the pages the way an
agency edits a page (a reworded paragraph and a new "last updated" date) and
bumps their `last_modified`, for the warm run with changes.

All text is this project's own, generated from the templates below.
"""

from __future__ import annotations

import json
import random
from dataclasses import dataclass
from datetime import date, timedelta
from html import escape
from pathlib import Path

from tracker.registry import DEFAULT_PACKAGE

PACKAGE = "bench_jurisdictions"
CAPTURED = date(2026, 11, 1)
KINDS = ("guidance", "faq", "regulation", "guidance", "statute", "faq", "policy", "guidance")
TOPICS = (
    "Medical assistant scope of practice",
    "Delegation to unlicensed personnel",
    "Training programs",
    "Certification and examination",
    "Supervision in the office",
    "Frequently asked questions",
    "Injections and immunizations",
    "Phlebotomy and specimen collection",
    "Medication administration",
    "Radiologic procedures",
    "Employer responsibilities",
    "Complaints and discipline",
)
NAV = {
    "Licensing": ["Apply for a license", "Renew a license", "Verify a license", "Continuing education", "Fees"],
    "Professions": ["Physicians", "Physician assistants", "Nurses", "Medical assistants", "Respiratory care"],
    "Public": ["File a complaint", "Board actions", "Public records", "Meeting calendar", "Newsroom"],
    "Laws and rules": ["Statutes", "Administrative rules", "Rulemaking", "Policy statements", "Opinions"],
    "About": ["Board members", "Staff directory", "Careers", "Accessibility", "Contact us"],
}
FILLER = (
    "The board publishes this page to help employers, educators and practitioners understand the rules that "
    "apply in everyday clinical settings, and it is reviewed whenever the underlying rules change.",
    "Questions about an individual situation should be directed to the licensing unit by e-mail; staff cannot "
    "give legal advice, but they can point to the rule that applies.",
    "Employers remain responsible for verifying the training and competence of every person to whom they "
    "assign clinical tasks, and for keeping records of that verification.",
    "Nothing on this page changes the scope of practice of a licensed professional, and a facility policy may "
    "be stricter than the rules described here.",
    "Applications submitted online are usually processed within ten business days once every document has "
    "been received; incomplete applications are held for ninety days.",
    "The board meets in public session every other month; agendas and minutes are posted on the meetings page "
    "at least one week before each meeting.",
)
# sentences the shared normalizer rules read (tracker/normalize/rules.py); one set per page, by index
RULES = (
    (
        "Medical assistants may administer intramuscular, subcutaneous and intradermal injections under the direct "
        "supervision of a licensed physician who is physically present in the office."
    ),
    "A medical assistant shall not start, adjust or administer intravenous therapy or IV medications.",
    (
        "Medical assistants may perform venipuncture and capillary puncture for the purpose of collecting blood "
        "specimens when trained to do so."
    ),
    (
        "A medical assistant may administer medications by oral, topical or inhaled routes when the supervising "
        "physician has ordered the medication."
    ),
    "Medical assistants may administer immunizations and vaccines ordered by the supervising provider.",
    "A medical assistant may not operate x-ray equipment unless the assistant holds a limited-scope "
    "radiography permit.",
    (
        "A training program for medical assistants must include at least {hours} clock hours of instruction, "
        "including a supervised externship."
    ),
    "The state does not require medical assistants to hold a state license, certificate or registration.",
)
CHANGE_NOTE = (
    "Update {when}: the paragraph below was reworded for clarity after public comment; "
    "the requirements it describes are unchanged."
)


@dataclass(frozen=True)
class BenchPage:
    code: str
    index: int
    source_id: str
    url: str
    kind: str
    file: str  # relative to the snapshot directory


def _jurisdictions() -> list:
    """The real declarations (names, regulators, rules), from the bundled package."""
    from tracker import registry

    registry.use_package(DEFAULT_PACKAGE)
    try:
        return list(registry.all_jurisdictions().values())
    finally:
        registry.use_package(None)


def layout(n: int) -> dict[str, list[BenchPage]]:
    """Which pages exist: n pages spread as evenly as possible over the 51 jurisdictions."""
    jurs = _jurisdictions()
    out: dict[str, list[BenchPage]] = {}
    for j, jur in enumerate(jurs):
        count = n // len(jurs) + (1 if j < n % len(jurs) else 0)
        st = jur.slug
        pages = []
        for i in range(max(count, 1)):
            sid = f"{st}-bench-{i:05d}"
            section = TOPICS[i % len(TOPICS)].split()[0].lower()
            url = f"https://www.{st}.bench.example/{section}/medical-assistants/page-{i:05d}"
            pages.append(
                BenchPage(jur.code, i, sid, url, KINDS[i % len(KINDS)], f"pages/www.{st}.bench.example/p{i:05d}.html")
            )
        out[jur.code] = pages
    return out


def _nav(rng: random.Random, st: str) -> str:
    items = []
    for head, subs in NAV.items():
        slug = head.lower().replace(" ", "-")
        sub = "".join(
            f'<li class="menu-item"><a href="/{slug}/{s.lower().replace(" ", "-")}">{escape(s)}</a></li>' for s in subs
        )
        items.append(
            f'<li class="menu-item menu-item--expanded"><a href="/{slug}">{escape(head)}</a>'
            f'<ul class="menu menu--level-2">{sub}</ul></li>'
        )
    langs = "".join(
        f'<li><a href="/{code}/" hreflang="{code}">{name}</a></li>'
        for code, name in (
            ("en", "English"),
            ("es", "Espa\u00f1ol"),
            ("vi", "Ti\u1ebfng Vi\u1ec7t"),
            ("ko", "\ud55c\uad6d\uc5b4"),
            ("zh", "\u4e2d\u6587"),
            ("ru", "\u0420\u0443\u0441\u0441\u043a\u0438\u0439"),
        )
    )
    return (
        '<div class="region region-top-bar" role="navigation" aria-label="Language">'
        f'<ul class="links">{langs}</ul></div>'
        f'<header role="banner" class="site-header"><a href="/" rel="home" class="site-logo">{st.upper()} Board of '
        f'Medicine home</a><form action="/search" method="get" role="search"><label for="q">Search</label>'
        f'<input id="q" name="q" type="search"><input type="submit" value="Search"></form>'
        f'<nav role="navigation" aria-label="Main" class="menu--main"><ul class="menu menu--level-1">{"".join(items)}'
        f"</ul></nav></header>"
    )


def _table(rng: random.Random) -> str:
    rows = "".join(
        f"<tr><td>{escape(what)}</td><td>${rng.randint(2, 40) * 5}.00</td>"
        f"<td>{rng.choice(('Online', 'Mail', 'Online or mail'))}</td>"
        f"<td>{rng.randint(5, 30)} business days</td></tr>"
        for what in (
            "Initial application",
            "Renewal",
            "Late renewal",
            "Duplicate certificate",
            "Verification letter",
            "Name change",
            "Reinstatement",
            "Program approval",
        )
    )
    return (
        '<table class="table--striped"><caption>Fees and processing times</caption><thead><tr><th>Item</th>'
        f"<th>Fee</th><th>How to submit</th><th>Processing</th></tr></thead><tbody>{rows}</tbody></table>"
    )


def page_html(jur, page: BenchPage, seed: int = 0, changed: int = 0) -> str:
    """One page of 8-20 KB; `changed` > 0 gives the n-th edited version of it."""
    rng = random.Random(f"{seed}:{page.source_id}")
    st = jur.slug
    topic = TOPICS[page.index % len(TOPICS)]
    rule = RULES[page.index % len(RULES)].format(hours=rng.choice((600, 720)) if page.index % len(RULES) == 6 else 0)
    hours_rule = RULES[6].format(hours=720)
    paras = [rule, hours_rule] if page.index % 3 == 0 else [rule]
    filler = [FILLER[(page.index + k) % len(FILLER)] for k in range(rng.randint(3, 14))]
    body = []
    if changed:
        when = (CAPTURED + timedelta(days=changed)).isoformat()
        body.append(f'<p class="notice">{escape(CHANGE_NOTE.format(when=when))}</p>')
        filler = [
            f.replace("the board", "the licensing board").replace("The board", "The licensing board") for f in filler
        ]
        filler.append(f"This page was last reviewed on {when}.")
    body.append(f"<h1>{escape(topic)}</h1>")
    body.append(f"<p>{escape(filler[0])}</p>")
    body.append("<h2>What a medical assistant may do</h2>")
    body += [f"<p>{escape(p)}</p>" for p in paras]
    for f in filler[1:]:
        body.append(f"<p>{escape(f)}</p>")
    body.append("<h2>Fees</h2>" + _table(rng))
    related = "".join(
        f'<li><a href="/{TOPICS[k % len(TOPICS)].split()[0].lower()}/medical-assistants/page-{k:05d}">'
        f"{escape(TOPICS[k % len(TOPICS)])}</a></li>"
        for k in rng.sample(range(1000), rng.randint(8, 90))
    )
    body.append(f'<h2>Related pages</h2><ul class="related">{related}</ul>')
    sidebar = "".join(
        f'<li><a href="/news/{rng.randint(1000, 9999)}">Board news item {k + 1}</a></li>'
        for k in range(rng.randint(5, 15))
    )
    footer_links = "".join(
        f'<li><a href="/{s.lower().replace(" ", "-")}">{escape(s)}</a></li>' for subs in NAV.values() for s in subs
    )
    style = (
        "body{margin:0;font-family:Arial,sans-serif;color:#1b1b1b}.site-header{background:#00385e;color:#fff}"
        ".menu{list-style:none;padding:0}.menu--level-1>li{display:inline-block;margin-right:1em}.menu--level-2"
        "{display:none}.table--striped tr:nth-child(even){background:#f0f0f0}.site-footer{background:#f2f2f2;"
        "padding:1em}.notice{border-left:4px solid #c60;padding:.5em}" * rng.randint(1, 3)
    )
    html = (
        f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{escape(topic)} | {escape(jur.name)} '
        f"Board of Medicine</title><style>{style}</style></head><body>"
        f'<a href="#main-content" class="visually-hidden skip-link">Skip to main content</a>{_nav(rng, st)}'
        f'<nav class="breadcrumb" aria-label="Breadcrumb"><ol><li><a href="/">Home</a></li><li><a href="/professions">'
        f"Professions</a></li><li>{escape(topic)}</li></ol></nav>"
        f'<div class="layout"><main id="main-content" role="main"><article>{"".join(body)}</article></main>'
        f'<aside class="layout-sidebar-second" role="complementary"><h2>News</h2><ul>{sidebar}</ul></aside></div>'
        f'<footer role="contentinfo" class="site-footer"><ul>{footer_links}</ul><p>{escape(jur.name)} Board of '
        f"Medicine. Page {page.index} of the {st.upper()} benchmark site.</p></footer></body></html>"
    )
    return html


def _module(jur, pages: list[BenchPage]) -> str:
    sources = "\n".join(f"    Source({p.source_id!r}, {p.url!r}, {p.kind!r})," for p in pages)
    return (
        f'"""Benchmark declaration for {jur.code}: the real regulators and rules, '
        f'{len(pages)} generated sources."""\n\n'
        "import importlib\n\n"
        "from tracker.registry import Jurisdiction, Source\n\n"
        f"REAL = importlib.import_module({DEFAULT_PACKAGE + '.' + jur.slug!r}).JURISDICTION  # 'in' is a keyword\n\n"
        "SOURCES = (\n" + sources + "\n)\n\n"
        "JURISDICTION = Jurisdiction(code=REAL.code, name=REAL.name, regulators=REAL.regulators, sources=SOURCES,\n"
        f"                            allowed_domains=({jur.slug + '.bench.example'!r},), rules=REAL.rules,\n"
        "                            normalizer_version=REAL.normalizer_version)\n"
    )


def generate(root: Path, n: int, seed: int = 0) -> dict[str, list[BenchPage]]:
    """Write the snapshot and the declarations for n pages under root; returns the layout."""
    root = Path(root)
    snap = root / "snapshot"
    pkg = root / "pkg" / PACKAGE
    (snap / "pages.d").mkdir(parents=True, exist_ok=True)
    pkg.mkdir(parents=True, exist_ok=True)
    (pkg / "__init__.py").write_text('"""Generated by benchmarks/synth.py."""\n', encoding="utf-8")
    jurs = {j.code: j for j in _jurisdictions()}
    pages = layout(n)
    for code, plist in pages.items():
        jur = jurs[code]
        entries = []
        for p in plist:
            path = snap / p.file
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(page_html(jur, p, seed), encoding="utf-8")
            entries.append({"url": p.url, "file": p.file, "last_modified": "2026-10-01"})
        (snap / "pages.d" / f"{jur.slug}.json").write_text(json.dumps(entries, indent=0), encoding="utf-8")
        (pkg / f"{jur.slug}.py").write_text(_module(jur, plist), encoding="utf-8")
    manifest = {
        "name": f"bench-{n}",
        "captured": CAPTURED.isoformat(),
        "description": f"Synthetic benchmark snapshot: {n} pages over 51 jurisdictions.",
        "pages": [],
    }
    (snap / "snapshot.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    return pages


def change_pages(
    root: Path, pages: dict[str, list[BenchPage]], fraction: float, seed: int = 0, generation: int = 1
) -> list[BenchPage]:
    """Edit `fraction` of the pages (at least one); returns the edited pages."""
    root = Path(root)
    snap = root / "snapshot"
    every = [p for plist in pages.values() for p in plist]
    count = max(1, round(len(every) * fraction))
    chosen = random.Random(f"change:{seed}:{generation}").sample(every, count)
    jurs = {j.code: j for j in _jurisdictions()}
    when = (CAPTURED + timedelta(days=generation)).isoformat()
    by_code: dict[str, set[str]] = {}
    for p in chosen:
        (snap / p.file).write_text(page_html(jurs[p.code], p, seed, changed=generation), encoding="utf-8")
        by_code.setdefault(p.code, set()).add(p.url)
    for code, urls in by_code.items():
        frag = snap / "pages.d" / f"{code.lower()}.json"
        entries = json.loads(frag.read_text(encoding="utf-8"))
        for e in entries:
            if e["url"] in urls:
                e["last_modified"] = when
        frag.write_text(json.dumps(entries, indent=0), encoding="utf-8")
    return chosen


def restore_pages(root: Path, pages: list[BenchPage], seed: int = 0) -> None:
    """Put edited pages back as generated (for the next repeat)."""
    snap = Path(root) / "snapshot"
    jurs = {j.code: j for j in _jurisdictions()}
    by_code: dict[str, set[str]] = {}
    for p in pages:
        (snap / p.file).write_text(page_html(jurs[p.code], p, seed), encoding="utf-8")
        by_code.setdefault(p.code, set()).add(p.url)
    for code, urls in by_code.items():
        frag = snap / "pages.d" / f"{code.lower()}.json"
        entries = json.loads(frag.read_text(encoding="utf-8"))
        for e in entries:
            if e["url"] in urls:
                e["last_modified"] = "2026-10-01"
        frag.write_text(json.dumps(entries, indent=0), encoding="utf-8")
