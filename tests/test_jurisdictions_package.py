"""The `jurisdictions_package` setting: the registry (and so the spiders) can read declarations from another package.

benchmarks/ uses it to crawl thousands of generated sources with the unchanged spiders.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tracker import registry
from tracker.config import load_settings

REPO = Path(__file__).resolve().parent.parent

WA = """
from tracker.registry import Jurisdiction, Regulator, Source

JURISDICTION = Jurisdiction(
    code="WA", name="Washington", regulators=(Regulator("Bench board", "https://wa.bench.example"),),
    sources=(Source("wa-bench-00000", "https://www.wa.bench.example/p0", "guidance"),
             Source("wa-bench-00001", "https://www.wa.bench.example/p1", "faq")),
    allowed_domains=("wa.bench.example",),
)
"""


@pytest.fixture
def package(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    name = f"bench_pkg_{tmp_path.name.replace('-', '_')}"[:60]
    pkg = tmp_path / name
    pkg.mkdir()
    (pkg / "__init__.py").write_text("", encoding="utf-8")
    (pkg / "wa.py").write_text(textwrap.dedent(WA), encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    yield name
    registry.use_package(None)


def test_default_is_the_bundled_package():
    assert load_settings(env={}).jurisdictions_package == "tracker.jurisdictions"
    assert len(registry.all_jurisdictions()) == 51


def test_use_package_swaps_the_declarations_and_back(package):
    registry.use_package(package)
    assert list(registry.all_jurisdictions()) == ["WA"]
    wa = registry.get("WA")
    assert [s.source_id for s in wa.sources] == ["wa-bench-00000", "wa-bench-00001"]
    assert wa.is_allowed("https://www.wa.bench.example/p1") and not wa.is_allowed("https://doh.wa.gov/")
    registry.use_package("tracker.jurisdictions")
    assert len(registry.all_jurisdictions()) == 51 and registry.get("WA").allowed_domains != ("wa.bench.example",)


def test_the_setting_comes_from_the_environment(package, monkeypatch):
    monkeypatch.setenv("LICENSURE_JURISDICTIONS_PACKAGE", package)
    assert load_settings().jurisdictions_package == package
    registry.use_package(None)  # no explicit choice: the registry reads the setting
    assert list(registry.all_jurisdictions()) == ["WA"]


def test_an_unknown_package_is_a_plain_error():
    registry.use_package("no_such_jurisdictions_pkg")
    try:
        with pytest.raises(registry.RegistryError, match="no_such_jurisdictions_pkg.*jurisdictions_package"):
            registry.all_jurisdictions()
    finally:
        registry.use_package(None)


def test_the_real_spider_crawls_the_generated_declaration(package, tmp_path):
    """A child process (like the crawl subprocess) inherits the setting, and the spider Scrapy loads reads it."""
    env = {
        "LICENSURE_JURISDICTIONS_PACKAGE": package,
        "PYTHONPATH": f"{tmp_path}:{REPO}",
        "SCRAPY_SETTINGS_MODULE": "scrapers.settings",
        "LICENSURE_DATA_DIR": str(tmp_path / "data"),
        "PATH": "/usr/bin:/bin",
    }
    code = (
        "from scrapy.spiderloader import SpiderLoader; from scrapy.utils.project import get_project_settings; "
        "S = SpiderLoader.from_settings(get_project_settings()).load('wa'); "
        "print(S.allowed_domains, [s.source_id for s in S.jurisdiction.sources])"
    )
    out = subprocess.run(
        [sys.executable, "-c", code],
        env=env,
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert out.returncode == 0, out.stderr
    assert "['wa.bench.example'] ['wa-bench-00000', 'wa-bench-00001']" in out.stdout


def test_a_jurisdiction_without_a_bundled_module_gets_a_spider_too(package, tmp_path):
    """Spiders are built from the registry: a declaration is all a new jurisdiction needs to be crawled."""
    pr = WA.replace('code="WA", name="Washington"', 'code="PR", name="Puerto Rico"').replace("wa-bench", "pr-bench")
    (tmp_path / package / "pr.py").write_text(textwrap.dedent(pr), encoding="utf-8")
    env = {
        "LICENSURE_JURISDICTIONS_PACKAGE": package,
        "PYTHONPATH": f"{tmp_path}:{REPO}",
        "LICENSURE_DATA_DIR": str(tmp_path / "data"),
        "PATH": "/usr/bin:/bin",
    }
    out = subprocess.run(
        [sys.executable, "-m", "scrapy", "list"], env=env, cwd=REPO, capture_output=True, text=True, timeout=60
    )
    assert out.returncode == 0, out.stderr
    assert out.stdout.split() == ["pr", "wa"]
