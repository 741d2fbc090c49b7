"""Review workflow and history: decisions with an audit trail, re-opening, as-of, history, reparse, migration."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest
import sqlalchemy as sa
from alembic import command
from click.testing import CliRunner

from tests.tracking import Webhook, seed_changes, settle, snapshot_items
from tracker import registry, storage
from tracker.alerts import dispatch
from tracker.cli import cli
from tracker.db import Database, alembic_config, make_engine
from tracker.history import reparse
from tracker.models import Change, ChangeReview, RecordVersion
from tracker.review import ReviewError, review, trail

T0 = datetime(2026, 5, 1, 12, tzinfo=UTC)
OLD = snapshot_items("2026-05-01", "WA")
NEW = snapshot_items("2026-11-01", "WA")


pytestmark = pytest.mark.usefixtures("wide_console")


@pytest.fixture
def db(settings):
    database = Database(settings.database_url)
    yield database
    database.dispose()


def invoke(settings, *args):
    return CliRunner().invoke(cli, [*args, "--db", settings.database_url])


def test_review_transitions_and_audit_trail(db):
    ids = seed_changes(db)
    wa = ids["wa_req"]
    with db.session() as s:
        review(s, wa, "needs-legal", "Ann Lee", "ask counsel whether 720 applies to current staff")
    with db.session() as s:
        review(s, wa, "accepted", "Bo Chen", "counsel: yes, from 1 Jan")
    with db.session() as s:
        change = s.get(Change, wa)
        assert (change.status, change.reviewed_by, change.review_note) == (
            "accepted",
            "Bo Chen",
            "counsel: yes, from 1 Jan",
        )
        steps = [(r.from_status, r.to_status, r.reviewer, r.note) for r in trail(s, wa)]
        assert steps == [
            ("open", "needs-legal", "Ann Lee", "ask counsel whether 720 applies to current staff"),
            ("needs-legal", "accepted", "Bo Chen", "counsel: yes, from 1 Jan"),
        ]
        assert all(r.created_at.tzinfo is not None for r in trail(s, wa))

    with db.session() as s:
        review(s, ids["ca_text"], "dismissed", "Ann Lee")  # a false alarm
    with pytest.raises(ReviewError, match=r"already accepted by Bo Chen"), db.session() as s:
        review(s, wa, "accepted", "Cy")
    with pytest.raises(ReviewError, match=r"There is no change #9999"), db.session() as s:
        review(s, 9999, "accepted", "Cy")
    with pytest.raises(ReviewError, match="--by NAME"), db.session() as s:
        review(s, wa, "dismissed", "  ")
    with db.session() as s:
        assert s.query(ChangeReview).count() == 3  # refused actions leave no trace


def test_review_command(settings, db):
    ids = seed_changes(db)
    wa = str(ids["wa_req"])
    done = invoke(settings, "review", wa, "--needs-legal", "--by", "Ann Lee", "--note", "check the effective date")
    assert done.exit_code == 0 and f"Change #{wa} is now needs-legal (by Ann Lee)." in done.output
    shown = json.loads(invoke(settings, "review", wa, "--json").output)
    assert shown["status"] == "needs-legal"
    assert [(r["from"], r["to"], r["by"], r["note"]) for r in shown["reviews"]] == [
        ("open", "needs-legal", "Ann Lee", "check the effective date")
    ]
    human = invoke(settings, "review", wa)
    assert "open -> needs-legal  by Ann Lee: check the effective date" in human.output

    listed = json.loads(invoke(settings, "changes", "--status", "needs-legal", "--json").output)
    assert [c["id"] for c in listed] == [ids["wa_req"]]
    assert json.loads(invoke(settings, "changes", "--state", "ny", "--json").output)[0]["category"] == "fetch"
    assert json.loads(invoke(settings, "changes", "--since", "2999-01-01", "--json").output) == []

    for args, message in [
        (
            ("review", "424242", "--accept", "--by", "Ann"),
            "There is no change #424242; `licensure changes` lists the recorded changes.",
        ),
        (("review", wa, "--needs-legal", "--by", "Cy"), f"Change #{wa} is already needs-legal by Ann Lee"),
        (("changes", "--since", "yesterday"), "--since 'yesterday' is not a date; use YYYY-MM-DD, or an ISO date-time"),
    ]:
        result = invoke(settings, *args)
        assert result.exit_code == 1, (args, result.output)
        assert message in result.output and "Traceback" not in result.output
        assert len(result.output.strip().splitlines()) == 1  # one plain sentence
    assert invoke(settings, "review", "abc", "--accept", "--by", "x").exit_code == 2
    for args, message in [  # bad usage: exit 2, as the README promises, and nothing recorded
        (("review", wa, "--accept"), "Say who is reviewing with --by NAME."),
        (("review", wa, "--note", "x"), "--by and --note go with a decision"),
        (("review", wa, "--accept", "--dismiss", "--by", "Bo"), "--accept and --dismiss contradict each other"),
        (("review", wa, "--dismiss", "--needs-legal", "--by", "Bo"), "--dismiss and --needs-legal contradict"),
    ]:
        result = invoke(settings, *args)
        assert result.exit_code == 2, (args, result.output)
        assert message in result.output and "Traceback" not in result.output
    assert json.loads(invoke(settings, "review", wa, "--json").output)["status"] == "needs-legal"


def test_an_accepted_change_whose_field_changes_again_opens_a_linked_change(settings, db):
    settings = replace(settings, flap_window_days=0)
    settle(db, "WA", OLD, T0, settings)
    settle(db, "WA", NEW, T0 + timedelta(days=1), settings)
    [first] = [c for c in storage_changes(db) if c.category == "requirement"]
    with db.session() as s:
        review(s, first.id, "accepted", "Ann Lee", "new WAC in force")

    settle(db, "WA", OLD, T0 + timedelta(days=5), settings)
    second = storage_changes(db)[-1]
    assert (second.status, second.supersedes_id, second.old_value, second.new_value) == ("open", first.id, 720, 600)
    with db.session() as s:
        assert s.get(Change, first.id).status == "accepted"  # the decision stays in the record
    history = json.loads(invoke(settings, "history", "WA", "--field", "education.min_clock_hours", "--json").output)
    assert [v["value"] for v in history["versions"]] == [600, 720, 600]
    assert [(c["id"], c["status"], c["supersedes_id"]) for c in history["changes"]] == [
        (first.id, "accepted", None),
        (second.id, "open", first.id),
    ]


def storage_changes(db):
    with db.session() as s:
        return storage.list_changes(s, code="WA")


def test_show_as_of_and_history(settings, db):
    settle(db, "WA", OLD, T0, settings)
    settle(db, "WA", NEW, T0 + timedelta(days=30), settings)
    before = json.loads(invoke(settings, "show", "WA", "--as-of", "2026-05-15", "--json").output)
    after = json.loads(invoke(settings, "show", "WA", "--as-of", "2026-06-15", "--json").output)
    assert before["education"]["min_clock_hours"]["value"] == 600
    assert after["education"]["min_clock_hours"]["value"] == 720
    early = invoke(settings, "show", "WA", "--as-of", "2026-01-01")
    assert early.exit_code == 1 and "WA has no record as of 2026-01-01: its first record is from 2026-05-01" in (
        early.output
    )

    text = invoke(settings, "history", "WA", "--field", "education.min_clock_hours")
    assert text.exit_code == 0 and "Minimum program clock hours: 600 → 720 (tightened)" in text.output
    everything = json.loads(invoke(settings, "history", "WA", "--json").output)
    assert [v["version"] for v in everything["versions"]] == [1, 2]
    assert everything["versions"][0]["created_at"].startswith("2026-05-01")
    tasks = json.loads(invoke(settings, "history", "WA", "--field", "tasks.injections", "--json").output)
    assert set(tasks["versions"][0]["value"]) >= {"tasks.injections.status"}
    bad = invoke(settings, "history", "WA", "--field", "education.nonsense")
    assert bad.exit_code == 1 and "has no field 'education.nonsense'" in bad.output


def test_reparse_records_differences_as_extraction_changes_for_engineers_only(settings, db):
    settle(db, "WA", OLD, T0, settings)
    # as if an older, buggy normalizer had read 500 hours from the same pages
    with db.session() as s:
        current = storage.current_version(s, "WA", "medical-assistant")
        record = json.loads(json.dumps(current.record))
        record["education"]["min_clock_hours"]["value"] = 500
        record["extraction"]["normalizer_version"] = "0.9.0"
        current.record = record
        current.normalizer_version = "0.9.0"

    with Webhook() as compliance, Webhook(token="eng-tok-77") as engineers:
        settings = replace(settings, alert_urls=(compliance.url(),), engineer_alert_urls=(engineers.url("eng"),))
        with db.session() as s:
            result = reparse(s, registry.get("WA"), settings, now=T0 + timedelta(days=1))
        [change] = result.changes
        assert (change.category, change.kind, change.audience, change.old_value, change.new_value) == (
            "extraction",
            "changed",
            "engineers",
            500,
            600,
        )
        assert change.direction is None and change.run_id is None
        with db.session() as s:
            assert s.query(Change).filter(Change.category == "requirement").count() == 0
            assert (
                storage.current_version(s, "WA", "medical-assistant").record["education"]["min_clock_hours"]["value"]
                == 600
            )

        dispatch(db, settings)
        assert compliance.posts == []  # nothing for compliance staff
        [post] = engineers.posts
        assert "500" in post["json"]["message"] and "600" in post["json"]["message"]

    # the next run on the same pages finds nothing new: the reparsed record is current
    assert settle(db, "WA", OLD, T0 + timedelta(days=2), settings).result == "unchanged"
    with db.session() as s:
        again = reparse(s, registry.get("WA"), settings)
    assert again.changes == [] and "read the same" in again.note

    out = invoke(settings, "reparse", "--states", "WA,CA")
    assert out.exit_code == 0
    assert "WA: the stored pages read the same as before" in out.output and "CA: no record yet" in out.output


def test_upgrading_a_0001_database_keeps_changes_and_routes_problems_to_engineers(db_url):
    engine = make_engine(db_url)
    command.upgrade(alembic_config(engine), "0001")
    with engine.begin() as conn:
        now = datetime.now(UTC)
        conn.execute(
            sa.text(
                "INSERT INTO changes (jurisdiction, profession, category, field, kind, evidence_before, "
                "evidence_after, summary, status, created_at) VALUES "
                "('NY', 'medical-assistant', 'fetch', 'sources.x', 'problem', '[]', '[]', "
                "'Source problem: gone', 'open', :t), "
                "('WA', 'medical-assistant', 'requirement', 'supervision', 'changed', '[]', '[]', "
                "'Supervision', 'open', :t)"
            ),
            {"t": now},
        )
    command.upgrade(alembic_config(engine), "head")
    with engine.connect() as conn:
        rows = dict(conn.execute(sa.text("SELECT category, audience FROM changes")).all())
    assert rows == {"fetch": "health", "requirement": "compliance"}
    command.downgrade(alembic_config(engine), "0001")
    command.upgrade(alembic_config(engine), "head")
    engine.dispose()
    database = Database(db_url)
    with database.session() as s:
        assert s.query(Change).count() == 2 and s.query(RecordVersion).count() == 0
    database.dispose()
