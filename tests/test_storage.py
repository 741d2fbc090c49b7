"""Storage on SQLite and PostgreSQL: migrations, deduplicated bodies, append-only versions,
and the rule that a bad extraction never replaces the last good record."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import inspect

from tracker import registry, storage
from tracker.db import Database, current_revision, head_revision
from tracker.diff import values_hash
from tracker.models import ExtractionFailure, PageBody
from tracker.registry import Jurisdiction, Regulator
from tracker.settlement import settle_jurisdiction


def test_migrations_create_every_table_and_reach_head(db_url):
    db = Database(db_url)
    tables = set(inspect(db.engine).get_table_names())
    assert {
        "runs",
        "page_bodies",
        "fetches",
        "record_versions",
        "extraction_failures",
        "changes",
        "jurisdiction_status",
    } <= tables
    assert current_revision(db.engine) == head_revision(db.engine)
    db.dispose()


def _store_pages(session, run_id, jur, bodies):
    for src, body in zip(jur.sources, bodies, strict=True):
        storage.store_fetch(
            session,
            run_id,
            {
                "jurisdiction": jur.code,
                "source_id": src.source_id,
                "kind": src.kind,
                "url": src.url,
                "http_status": 200,
                "body": body,
                "content_type": "text/html; charset=utf-8",
            },
        )


GOOD = (
    b"<p>New York does not license, certify or register medical assistants.</p>"
    b"<p>Medical assistants may not administer injections.</p>"
)


def test_bodies_are_deduplicated_by_content_hash(db_url):
    db = Database(db_url)
    jur = registry.get("NY")
    with db.session() as s:
        run = storage.start_run(s, "manual", ["NY"])
        _store_pages(s, run.id, jur, [GOOD, GOOD])
        _store_pages(s, run.id, jur, [GOOD, GOOD])
    with db.session() as s:
        assert s.query(PageBody).count() == 1
        assert storage.load_body(s, storage.content_hash(GOOD)) == GOOD
    db.dispose()


def test_schema_invalid_record_is_kept_as_failed_extraction_and_last_good_stays_current(db_url):
    db = Database(db_url)
    good_jur = registry.get("NY")
    with db.session() as s:
        run = storage.start_run(s, "manual", ["NY"])
        _store_pages(s, run.id, good_jur, [GOOD, GOOD])
        assert settle_jurisdiction(s, run.id, good_jur).result == "baseline"
        good = storage.current_version(s, "NY", "medical-assistant")

    # the same jurisdiction declared with a regulator the schema rejects (empty name)
    broken = Jurisdiction(
        code="NY",
        name="New York",
        regulators=(Regulator("", None),),
        sources=good_jur.sources,
        allowed_domains=good_jur.allowed_domains,
    )
    changed = GOOD + b"<p>Medical assistants may not administer immunizations.</p>"
    with db.session() as s:
        run2 = storage.start_run(s, "manual", ["NY"])
        _store_pages(s, run2.id, broken, [changed, changed])
        outcome = settle_jurisdiction(s, run2.id, broken)
    assert outcome.result == "extraction-problem"
    assert "$.regulators[0].name" in outcome.detail
    with db.session() as s:
        assert storage.current_version(s, "NY", "medical-assistant").id == good.id
        [failure] = s.query(ExtractionFailure).all()
        assert failure.record is not None and any("regulators[0].name" in e for e in failure.errors)
        [change] = storage.list_changes(s)
        assert change.category == "extraction" and change.kind == "problem"
        assert storage.status_for(s, "NY", "medical-assistant").health == "extraction-problem"
    db.dispose()


def test_versions_are_append_only_and_answer_as_of_queries(db_url):
    db = Database(db_url)
    record = {"extraction": {"normalizer": "ny", "normalizer_version": "1.0.0"}, "v": 1}
    with db.session() as s:
        v1 = storage.append_version(s, None, "NY", "medical-assistant", record, "sha256:1")
        v2 = storage.append_version(s, None, "NY", "medical-assistant", {**record, "v": 2}, "sha256:2")
        assert (v1.version, v2.version) == (1, 2)
        assert storage.current_version(s, "NY", "medical-assistant").id == v2.id
        assert storage.version_as_of(s, "NY", "medical-assistant", v1.created_at).id == v1.id
        assert storage.version_as_of(s, "NY", "medical-assistant", v1.created_at - timedelta(days=1)) is None
        assert s.get(type(v1), v1.id).record["v"] == 1  # the old version is untouched
    db.dispose()


def test_values_hash_ignores_fetch_times():
    from tests.test_normalize import snapshot_pages
    from tracker.normalize import normalize

    a = normalize(registry.get("CA"), snapshot_pages("2026-05-01", "CA"), now=datetime(2026, 1, 1, tzinfo=UTC)).record
    b = normalize(registry.get("CA"), snapshot_pages("2026-11-01", "CA"), now=datetime(2026, 6, 1, tzinfo=UTC)).record
    assert values_hash(a) == values_hash(b)


def test_models_and_migrations_agree(db_url):
    """Autogenerate against a migrated database proposes nothing: the migrations are complete."""
    from alembic.autogenerate import compare_metadata
    from alembic.runtime.migration import MigrationContext

    from tracker.db import include_object
    from tracker.models import Base

    db = Database(db_url)
    with db.engine.connect() as conn:
        ctx = MigrationContext.configure(conn, opts={"compare_type": False, "include_object": include_object})
        diffs = compare_metadata(ctx, Base.metadata)
    db.dispose()
    assert diffs == []
