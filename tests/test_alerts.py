"""Alerts on real channels: email to aiosmtpd and webhook posts to a loopback receiver, through Apprise.

One digest per run per channel, grouped by jurisdiction with requirement
changes first; health problems to the engineers' channel; secrets never
shown; a failed delivery retried, recorded, and sent with the next run;
nothing ever alerted twice.
"""

from __future__ import annotations

import json
import logging
import re
from dataclasses import replace

import pytest
from click.testing import CliRunner

from tests.tracking import SmtpServer, Webhook, free_port, seed_changes
from tracker import storage
from tracker.alerts import dispatch, redact_text, redact_url
from tracker.cli import cli
from tracker.config import ConfigError, load_settings
from tracker.db import Database
from tracker.models import AlertDelivery, AlertDeliveryItem, Change


@pytest.fixture
def smtp():
    with SmtpServer() as server:
        yield server


@pytest.fixture
def hook():
    with Webhook() as server:
        yield server


@pytest.fixture
def engineers_hook():
    with Webhook(token="eng-T0ken-1a2b3c") as server:
        yield server


def _db(settings):
    return Database(settings.database_url)


def _run(db) -> int:
    with db.session() as s:
        return storage.start_run(s, "manual", ["WA"]).id


def _order(text: str, *needles: str) -> list[int]:
    return [text.index(n) for n in needles]


def test_email_digest_is_grouped_requirement_first_and_escapes_scraped_text(settings, smtp, capsys):
    settings = replace(settings, alert_urls=(smtp.url,))
    db = _db(settings)
    ids = seed_changes(db, evil=True)

    result = dispatch(db, settings, run_id=1)

    assert result.failures == [] and result.sent == 4
    [msg] = smtp.messages  # one digest for the whole run
    assert msg["Subject"] == (
        "licensure-tracker: 1 requirement change (WA); 2 wording-only changes (CA, WA); 1 source problem (NY)"
    )
    assert msg["To"] == "compliance@example.org"
    html = SmtpServer.html(msg)
    # grouped by jurisdiction: WA (has a requirement change) first, then CA, then NY's source problem
    assert _order(html, 'id="jurisdiction-WA"', 'id="jurisdiction-CA"', 'id="jurisdiction-NY"') == sorted(
        _order(html, 'id="jurisdiction-WA"', 'id="jurisdiction-CA"', 'id="jurisdiction-NY"')
    )
    # within WA the requirement change comes before the wording change, although it was recorded later
    assert html.index(f'id="change-{ids["wa_req"]}"') < html.index(f'id="change-{ids["wa_text"]}"')
    # the same content as the report: before -> after and the evidence with the changed words marked
    assert "<del>600</del>" in html and "<ins>720</ins>" in html
    # scraped text arrives escaped, never as markup, and a javascript: source is not a link
    assert "<script" not in html and "<img" not in html and "<b>bold" not in html
    assert "&lt;script&gt;" in html and "&lt;b&gt;bold&lt;/b&gt;" in html
    assert 'href="javascript:' not in html.lower()
    # the console got the digest too, and nothing printed the password
    out = capsys.readouterr()
    assert "Minimum program clock hours: 600 → 720" in out.out
    assert SmtpServer.password not in out.out + out.err

    # the next run has nothing new: no second email, no second JSON line
    again = dispatch(db, settings, run_id=_run(db))
    assert again.sent == 0 and len(smtp.messages) == 1
    lines = (settings.output_dir / "alerts.jsonl").read_text(encoding="utf-8").splitlines()
    assert sorted(json.loads(line)["id"] for line in lines) == sorted(ids.values())
    db.dispose()


def test_health_problems_go_to_the_engineers_channel(settings, hook, engineers_hook):
    settings = replace(settings, alert_urls=(hook.url("compliance"),), engineer_alert_urls=(engineers_hook.url("eng"),))
    db = _db(settings)
    ids = seed_changes(db)

    result = dispatch(db, settings, run_id=1)

    assert result.failures == []
    [compliance] = hook.posts
    [engineers] = engineers_hook.posts
    assert compliance["path"] == "/compliance" and engineers["path"] == "/eng"
    body = compliance["json"]["message"]
    assert "600 → 720" in body and "NY" not in compliance["json"]["title"] and "HTTP 503" not in body
    assert _order(body, "## WA", "## CA") == sorted(_order(body, "## WA", "## CA"))
    assert body.index("Requirement change") < body.index("Wording changed")
    assert engineers["json"]["title"] == "licensure-tracker: 1 source problem (NY)"
    assert "HTTP 503" in engineers["json"]["message"] and "600" not in engineers["json"]["message"]
    with db.session() as s:
        assert all(s.get(Change, i).alerted_at is not None for i in ids.values())
    db.dispose()


def test_without_an_engineers_channel_problems_reach_the_compliance_channel(settings, hook):
    settings = replace(settings, alert_urls=(hook.url(),))
    db = _db(settings)
    seed_changes(db)
    dispatch(db, settings)
    [post] = hook.posts
    assert "HTTP 503" in post["json"]["message"]  # a broken source is never silent
    db.dispose()


