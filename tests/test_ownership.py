"""Outputs belong to their database: a second database refuses a data folder the first one writes to."""

from __future__ import annotations

from click.testing import CliRunner

from tracker.cli import cli
from tracker.ownership import MARKER, identity


def run(db: str, data: str, *more: str):
    return CliRunner().invoke(
        cli, ["run", "--snapshot", "2026-05-01", "--states", "WA", "--db", db, "--data-dir", data, *more]
    )


def test_a_second_database_refuses_the_first_ones_data_folder(settings, tmp_path):
    data = str(settings.data_dir)
    first = run(settings.database_url, data)
    assert first.exit_code == 0, first.output
    table = settings.data_dir / "output" / "requirements.csv"
    before = table.read_bytes()

    other = f"sqlite:///{tmp_path / 'other.db'}"
    refused = run(other, data)
    assert refused.exit_code == 1
    said = " ".join(refused.output.split())
    assert f"holds the outputs of another database ({identity(settings.database_url)})" in said
    assert "give this database its own --data-dir (or output_dir)" in said
    assert "Traceback" not in refused.output and len(refused.output.strip().splitlines()) <= 3
    assert table.read_bytes() == before  # nothing of the first database's was overwritten
    assert not (tmp_path / "other.db").exists()  # refused before anything was opened or written

    own = run(other, str(tmp_path / "other-data"))  # its own folder: fine
    assert own.exit_code == 0, own.output
    again = run(settings.database_url, data)  # the first database keeps its folder
    assert again.exit_code == 0, again.output
    assert (settings.data_dir / "output" / MARKER).read_text().strip() == identity(settings.database_url)
    assert (settings.data_dir / "logs" / MARKER).is_file()


def test_the_same_sqlite_file_spelled_two_ways_is_one_database(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert identity("sqlite:///licensure-data/licensure.db") == identity(
        f"sqlite:///{tmp_path / 'licensure-data' / 'licensure.db'}"
    )
    assert "Pw-1" not in identity("postgresql+psycopg://u:Pw-1@db.example.org/x")
