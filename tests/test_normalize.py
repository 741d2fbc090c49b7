"""Normalizers read meaning from text, not markup; unknown stays unknown; evidence is exact."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tracker import registry
from tracker.normalize import SHARED_RULES, ExtractionError, Page, normalize
from tracker.normalize import rules as R
from tracker.normalize.citations import citation_rule
from tracker.normalize.text import document, sentences
from tracker.records import problems
from tracker.snapshots import resolve_snapshot
from tracker.storage import content_hash

NOW = datetime(2026, 11, 1, tzinfo=UTC)


def page(
    body: str | bytes,
    source_id: str = "wa-doh-medical-assistant",
    kind: str = "guidance",
    ctype: str = "text/html; charset=utf-8",
    url: str = "https://doh.wa.gov/x",
) -> Page:
    data = body.encode() if isinstance(body, str) else body
    return Page(source_id, url, kind, data, ctype, NOW, 200, content_hash(data))


def snapshot_pages(snapshot: str, code: str) -> list[Page]:
    snap = resolve_snapshot(snapshot)
    jur = registry.get(code)
    out = []
    for p in snap.pages:
        if (
            p.status != 200
            or p.url.endswith("/robots.txt")
            or not jur.is_allowed(p.url)
            or p.url.rstrip("/").count("/") < 3
        ):
            continue
        src = jur.source_for_url(p.url, jur.sources[0].source_id)
        body = p.file.read_bytes()
        out.append(Page(src.source_id, p.url, src.kind, body, p.content_type, NOW, 200, content_hash(body)))
    return out


RULE_CASES = [
    (
        "A medical assistant may administer intramuscular, subcutaneous and intradermal injections only after "
        "completing at least 10 clock hours of training.",
        [("tasks.injections", "conditional", {"training_hours": 10})],
    ),
    ("Medical assistants may not start or administer intravenous medications.", [("tasks.iv", "prohibited", {})]),
    ("Medical assistants may give injections under the physician's order.", [("tasks.injections", "allowed", {})]),
    ("New York does not license, certify or register medical assistants.", [("credential.requirement", "none", {})]),
    ("Senate Bill S5340C would allow medical assistants to give immunizations.", []),
    ("Can an MA start an IV? No. Medical assistants may not start IVs.", [("tasks.iv", "prohibited", {})]),
    ("Title IV of the act covers funding.", []),
    (
        "A medical assistant may not place an intravenous line and may not inject medication into an existing line.",
        [("tasks.iv", "prohibited", {})],
    ),
    ("The supervising physician must be physically present in the facility.", [("supervision", "onsite", {})]),
    (
        "A national certification does not give a medical assistant any additional legal authority.",
        [("credential.national_certifications", [], {})],
    ),
]


@pytest.mark.parametrize("text,expected", RULE_CASES, ids=[c[0][:40] for c in RULE_CASES])
def test_shared_phrase_rules(text, expected):
    found = []
    for sentence in sentences(text) if "?" not in text else [text]:
        for rule in (r for r in SHARED_RULES if R.reads_of(r) == "sentence" and r is not citation_rule):
            found += [(f.field, f.value, f.conditions) for f in rule(sentence)]
        for clause in R.clauses(sentence):
            for rule in (r for r in SHARED_RULES if R.reads_of(r) == "clause"):
                found += [(f.field, f.value, f.conditions) for f in rule(clause)]
    assert found == expected


def test_citations_are_canonical_whatever_the_wording():
    a = {f.value["identifier"] for f in citation_rule("See Business and Professions Code sections 2069 and 2070.")}
    b = {f.value["identifier"] for f in citation_rule("Bus. & Prof. Code § 2069; B&P Code §2070.")}
    assert a == b == {"Cal. Bus. & Prof. Code § 2069", "Cal. Bus. & Prof. Code § 2070"}
    [bill] = citation_rule("Senate Bill S5340C, which is pending, would allow immunizations.")
    assert bill.value == {"kind": "bill", "identifier": "S5340C", "status": "pending"}


FACTS = """
<h2>Who may do what</h2>
<p>New York does not license, certify or register medical assistants.</p>
<p>Medical assistants may not:</p>
<ul><li>administer injections;</li><li>start intravenous lines.</li></ul>
"""

LAYOUTS = {
    "plain": f"<html><body>{FACTS}</body></html>",
    "cms": f"""<html><body><header class="site-header"><nav><a href="/">Home</a>\
<a href="/x">Injections and IV policy</a></nav></header>
        <div class="layout"><aside class="sidebar">\
