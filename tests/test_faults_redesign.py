"""A markup redesign is not an alert storm; a storm of real wording changes is one summary. Real runs, SQLite
and PostgreSQL.

Every jurisdiction, over the fault server (real HTTP, the crawl subprocess, settling, alerts):

1. a clean baseline of the 2026-05-01 snapshot;
2. a site-wide redesign that only removes the class and id attributes of every HTML page, so navigation,
   breadcrumbs, banners and footers are read as content: their wording changes are kept in the history
   for nobody, and compliance staff get no "wording changed" alert (before: 97 in 47 states);
3. the same pages with one rule sentence reworded on a page of each of several states, with
   wording_alert_limit = 3: compliance staff get one summary, not one alert per page, and the run says so.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, replace

import pytest

from tests.conftest import PG_URL, _pg_schema_url
from tests.faults.runs import FaultRun, changes_of_run, run_with_faults
from tests.faults.server import Fault
from tracker import registry
from tracker.config import Settings
from tracker.db import Database
from tracker.models import Change
from tracker.snapshots import resolve_snapshot

SNAPSHOT = "2026-05-01"
REDESIGN = Fault("rewrite", drop_attributes=("class", "id"))
# a page of each of five states whose rule sentences are reworded without changing what they require
# ("must" -> "is required to"): wording changes that bear on the rules, more than LIMIT of them
REWORDING = [
    "https://www.commerce.alaska.gov/web/cbpl/ProfessionalLicensing/StateMedicalBoard/FrequentlyAskedQuestions.aspx",
    "https://www.bomex.org/faq/medical_assistant.html",
    "https://www.mbc.ca.gov/Licensees/Physicians_and_Surgeons/Medical_Assistants/",
    "https://flboardofmedicine.gov/help-center/medical-assistants/",
    "https://www.in.gov/pla/professions/medical-licensing-board-home/medical-licensing-board-faqs/",
]
LIMIT = 3


@dataclass
class Runs:
    settings: Settings
    baseline: FaultRun
    redesign: FaultRun
    reworded: FaultRun
    redesign_changes: list[Change]
    reworded_changes: list[Change]

    def alerts(self, run: FaultRun) -> list[dict]:
        lines = (self.settings.output_dir / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
        return [a for a in map(json.loads, lines) if a["run_id"] == run.summary.run_id]


def _html_pages(snapshot) -> list[str]:
    return [
        p.url
        for p in snapshot.pages
        if p.file is not None and not p.url.endswith("/robots.txt") and "html" in (p.content_type or "")
    ]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def runs(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Runs]:
    tmp = tmp_path_factory.mktemp(f"redesign-{request.param}")
    cleanup = None
    if request.param == "sqlite":
        url = f"sqlite:///{tmp / 'redesign.db'}"
    else:
        if not PG_URL:
            pytest.skip("PostgreSQL variant skipped: set LICENSURE_TEST_POSTGRES_URL")
        cleanup = _pg_schema_url()
        url = next(cleanup)
    # retries: 51 sites' pages at once through one loopback server may see a connection refused now and then
    settings = Settings(data_dir=tmp / "data", database_url=url, retry_times=2, retry_backoff=0.2, download_timeout=10)
    jurisdictions = list(registry.all_jurisdictions().values())
    snapshot = resolve_snapshot(SNAPSHOT)
    pages = _html_pages(snapshot)
    redesign = dict.fromkeys(pages, REDESIGN)
    reworded = dict(redesign)
    for page in REWORDING:
        reworded[page] = Fault("rewrite", drop_attributes=("class", "id"), replace=((" must ", " is required to "),))
    db = Database(url)
    try:
        baseline = run_with_faults(settings, jurisdictions, snapshot, {})
        assert {o.result for o in baseline.summary.outcomes} == {"baseline"}
        one = run_with_faults(settings, jurisdictions, snapshot, redesign)
        two = run_with_faults(replace(settings, wording_alert_limit=LIMIT), jurisdictions, snapshot, reworded)
        yield Runs(
            settings,
            baseline,
            one,
            two,
            changes_of_run(db, one.summary.run_id),
            changes_of_run(db, two.summary.run_id),
        )
    finally:
        db.dispose()
        if cleanup is not None:
            cleanup.close()


def test_a_redesign_that_only_drops_class_and_id_attributes_alerts_nobody(runs):
    changes = runs.redesign_changes
    assert {o.result for o in runs.redesign.summary.outcomes} == {"unchanged"}, {
        o.code: o.detail for o in runs.redesign.summary.outcomes if o.result != "unchanged"
    }
    assert {c.category for c in changes} == {"text"}  # no rule, no administrative change, no problem
    assert len({c.jurisdiction for c in changes}) >= 20  # the navigation did read as content on many sites
    assert {c.audience for c in changes} == {"none"}  # kept in the history, alerted to nobody
    assert all("kept in the history, not alerted" in c.summary for c in changes)
    assert runs.alerts(runs.redesign) == []
    assert runs.redesign.summary.notices == []


def test_more_wording_changes_than_the_limit_are_sent_as_one_summary_and_the_run_says_so(runs):
    changes = runs.reworded_changes
    assert not [c for c in changes if c.category != "text"]
    told = [c for c in changes if c.audience == "compliance"]
    assert sorted(c.jurisdiction for c in told) == ["AK", "AZ", "CA", "FL", "IN"]
    assert all(c.evidence_before and c.evidence_after for c in told)  # what now reads differently
    alerts = [a for a in runs.alerts(runs.reworded) if a["category"] == "text"]
    [summary] = alerts  # one item, not five
    assert summary["kind"] == "summary" and summary["count"] == 5
    assert sorted(summary["change_ids"]) == sorted(c.id for c in told)
    assert "more than the wording_alert_limit of 3: sent as this one summary" in summary["summary"]
    assert runs.reworded.summary.notices == [
        "5 wording-only changes were sent as one summary (more than the wording_alert_limit of 3); "
        "each is in `licensure changes`."
    ]
    assert all(c.alerted_at is not None for c in told)  # summarised is delivered: never sent again
