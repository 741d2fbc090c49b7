"""`licensure new-state XX`: writes a valid declaration and an expected-values file whose test fails until filled in."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

import tests.test_expected as expected_test
from scrapers.spiders import build
from tracker import registry
from tracker.cli import cli

PR = ["--name", "Puerto Rico", "--regulator", "Board of Medical Licensure", "--source", "https://www.salud.pr.gov/ma"]


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """An empty source checkout: the two directories the command writes into."""
    checkout = tmp_path / "checkout"
    (checkout / "tracker" / "jurisdictions").mkdir(parents=True)
    (checkout / "tests" / "expected").mkdir(parents=True)
    return checkout


def new_state(root: Path, *args: str):
    return CliRunner().invoke(cli, ["new-state", *args, "--root", str(root)])


@pytest.fixture
def registered(root: Path, monkeypatch: pytest.MonkeyPatch):
    """Point the registry at a package holding the checkout's declarations (as `jurisdictions_package` does)."""
    package = root.parent / "packages" / f"scaffolded_{root.parent.name.replace('-', '_')}"[:40]

    def use() -> None:
        package.mkdir(parents=True)
        (package / "__init__.py").write_text("", encoding="utf-8")
        for module in (root / "tracker" / "jurisdictions").glob("*.py"):
            shutil.copy(module, package / module.name)
        monkeypatch.syspath_prepend(str(package.parent))
        registry.use_package(package.name)

    yield use
    registry.use_package(None)


def test_writes_a_declaration_the_registry_and_the_spiders_accept(root, registered):
    result = new_state(root, "pr", *PR, "--kind", "regulation")
    assert result.exit_code == 0, result.output
    assert "tracker/jurisdictions/pr.py" in result.output and "tests/expected/pr.json" in result.output
    registered()
    jur = registry.get("PR")
    assert (jur.code, jur.name, jur.allowed_domains) == ("PR", "Puerto Rico", ("salud.pr.gov",))
    assert [(s.url, s.kind) for s in jur.sources] == [("https://www.salud.pr.gov/ma", "regulation")]
    assert jur.regulators[0].name == "Board of Medical Licensure"
    spider = build(jur)
    assert (spider.name, spider.allowed_domains) == ("pr", ["salud.pr.gov"])


def test_the_expected_values_fail_until_filled_in(root, monkeypatch):
    assert new_state(root, "PR", *PR).exit_code == 0
    path = root / "tests" / "expected" / "pr.json"
    monkeypatch.setattr(expected_test, "EXPECTED", path.parent)
    with pytest.raises(pytest.fail.Exception) as failed:
        expected_test.load_expected("PR")
    for value in ("credential_requirement", "state_credentials", "tasks.injections", "supervision", "citations"):
        assert f"{value}: None" in str(failed.value)

    values = json.loads(path.read_text(encoding="utf-8"))
    values.update(
        credential_requirement="none",
        state_credentials=[],
        tasks={"injections": "conditional", "iv": "unaddressed", "xray": "prohibited"},
        supervision=["general"],
        training_hours=[],
        citations=["P.R. Laws tit. 20"],
    )
    path.write_text(json.dumps(values), encoding="utf-8")
    assert expected_test.load_expected("PR")["tasks"]["xray"] == "prohibited"


def test_refuses_to_overwrite_and_writes_nothing(root):
    expected = root / "tests" / "expected" / "pr.json"
    expected.write_text("{}", encoding="utf-8")
    result = new_state(root, "PR", *PR)
    assert result.exit_code == 1
    assert "PR is already scaffolded: tests/expected/pr.json exist" in result.output
    assert expected.read_text(encoding="utf-8") == "{}"
    assert not (root / "tracker" / "jurisdictions" / "pr.py").exists()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["P1", *PR], "'P1' is not a two-letter USPS code"),
        (["PR", *PR[:-1], "ftp://salud.pr.gov/ma"], "must be an absolute http(s) address"),
        (["PR", *PR[:2], "--regulator", " ", *PR[4:]], "Give the jurisdiction's name and its regulator's name"),
    ],
)
def test_bad_input_is_one_plain_error(root, args, message):
    result = new_state(root, *args)
    assert result.exit_code == 1 and message in result.output
    assert "Traceback" not in result.output
    assert not any((root / "tests" / "expected").iterdir())


def test_outside_a_source_checkout_it_says_so(tmp_path):
    result = new_state(tmp_path, "PR", *PR)
    assert result.exit_code == 1 and "is not a source checkout of licensure-tracker" in result.output


def test_a_missing_option_is_bad_usage(root):
    result = new_state(root, "PR", "--name", "Puerto Rico")
    assert result.exit_code == 2 and "--regulator" in result.output
    assert "--source" in CliRunner().invoke(cli, ["new-state", "--help"]).output