def test_webhook_escapes_scraped_text_as_markdown(settings, hook):
    settings = replace(settings, alert_urls=(hook.url(),))
    db = _db(settings)
    seed_changes(db, evil=True)
    dispatch(db, settings)
    [post] = hook.posts
    message = post["json"]["message"]
    assert not re.search(r"(?<!\\)<(script|img|b)\b", message)  # every < of scraped markup is escaped
    assert r"\<script\>" in message and r"\<img src=x" in message
    assert "(javascript:" not in message and "<javascript:" not in message  # no Markdown link to it
    db.dispose()


def test_a_failed_delivery_is_retried_recorded_and_sent_with_the_next_run(settings, hook, capsys, caplog):
    caplog.set_level(logging.DEBUG)
    settings = replace(settings, alert_urls=(hook.url(f"hooks/{hook.token}"),), alert_attempts=2)
    db = _db(settings)
    ids = seed_changes(db)
    hook.fail_next = 2  # both tries of this run are refused

    first = dispatch(db, settings, run_id=1, sleep=lambda s: None)

    assert len(hook.refusals) == 2 and hook.posts == []
    [failure] = first.failures
    assert "will be sent again with the next run" in failure
    assert hook.token not in failure and "json://alerts:***@127.0.0.1" in failure
    with db.session() as s:
        rows = {d.channel: d for d in s.query(AlertDelivery).all()}
        failed = next(d for d in rows.values() if d.status == "failed")
        assert failed.attempts == 2 and failed.change_count == 4 and failed.error
        assert hook.token not in failed.channel + failed.error
        assert all(s.get(Change, i).alerted_at is None for i in ids.values())  # not lost
    jsonl = settings.output_dir / "alerts.jsonl"
    assert len(jsonl.read_text().splitlines()) == 4  # the JSON file took them once

    # next run: the webhook works again, and gets the held-over digest; the JSON file does not get them twice
    run2 = _run(db)
    second = dispatch(db, settings, run_id=run2, sleep=lambda s: None)
    assert second.failures == [] and second.sent == 4
    [post] = hook.posts
    assert all(f"#{i}" in post["json"]["message"] for i in ids.values())
    assert "sent now because a delivery failed" in post["json"]["message"]
    assert len(jsonl.read_text().splitlines()) == 4
    with db.session() as s:
        sent = s.query(AlertDelivery).filter(AlertDelivery.status == "sent", AlertDelivery.run_id == run2).all()
        assert [d.channel_key.startswith("apprise:") for d in sent] == [True]
        assert {
            i.change_id for i in s.query(AlertDeliveryItem).filter(AlertDeliveryItem.delivery_id == sent[0].id)
        } == set(ids.values())

    third = dispatch(db, settings, run_id=_run(db))
    assert third.sent == 0 and len(hook.posts) == 1

    captured = capsys.readouterr()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    for text in (captured.out, captured.err, logged):
        assert hook.token not in text
    db.dispose()


def test_a_refused_try_is_retried_within_the_run(settings, hook):
    settings = replace(settings, alert_urls=(hook.url(),), alert_attempts=3)
    db = _db(settings)
    seed_changes(db)
    hook.fail_next = 1
    result = dispatch(db, settings, sleep=lambda s: None)
    assert result.failures == [] and len(hook.refusals) == 1 and len(hook.posts) == 1
    with db.session() as s:
        [row] = [d for d in s.query(AlertDelivery).all() if d.channel_key.startswith("apprise:")]
        assert (row.status, row.attempts) == ("sent", 2)
    db.dispose()


def test_unreachable_and_invalid_channels_fail_plainly_without_secrets(settings, caplog, capsys):
    caplog.set_level(logging.DEBUG)
    dead = f"json://admin:Sup3rSecretPw@127.0.0.1:{free_port()}/hooks/T0KEN-abc123?apikey=K3y-xyz-789"
    bogus = "notaservice://Sup3rSecretToken/abc"
    settings = replace(settings, alert_urls=(dead, bogus), alert_attempts=1)
    db = _db(settings)
    seed_changes(db)

    result = dispatch(db, settings)

    assert len(result.failures) == 2
    text = "\n".join(result.failures)
    assert "not a valid Apprise URL" in text
    with db.session() as s:
        stored = "\n".join(f"{d.channel} {d.error}" for d in s.query(AlertDelivery).all())
    runner = CliRunner().invoke(cli, ["deliveries", "--db", settings.database_url, "--failed"])
    assert runner.exit_code == 0 and "failed" in runner.output
    everything = "\n".join(
        [text, stored, runner.output, capsys.readouterr().out, "\n".join(r.getMessage() for r in caplog.records)]
    )
    for secret in ("Sup3rSecretPw", "T0KEN-abc123", "K3y-xyz-789", "Sup3rSecretToken"):
        assert secret not in everything
    assert "json://admin:***@127.0.0.1" in stored and "notaservice://***" in stored
    db.dispose()


