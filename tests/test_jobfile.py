"""The jobs file: schema, defaults, crontab semantics, and errors that name the file, the job and the field."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import jsonschema
import pytest
from click.testing import CliRunner

import schemas
from tracker import registry
from tracker.cli import cli
from tracker.config import Settings
from tracker.jobfile import JobsFileError, crontab_trigger, default_jobs_file, load_jobs


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "jobs.toml"
    path.write_text(text, encoding="utf-8")
    return path


def load(tmp_path: Path, text: str, settings: Settings | None = None):
    return load_jobs(settings or Settings(data_dir=tmp_path / "data"), write(tmp_path, text))


def test_schema_is_valid_draft_2020_12():
    schema = schemas.load("jobs")
    assert schema["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(schema)


def test_the_default_jobs_file_checks_every_jurisdiction_daily_early_morning(tmp_path):
    jobs = load_jobs(Settings(data_dir=tmp_path))
    assert jobs.path == default_jobs_file()
    [daily] = jobs.jobs
    assert daily.selector == "all" and set(daily.jurisdictions) == set(registry.all_jurisdictions())
    assert daily.enabled and daily.channels is None  # every configured channel
    fire = daily.trigger().get_next_fire_time(None, datetime(2026, 5, 1, 12, tzinfo=UTC))
    assert fire.tzinfo is not None and fire.utcoffset().total_seconds() == -4 * 3600  # US Eastern, summer
    assert (fire.hour, fire.minute) == (4, 30) and fire.date().isoformat() == "2026-05-02"


def test_the_jobs_file_setting_and_groups(tmp_path):
    path = write(
        tmp_path,
        """
[groups]
coasts = ["WA", "ny"]

[jobs.coasts]
jurisdictions = "coasts"
cron = "0 6 * * 1-5"
timezone = "America/Los_Angeles"
channels = ["console", "json"]

