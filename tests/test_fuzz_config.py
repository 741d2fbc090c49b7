"""A broken config or jobs file: one message naming the file, the line and the field, never a traceback.

Hand-picked mistakes (bad TOML, unknown keys, wrong types, bad URLs) and Hypothesis-mutated copies of
valid files: loading either works or raises ConfigError / JobsFileError whose message starts with the
file; secrets in a bad URL are never echoed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker.cli import cli
from tracker.config import ConfigError, Settings, load_settings
from tracker.jobfile import JobsFileError, load_jobs

FUZZ = settings(
    max_examples=150,
    deadline=None,
    database=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

CONFIG = """# licensure.toml
database_url = "sqlite:///licensure-data/licensure.db"
download_delay = 2.0
download_timeout = 30
user_agent = "licensure-tracker (compliance@example.org)"

[alerts]
channels = ["mailtos://alerts:APP-Pa55word@smtp.example.org?to=compliance@example.org"]
engineers = ["slack://TokenA/TokenB/TokenC/#ops"]
"""

JOBS = """[groups]
west = ["WA", "CA"]

[jobs.daily]
description = "Every jurisdiction."
jurisdictions = "all"
cron = "30 4 * * *"
timezone = "America/New_York"

[jobs.west-weekdays]
jurisdictions = "west"
cron = "0 6 * * 1-5"
timezone = "America/Los_Angeles"
channels = ["json", "console"]
"""


def _config(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "licensure.toml"
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (
            CONFIG.replace("download_delay = 2.0", "download_delay = "),
            3,
            "not valid TOML at line 3, column 18 (field 'download_delay')",
        ),
        (CONFIG.replace("download_delay", "download_dealy"), 3, "unknown setting 'download_dealy'"),
        (CONFIG.replace("engineers =", "engineer ="), 9, "unknown key 'engineer' in [alerts]"),
        (
            CONFIG.replace("download_timeout = 30", 'download_timeout = "half a minute"'),
            4,
            "'download_timeout' must be a float, got 'half a minute'",
        ),
        (
            CONFIG.replace('"sqlite:///licensure-data/licensure.db"', '"postgres//tracker:Db-Pa55@db/licensure"'),
            2,
            "field 'database_url'",
        ),
        (
            CONFIG.replace('"mailtos://alerts', '"alerts'),
            8,
            "field '[alerts] channels': item 1 is not an alert channel URL",
        ),
        ("on_overlap = 'queue'\n" + CONFIG, 1, "'on_overlap' must be 'wait' or 'skip'"),
        ("[licensure]\nretry_times = 2\nretry_backoff = -1\n", 3, "'retry_backoff' must be 0 or more"),
    ],
)
def test_a_bad_config_file_names_the_file_the_line_and_the_field(tmp_path, text, line, words):
    path = _config(tmp_path, text)
    with pytest.raises(ConfigError) as raised:
        load_settings(path, env={})
    message = str(raised.value)
    assert message.startswith(f"Config file {path}")
    assert f"line {line}" in message and words in message
    for secret in ("APP-Pa55word", "Db-Pa55", "TokenB"):
        assert secret not in message


def test_a_bad_value_from_the_environment_names_the_variable(tmp_path):
    with pytest.raises(ConfigError, match=r"^\$LICENSURE_DOWNLOAD_MAXSIZE: 'download_maxsize' must be a int"):
        load_settings(None, env={"LICENSURE_DOWNLOAD_MAXSIZE": "20MB"})
    with pytest.raises(ConfigError) as raised:
        load_settings(None, env={"LICENSURE_ALERT_URLS": "mailtos://a:Pa55-env@smtp.example.org not-a-url"})
    assert str(raised.value).startswith("$LICENSURE_ALERT_URLS, field 'alert_urls': item 2") and "Pa55-env" not in str(
        raised.value
    )


def test_the_cli_says_it_in_one_sentence_and_exits_1(tmp_path):
    path = _config(tmp_path, CONFIG.replace("download_delay", "download_dealy"))
    result = CliRunner().invoke(cli, ["--config", str(path), "states", "--data-dir", str(tmp_path / "d")])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert f"Config file {path}, line 3: unknown setting 'download_dealy'" in result.output.replace("\n", "")


def _jobs(tmp_path: Path, text: str):
    path = tmp_path / "jobs.toml"
    path.write_text(text, encoding="utf-8")
    return path, lambda: load_jobs(Settings(data_dir=tmp_path / "data"), path)


@pytest.mark.parametrize(
    ("text", "line", "words"),
    [
        (JOBS.replace('cron = "30 4 * * *"', 'cron = "30 4 * *'), 7, "is not valid TOML at line 7"),
        (
            JOBS.replace('cron = "0 6', 'cronn = "0 6'),
            12,
            "job 'west-weekdays': Additional properties are not allowed ('cronn'",
        ),
        (
            JOBS.replace("30 4 * * *", "61 4 * * *"),
            7,
            "job 'daily', field 'cron': '61 4 * * *' is not a valid cron expression",
        ),
        (
            JOBS.replace("America/Los_Angeles", "America/Seattle"),
            13,
            "job 'west-weekdays', field 'timezone': unknown time zone",
        ),
        (JOBS.replace('["WA", "CA"]', '["WA", "XX"]'), 2, "group 'west': unknown jurisdiction 'XX'"),
        (
            JOBS.replace('jurisdictions = "west"', 'jurisdictions = "east"'),
            11,
            "job 'west-weekdays', field 'jurisdictions'",
        ),
        (
            JOBS.replace('["json", "console"]', '["json", "pager"]'),
            14,
            "job 'west-weekdays', field 'channels': 'pager'",
        ),
        (
            JOBS.replace('jurisdictions = "all"', "jurisdictions = 5"),
            6,
            "job 'daily', field 'jurisdictions': 5 is not valid",
        ),
        (JOBS.replace('timezone = "America/New_York"\n', ""), 4, "job 'daily', field 'timezone': missing"),
    ],
)
def test_a_bad_jobs_file_names_the_file_the_line_the_job_and_the_field(tmp_path, text, line, words):
    path, load = _jobs(tmp_path, text)
    with pytest.raises(JobsFileError) as raised:
        load()
    message = str(raised.value)
    assert str(path) in message.split(":")[0] + ":" + message.split(":")[1] or message.startswith(f"Jobs file {path}")
    assert f"line {line}" in message and words in message


def _mutate(text: str, cuts: list[tuple[int, int, str]]) -> str:
    for at, length, insert in cuts:
        at = at % (len(text) + 1)
        text = text[:at] + insert + text[at + length :]
    return text


MUTATION = st.lists(
    st.tuples(
        st.integers(0, 2000),
        st.integers(0, 12),
        st.sampled_from(
            [
                "",
                "=",
                "[",
                "]",
                '"',
                "'",
                "\n",
                "#",
                ".",
                ",",
                "x",
                "0",
                "-1",
                "[[a]]",
                "\n[alerts]\n",
                "\n[jobs.x]\n",
                "{",
                "}",
                "true",
                "\\u0000",
                "é",
            ]
        ),
    ),
    min_size=1,
    max_size=4,
)


@FUZZ
@given(cuts=MUTATION)
def test_a_mutated_config_file_loads_or_says_where_it_is_wrong(tmp_path, cuts):
    path = _config(tmp_path, _mutate(CONFIG, cuts))
    try:
        load_settings(path, env={})
    except ConfigError as exc:
        message = str(exc)
        assert message.startswith(f"Config file {path}")
        assert re.search(r"line \d+", message) or "does not exist" in message or "cannot be read" in message, message
        for secret in ("APP-Pa55word", "TokenB"):
            assert secret not in message


@FUZZ
@given(cuts=MUTATION)
def test_a_mutated_jobs_file_loads_or_says_where_it_is_wrong(tmp_path, cuts):
    path, load = _jobs(tmp_path, _mutate(JOBS, cuts))
    try:
        load()
    except JobsFileError as exc:
        message = str(exc)
        assert str(path) in message, message