@pytest.mark.parametrize(
    "url,shown",
    [
        (
            "mailto://user:pa55word@smtp.example.org:587?from=a@example.org&to=b@example.org",
            "mailto://user:***@smtp.example.org:587?from=a@example.org&to=b@example.org",
        ),
        (
            "json://hooks.example.org/services/T000/B000/XXXXSECRET?token=abc123",
            "json://hooks.example.org/***?token=***",
        ),
        ("slack://TokenA1/TokenB2/TokenC3/#general", "slack://***"),
        ("msteams://group@tokenA/tokenB/tokenC/", "msteams://***"),
        ("not a url", "***"),
    ],
)
def test_redact_url(url, shown):
    assert redact_url(url) == shown


def test_redact_text_masks_every_secret_part():
    url = "json://admin:pa55w0rd@hooks.example.org/services/SECRETPATH?token=T0k3n"
    message = (
        f"failed to post to {url}; server said: bad token T0k3n for path /services/SECRETPATH (user admin:pa55w0rd@)"
    )
    clean = redact_text(message, [url])
    for secret in ("pa55w0rd", "T0k3n", "SECRETPATH"):
        assert secret not in clean
    assert "hooks.example.org" in clean


def test_channels_come_from_the_config_file_or_the_environment(tmp_path):
    path = tmp_path / "licensure.toml"
    path.write_text(
        '[alerts]\nchannels = ["mailto://u:Pw1234@mail.example.org?to=a@example.org"]\n'
        'engineers = ["json://hooks.example.org/eng"]\n',
        encoding="utf-8",
    )
    settings = load_settings(path, env={})
    assert settings.alert_urls == ("mailto://u:Pw1234@mail.example.org?to=a@example.org",)
    assert settings.engineer_alert_urls == ("json://hooks.example.org/eng",)
    assert "Pw1234" not in repr(settings)
    env = {
        "LICENSURE_ALERT_URLS": "json://a.example.org/x  json://b.example.org/y",
        "LICENSURE_ENGINEER_ALERT_URLS": "json://c.example.org/z",
    }
    from_env = load_settings(path, env=env)
    assert from_env.alert_urls == ("json://a.example.org/x", "json://b.example.org/y")
    assert from_env.engineer_alert_urls == ("json://c.example.org/z",)
    path.write_text('[alerts]\nchanels = ["json://x"]\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="unknown key 'chanels' in \\[alerts\\]"):
        load_settings(path, env={})
    path.write_text('[alerts]\nchannels = ["json://u:Secr3t@x", 5]\n', encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_settings(path, env={})
    assert "Secr3t" not in str(info.value)


def test_noise_settings_are_validated(tmp_path):
    with pytest.raises(ConfigError, match="failure_alert_threshold"):
        load_settings(None, env={"LICENSURE_FAILURE_ALERT_THRESHOLD": "0"})
    assert load_settings(None, env={"LICENSURE_FLAP_WINDOW_DAYS": "7"}).flap_window_days == 7


def test_a_run_prints_a_failed_delivery_without_its_secret(tmp_path):
    """The whole CLI path: `licensure run` with a dead channel says so plainly, and hides the token."""
    data = str(tmp_path / "data")
    token = "RunT0ken-5ecret"
    dead = f"json://u:{token}@127.0.0.1:{free_port()}/x"
    env = {"LICENSURE_ALERT_URLS": dead, "LICENSURE_ALERT_ATTEMPTS": "1"}
    first = CliRunner().invoke(cli, ["run", "--snapshot", "2026-05-01", "--states", "WA", "--data-dir", data], env=env)
    assert first.exit_code == 0, first.output
    second = CliRunner().invoke(cli, ["run", "--snapshot", "2026-11-01", "--states", "WA", "--data-dir", data], env=env)
    assert second.exit_code == 0
    assert "Alert not delivered:" in second.output and "json://u:***@127.0.0.1" in second.output
    assert token not in second.output
    assert re.search(r"run-2\.html", second.output)


def test_a_job_limited_to_some_channels_never_keeps_a_change_from_the_others(settings, hook, engineers_hook):
    """A scheduled job sending only to the engineers' channel must not mark changes alerted for compliance."""
    settings = replace(settings, alert_urls=(hook.url("compliance"),), engineer_alert_urls=(engineers_hook.url("eng"),))
    db = _db(settings)
    ids = seed_changes(db)

    dispatch(db, settings, only=["engineers"])
    assert hook.posts == [] and len(engineers_hook.posts) == 1
    with db.session() as s:
        requirement = s.get(Change, ids["wa_req"])
        assert requirement.alerted_at is None  # compliance has not had it yet

    dispatch(db, settings, only=["compliance", "console", "json"])
    assert len(hook.posts) == 1 and "600 → 720" in hook.posts[0]["json"]["message"]
    assert len(engineers_hook.posts) == 1  # not sent twice
    with db.session() as s:
        assert all(s.get(Change, i).alerted_at is not None for i in ids.values())
    db.dispose()