[jobs.ca]
jurisdictions = ["CA"]
cron = "15 3 1 * *"
timezone = "UTC"
enabled = false
misfire_grace_minutes = 30
""",
    )
    jobs = load_jobs(Settings(data_dir=tmp_path, jobs_file=path))
    coasts, ca = jobs.jobs
    assert coasts.jurisdictions == ("WA", "NY") and coasts.channels == ("console", "json")
    assert [j.code for j in coasts.selected()] == ["WA", "NY"]
    assert not ca.enabled and ca.misfire_grace_minutes == 30 and jobs.enabled == [coasts]
    assert jobs.get("ca") is ca
    with pytest.raises(JobsFileError, match="there is no job 'nope'; the jobs are: coasts, ca"):
        jobs.get("nope")


def test_crontab_weekdays_mean_what_cron_means():
    """0 and 7 are Sunday, 1-5 Monday to Friday (APScheduler 3.x alone would read 0 as Monday)."""
    start = datetime(2026, 5, 4, 12, tzinfo=UTC)  # a Monday
    sunday = crontab_trigger("0 9 * * 0", "UTC").get_next_fire_time(None, start)
    assert sunday.strftime("%A %H:%M") == "Sunday 09:00"
    assert crontab_trigger("0 9 * * 7", "UTC").get_next_fire_time(None, start) == sunday
    weekdays = crontab_trigger("0 9 * * 1-5", "UTC")
    fires, when = [], start
    for _ in range(6):
        when = weekdays.get_next_fire_time(None, when) if not fires else weekdays.get_next_fire_time(when, when)
        fires.append(when.strftime("%a"))
        when = when.replace(second=1)
    assert fires == ["Tue", "Wed", "Thu", "Fri", "Mon", "Tue"]
    assert crontab_trigger("0 9 * * sat,sun", "UTC").get_next_fire_time(None, start).strftime("%A") == "Saturday"
    assert crontab_trigger("0 9 * * 5-7", "UTC").get_next_fire_time(None, start).strftime("%A") == "Friday"


JOB = """
[jobs.nightly]
jurisdictions = {jur}
cron = "{cron}"
timezone = "{tz}"
channels = {channels}
"""


@pytest.mark.parametrize(
    ("values", "expected"),
    [
        ({"cron": "61 4 * * *"}, "job 'nightly', field 'cron': '61 4 * * *' is not a valid cron expression"),
        (
            {"cron": "30 4 * *"},
            "job 'nightly', field 'cron': '30 4 * *' is not a valid cron expression: it has 4 field(s)",
        ),
        ({"cron": "0 4 1 * mon"}, "field 'cron'"),
        ({"cron": "0 4 * * 8"}, "field 'cron'"),
        ({"jur": '["WA", "ZZ"]'}, "job 'nightly', field 'jurisdictions': unknown jurisdiction 'ZZ'"),
        ({"jur": '"pacific"'}, "job 'nightly', field 'jurisdictions': 'pacific' is not \"all\" and not a group"),
        ({"jur": '["W"]'}, "job 'nightly', field 'jurisdictions' item 0: 'W' is not valid"),
        ({"channels": '["console", "pager"]'}, "job 'nightly', field 'channels': 'pager' is not a channel"),
        (
            {"channels": '["compliance"]'},
            "job 'nightly', field 'channels': channel 'compliance' has no URLs: set alert_urls",
        ),
        ({"tz": "Mars/Olympus_Mons"}, "job 'nightly', field 'timezone': unknown time zone 'Mars/Olympus_Mons'"),
    ],
)
def test_a_bad_job_names_the_file_the_job_and_the_field(tmp_path, values, expected):
    fields = {"jur": '"all"', "cron": "30 4 * * *", "tz": "UTC", "channels": '["console"]', **values}
    with pytest.raises(JobsFileError) as err:
        load(tmp_path, JOB.format(**fields))
    message = str(err.value)
    assert message.startswith(str(tmp_path / "jobs.toml") + ": ")
    assert expected in message


def test_structure_errors_name_the_job_and_the_field(tmp_path):
    with pytest.raises(JobsFileError, match=r"job 'nightly', field 'cron': missing; use five fields"):
        load(tmp_path, '[jobs.nightly]\njurisdictions = "all"\ntimezone = "UTC"\n')
    with pytest.raises(
        JobsFileError,
        match=r"job 'nightly': Additional properties are not allowed \('cronn' was unexpected\); "
        r"the fields a job may have are: description, jurisdictions, cron",
    ):
        load(tmp_path, '[jobs.nightly]\njurisdictions = "all"\ncron = "0 4 * * *"\ncronn = "x"\ntimezone = "UTC"\n')
    with pytest.raises(JobsFileError, match=r"job 'nightly', field 'misfire_grace_minutes': -5 is not valid"):
        load(
            tmp_path,
            '[jobs.nightly]\njurisdictions = "all"\ncron = "0 4 * * *"\ntimezone = "UTC"\nmisfire_grace_minutes = -5\n',
        )
    with pytest.raises(JobsFileError, match="no \\[jobs.<name>\\] table"):
        load(tmp_path, "[groups]\nwest = ['WA']\n")
    with pytest.raises(JobsFileError, match="is not valid TOML"):
        load(tmp_path, "[jobs.nightly\n")
    with pytest.raises(JobsFileError, match="does not exist"):
        load_jobs(Settings(data_dir=tmp_path), tmp_path / "missing.toml")


def test_channel_with_urls_configured_is_accepted(tmp_path):
    settings = Settings(data_dir=tmp_path, alert_urls=("json://127.0.0.1:9/x",))
    jobs = load(
        tmp_path, JOB.format(jur='"all"', cron="0 4 * * *", tz="UTC", channels='["compliance", "json"]'), settings
    )
    assert jobs.jobs[0].channels == ("compliance", "json")


def test_schedule_refuses_to_start_with_a_bad_jobs_file(tmp_path):
    path = write(tmp_path, JOB.format(jur='["WA", "XX"]', cron="0 4 * * *", tz="UTC", channels='["console"]'))
    data = tmp_path / "data"
    result = CliRunner().invoke(cli, ["schedule", "--jobs-file", str(path), "--data-dir", str(data)])
    assert result.exit_code == 1
    assert f"{path}: job 'nightly', field 'jurisdictions': unknown jurisdiction 'XX'" in result.output.replace("\n", "")
    assert not data.exists()  # it stopped before touching the database
    result = CliRunner().invoke(cli, ["run", "--due", "--data-dir", str(data)], env={"LICENSURE_JOBS_FILE": str(path)})
    assert result.exit_code == 1 and "unknown jurisdiction 'XX'" in result.output.replace("\n", "")
    result = CliRunner().invoke(cli, ["jobs", "--jobs-file", str(path), "--data-dir", str(data)])
    assert result.exit_code == 1 and "field 'jurisdictions'" in result.output.replace("\n", "")