<p>Related: medical assistants may give injections anywhere.</p></aside>
        <main><div class="content-area"><section>{FACTS}</section></div></main></div>
        <footer><p>Contact us. Medical assistants may perform X-rays.</p></footer></body></html>""",
    "table": """<html><body><main><h1>Rules</h1>\
<p>New York does not license, certify or register medical assistants.</p>
        <table><tr><th>Task</th><th>May a medical assistant do it?</th></tr>
        <tr><td>Injections</td><td>No, medical assistants may not administer injections</td></tr>
        <tr><td>Intravenous lines</td><td>Not permitted</td></tr></table></main></body></html>""",
    "wrapper-form": f"""<html><body><form id="aspnetForm">\
<div class="navbar"><ul class="nav"><li><a href="/a">A</a></li></ul></div>
        <div id="contentArea">{FACTS}</div></form></body></html>""",
}


@pytest.mark.parametrize("layout", sorted(LAYOUTS))
def test_same_facts_in_any_markup_give_the_same_values(layout):
    jur = registry.get("NY")
    rec = normalize(jur, [page(LAYOUTS[layout], "ny-op-unlicensed-medication", url=jur.sources[0].url)], now=NOW).record
    assert rec["credential"]["requirement"]["value"] == "none"
    assert rec["tasks"]["injections"]["status"] == "prohibited"
    assert rec["tasks"]["iv"]["status"] == "prohibited"
    # chrome (navigation, sidebars, footers) never contributes facts
    assert rec["tasks"]["xray"]["status"] == "unaddressed"
    assert problems(rec) == []


def test_silence_is_unknown_not_none():
    jur = registry.get("NY")
    rec = normalize(
        jur, [page("<p>Medical assistants may not administer injections.</p>", "ny-op-unlicensed-medication")], now=NOW
    ).record
    assert rec["credential"]["requirement"]["value"] == "unknown"
    assert rec["credential"]["state_credentials"]["value"] == "unknown"
    assert rec["education"]["min_clock_hours"]["value"] == "unknown"
    assert rec["supervision"]["value"] == "unspecified"
    assert rec["tasks"]["xray"] == {"status": "unaddressed", "conditions": {}, "evidence": [], "read": "stated"}


def test_every_value_carries_its_source_and_exact_excerpt():
    pages = snapshot_pages("2026-11-01", "WA")
    rec = normalize(registry.get("WA"), pages, now=NOW).record
    texts = {
        p.source_id: " ".join(x.full for x in document(p.source_id, p.url, p.body, p.content_type).passages)
        for p in pages
    }
    ev = rec["education"]["min_clock_hours"]["evidence"]
    assert ev, "a found value must have evidence"
    for e in ev + rec["tasks"]["injections"]["evidence"]:
        assert e["source_id"] in texts
        assert e["excerpt"].rstrip("\u2026") in texts[e["source_id"]] or all(
            part in texts[e["source_id"]] for part in e["excerpt"].split(": ")
        )


def test_statute_outranks_guidance_and_the_conflict_is_kept_as_a_warning():
    jur = registry.get("WA")
    guidance = page("<p>A medical assistant may not perform venipuncture.</p>", "wa-doh-medical-assistant")
    statute = page(
        "<p>A medical assistant-certified may perform venipuncture only when delegated and supervised.</p>",
        "wa-rcw-18-360-050",
        kind="statute",
        url=jur.sources[2].url,
    )
    rec = normalize(jur, [guidance, statute], now=NOW).record
    assert rec["tasks"]["venipuncture"]["status"] == "conditional"
    assert rec["tasks"]["venipuncture"]["evidence"][0]["source_id"] == "wa-rcw-18-360-050"
    assert any("venipuncture" in w and "precedence" in w for w in rec["extraction"]["warnings"])


@pytest.mark.parametrize(
    "code,expected",
    [
        (
            "WA",
            {
                "requirement": "certification",
                "injections": "conditional",
                "iv": "conditional",
                "xray": "unaddressed",
                "supervision": "onsite",
                "hours": 720,
                "credentials": ["MA-C", "MA-HT", "MA-P", "MA-R"],
            },
        ),
        (
            "CA",
            {
                "requirement": "training",
                "injections": "conditional",
                "iv": "prohibited",
                "xray": "conditional",
                "supervision": "onsite",
                "hours": "unknown",
                "credentials": "unknown",
            },
        ),
        (
            "NY",
            {
                "requirement": "none",
                "injections": "prohibited",
                "iv": "prohibited",
                "xray": "unaddressed",
                "supervision": "unspecified",
                "hours": "unknown",
                "credentials": "unknown",
            },
        ),
    ],
)
def test_bundled_pages_normalize_to_the_reference_facts(code, expected):
    rec = normalize(
        registry.get(code), snapshot_pages("2026-05-01" if code == "NY" else "2026-11-01", code), now=NOW
    ).record
    assert problems(rec) == []
    creds = rec["credential"]["state_credentials"]["value"]
    got = {
        "requirement": rec["credential"]["requirement"]["value"],
        "injections": rec["tasks"]["injections"]["status"],
        "iv": rec["tasks"]["iv"]["status"],
        "xray": rec["tasks"]["xray"]["status"],
        "supervision": rec["supervision"]["value"],
        "hours": rec["education"]["min_clock_hours"]["value"],
        "credentials": [c["abbreviation"] for c in creds] if isinstance(creds, list) else creds,
    }
    assert got == expected


def test_ca_training_hours_are_conditions_on_the_tasks():
    rec = normalize(registry.get("CA"), snapshot_pages("2026-11-01", "CA"), now=NOW).record
    assert rec["tasks"]["injections"]["conditions"]["training_hours"] == 10
    assert rec["tasks"]["venipuncture"]["conditions"]["training_hours"] == 10
    assert "ca-mbc-medical-assistants--medical-assistants-pdf" in {s["source_id"] for s in rec["sources"]}


def test_legacy_encoding_is_read_correctly():
    body = (
        "<html><head><meta charset='windows-1252'></head>"
        "<body><p>Medical assistants may not administer injections \u00a7 12.</p></body></html>"
    ).encode("cp1252")
    doc = document("x", "https://e.gov/", body, "text/html")
    assert "\u00a7 12" in doc.text


def test_unreadable_pages_are_extraction_errors():
    jur = registry.get("NY")
    with pytest.raises(ExtractionError, match="could not be read"):
        normalize(jur, [page(b"%PDF-1.4 garbage that is not a pdf", ctype="application/pdf")], now=NOW)
    with pytest.raises(ExtractionError, match="no requirement facts"):
        normalize(jur, [page("<html><body><h1>Page not found</h1><p>Sorry.</p></body></html>")], now=NOW)


# --- record review 2026-12: how backing statements are merged into one task value ----------------


def test_a_type_named_in_a_bar_is_taken_out_of_the_types_a_task_is_open_to():
    jur = registry.get("WA")
    body = (
        "<p>A medical assistant-certified may draw blood when a practitioner delegates it.</p>"
        "<p>A medical assistant-registered may not draw blood.</p>"
    )
    rec = normalize(jur, [page(body)], now=NOW).record
    assert rec["tasks"]["venipuncture"]["status"] == "conditional"
    assert rec["tasks"]["venipuncture"]["conditions"]["credential_types"] == ["MA-C"]
    # the private marker never reaches a record
    assert all(not k.startswith("_") for t in rec["tasks"].values() for k in t["conditions"])


def test_bars_alone_open_the_task_to_no_named_type():
    rec = normalize(registry.get("WA"), [page("<p>A medical assistant-registered may not draw blood.</p>")], now=NOW)
    fact = rec.record["tasks"]["venipuncture"]
    assert fact["status"] == "conditional" and "credential_types" not in fact["conditions"]


def test_a_task_with_two_supervision_levels_keeps_the_stricter():
    body = (
        "<p>A physician may let an assistant start a peripheral intravenous line only under on-site supervision.</p>"
        "<p>A physician may let an assistant start a peripheral intravenous line only under on-site supervision "
        "in the office.</p>"
        "<p>A physician may let an assistant inject intravenous drugs only under direct supervision.</p>"
    )
    rec = normalize(registry.get("MD"), [page(body, "md-mbp-practitioner-regs", url="https://www.mbp.state.md.us/x")])
    assert rec.record["tasks"]["iv"]["conditions"]["supervision"] == "direct"


def test_a_level_stated_for_a_few_products_does_not_set_the_task_level():
    body = (
        "<p>An assistant may give intramuscular injections only under on-site supervision.</p>"
        "<p>An assistant may inject contrast agents only under direct supervision.</p>"
    )
    rec = normalize(registry.get("MD"), [page(body, "md-mbp-practitioner-regs", url="https://www.mbp.state.md.us/x")])
    assert rec.record["tasks"]["injections"]["conditions"]["supervision"] == "onsite"
