"""The one settings object.

Values come from, lowest priority first: the defaults below, a TOML file
(`--config FILE`, `$LICENSURE_CONFIG`, or `./licensure.toml` if present),
environment variables `LICENSURE_<NAME>`, and command-line options.
Nothing else in the project reads the environment for settings.

Defaults (keep alphabetical; every one is documented in README "Configuration"):

    alert_attempts                   3     tries per alert channel and run; then the digest waits for the next run
    alert_urls                       ()    Apprise URLs for compliance staff ([alerts] channels, $LICENSURE_ALERT_URLS)
    autothrottle_target_concurrency  1.0   average parallel requests per site
    concurrent_requests_per_domain   2
    data_dir                         ./licensure-data
    database_url                     sqlite:///<data_dir>/licensure.db
    download_delay                   1.0   seconds between requests to one site
    download_maxsize                 20000000 bytes
    download_timeout                 30    seconds
    engineer_alert_urls              ()    Apprise URLs for source and extraction problems ([alerts] engineers,
                                           $LICENSURE_ENGINEER_ALERT_URLS); without them problems go to alert_urls
    failure_alert_threshold          3     consecutive failed runs before an intermittent fetch failure alerts
    flap_window_days                 30    a value that returns to one seen this recently is a flap (0: off)
    jobs_file                        the bundled jobs/default-jobs.toml   scheduled jobs (schemas/jobs.schema.json)
    jurisdictions_package            tracker.jurisdictions   the package whose modules declare the jurisdictions
                                           (benchmarks/ points it at generated ones)
    lock_wait_minutes                240   how long a run waits for an overlapping run before it gives up (skipped)
    log_retention_days               30    run logs (<data_dir>/logs/run-N-*) older than this are removed (0: keep all)
    on_overlap                       wait  wait | skip: what a run does when another run holds one of its states
    output_dir                       <data_dir>/output
    parallel_jurisdictions           16    jurisdictions crawled at once (each site is still paced on its own)
    retry_backoff                    2.0   seconds before a source's first retry in a run; doubles each retry (max 60)
    retry_times                      3
    stale_after_hours                72    one stale-data alert when a state has not been verified this long (0: off)
    user_agent                       licensure-tracker/<version> (...)
    wording_alert_limit              20    more wording-only changes than this in one run are sent as one summary
                                           (0: no limit)
"""

from __future__ import annotations

import os
import re
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tracker import __version__
from tracker import channels as alert_channels
from tracker.redact import mask_password, redact_url

ENV_PREFIX = "LICENSURE_"
DEFAULT_CONFIG_FILE = "licensure.toml"
OVERLAP_CHOICES = ("wait", "skip")


class ConfigError(Exception):
    """A configuration value or file is wrong; the message names it and the fix."""


@dataclass(frozen=True)
class Settings:
    alert_attempts: int = 3
    alert_urls: tuple[str, ...] = field(default=(), repr=False)  # URLs carry secrets: never in a repr
    autothrottle_target_concurrency: float = 1.0
    concurrent_requests_per_domain: int = 2
    data_dir: Path = Path("licensure-data")
    database_url: str = ""
    download_delay: float = 1.0
    download_maxsize: int = 20_000_000
    download_timeout: float = 30.0
    engineer_alert_urls: tuple[str, ...] = field(default=(), repr=False)
    failure_alert_threshold: int = 3
    flap_window_days: int = 30
    jobs_file: Path | None = None
    jurisdictions_package: str = "tracker.jurisdictions"
    lock_wait_minutes: float = 240.0
    log_retention_days: float = 30.0
    on_overlap: str = "wait"
    output_dir: Path | None = None
    parallel_jurisdictions: int = 16
    retry_backoff: float = 2.0
    retry_times: int = 3
    stale_after_hours: float = 72.0
    user_agent: str = (
        f"licensure-tracker/{__version__} (state licensing-requirements monitor; "
        "contact: operator of this installation)"
    )
    wording_alert_limit: int = 20
    source: str = field(default="defaults", compare=False)

    def __post_init__(self) -> None:
        data_dir = Path(self.data_dir)
        object.__setattr__(self, "data_dir", data_dir)
        if not self.database_url:
            object.__setattr__(self, "database_url", f"sqlite:///{data_dir / 'licensure.db'}")
        out = Path(self.output_dir) if self.output_dir else data_dir / "output"
        object.__setattr__(self, "output_dir", out)
        for name in ("alert_urls", "engineer_alert_urls"):
            object.__setattr__(self, name, tuple(getattr(self, name) or ()))
        for name, low in (
            ("alert_attempts", 1),
            ("failure_alert_threshold", 1),
            ("flap_window_days", 0),
            ("parallel_jurisdictions", 1),
            ("wording_alert_limit", 0),
        ):
            if getattr(self, name) < low:
                raise ConfigError(f"'{name}' must be at least {low}, got {getattr(self, name)}.")
        if self.on_overlap not in OVERLAP_CHOICES:
            raise ConfigError(f"'on_overlap' must be 'wait' or 'skip', got {self.on_overlap!r}.")
        for name in ("lock_wait_minutes", "log_retention_days", "retry_backoff", "stale_after_hours"):
            if getattr(self, name) < 0:
                raise ConfigError(f"'{name}' must be 0 or more, got {getattr(self, name)}.")

    @property
    def httpcache_dir(self) -> Path:
        return self.data_dir / "httpcache"

    def with_overrides(self, **values: Any) -> Settings:
        """Return a copy with the non-None values replaced."""
        given = {k: v for k, v in values.items() if v is not None}
        if "data_dir" in given and "database_url" not in given and self._default_db():
            given["database_url"] = ""
        if "data_dir" in given and "output_dir" not in given:
            given["output_dir"] = None
        return replace(self, **given)

    def _default_db(self) -> bool:
        return self.database_url == f"sqlite:///{self.data_dir / 'licensure.db'}"

    def as_env(self) -> dict[str, str]:
        """These settings as LICENSURE_* variables, so a child process (crawl, scheduled run) uses exactly them.

        Values may hold secrets (database and alert URLs): pass them in a child's
        environment, never on its command line.
        """
        env = {}
        for f in fields(self):
            value = getattr(self, f.name)
            if f.name == "source" or value is None:
                continue
            if isinstance(value, tuple):
                value = " ".join(value)
            elif isinstance(value, Path):
                value = str(value.resolve())
            env[ENV_PREFIX + f.name.upper()] = str(value)
        if self.database_url.startswith("sqlite:///") and not self.database_url.startswith("sqlite:////"):
            path, sep, query = self.database_url.removeprefix("sqlite:///").partition("?")
            if path and path != ":memory:":  # a child may run in another directory: make the file absolute
                env[ENV_PREFIX + "DATABASE_URL"] = f"sqlite:///{Path(path).expanduser().resolve()}{sep}{query}"
        if self.source != "defaults" and Path(self.source).is_file():
            env[ENV_PREFIX + "CONFIG"] = str(Path(self.source).resolve())  # its other sections ([alerts])
        return env


_FIELDS = {f.name: f for f in fields(Settings) if f.name != "source"}


def _coerce(name: str, raw: Any, origin: str) -> Any:
    kind = _FIELDS[name].type
    try:
        if kind in ("int",):
            return int(raw)
        if kind in ("float",):
            return float(raw)
        if kind in ("Path", "Path | None"):
            return Path(str(raw)).expanduser()
        if kind == "tuple[str, ...]":  # a TOML list, or URLs separated by spaces or newlines
            items = raw if isinstance(raw, list) else str(raw).split()
            if not all(isinstance(i, str) for i in items):
                raise TypeError
            return tuple(i.strip() for i in items if i.strip())
        return str(raw)
    except (TypeError, ValueError):
        if kind == "tuple[str, ...]":  # never echo alert URLs: they hold secrets
            raise ConfigError(f"{origin}: '{name}' must be a list of URL strings.") from None
        raise ConfigError(f"{origin}: '{name}' must be a {kind}, got {raw!r}.") from None


def toml_line(text: str, table: tuple[str, ...] = (), key: str | None = None) -> int | None:
    """The 1-based line of `key` in TOML table `table` (or of the table's header when key is None), or None.

    A plain line scan, good for the files people write by hand: `[a.b]` / `[a."b"]` headers and
    `key = value` lines; a table declared some other way (inline, dotted keys) is simply not found.
    """

    def norm(part: str) -> str:
        return part.strip().strip('"').strip("'")

    want = tuple(norm(t) for t in table)
    current: tuple[str, ...] = ()
    header_line = None if want else 0
    sub_table = None  # `key` written as a table of its own: [key] or [[key]]
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        header = re.match(r"^\[\[?\s*([^\[\]]+?)\s*\]\]?\s*(#.*)?$", stripped)
        if header:
            current = tuple(norm(p) for p in header.group(1).split("."))
            if current == want:
                header_line = number
                if key is None:
                    return number
            if key is not None and sub_table is None and current == (*want, key):
                sub_table = number
            continue
        if key is not None and current == want:
            found = re.match(r"^([A-Za-z0-9_-]+|\"[^\"]*\"|'[^']*')\s*[=.]", stripped)  # key = or key.sub =
            if found and norm(found.group(1)) == key:
                return number
    return header_line if key is None else sub_table


def toml_error_line(exc: tomllib.TOMLDecodeError, doc: str | None = None) -> tuple[int | None, int | None, str]:
    """(line, column, message) of a TOML syntax error (Python 3.14 has the attributes; 3.11 only the text)."""
    text = str(exc)
    found = re.search(r"\(at line (\d+), column (\d+)\)", text)
    line = getattr(exc, "lineno", None) or (int(found.group(1)) if found else None)
    if line is None and "end of document" in text and doc is not None:
        line = max(len(doc.splitlines()), 1)
    column = getattr(exc, "colno", None) or (int(found.group(2)) if found else None)
    message = getattr(exc, "msg", None) or re.sub(r"\s*\(at (line \d+, column \d+|end of document)\)", "", text)
    return line, column, message


def _where(path: Path, text: str, table: tuple[str, ...], key: str) -> str:
    line = toml_line(text, table, key)
    return f"Config file {path}, line {line}" if line else f"Config file {path}"


def _check_urls(settings_values: dict[str, Any], origins: dict[str, str], apprise_check: bool = True) -> None:
    """Reject a database or alert URL that is not a URL at all, naming where it came from (never echoing secrets).

    With `apprise_check`, each alert URL must also be one Apprise can send to (an invalid one would only be
    found at delivery, retried every run while compliance email never arrives).
    """
    url = settings_values.get("database_url")
    if url:
        from sqlalchemy.engine import make_url
        from sqlalchemy.exc import ArgumentError

        try:
            make_url(url)
        except (ArgumentError, ValueError):
            shown = mask_password(url)  # a password, even in a mangled URL
            raise ConfigError(
                f"{origins['database_url']}, field 'database_url': {shown!r} is not a database URL; use "
                "sqlite:///path/to/file.db or postgresql+psycopg://user:password@host/dbname."
            ) from None
    for key, name in alert_channels.config_keys().items():
        for i, item in enumerate(settings_values.get(name) or ()):
            if not re.match(r"^[A-Za-z][A-Za-z0-9+.-]*://\S", item):
                field_ = f"[alerts] {key}" if origins.get(name, "").startswith("Config file") else name
                shown = redact_url(item)
                what = f"item {i + 1} ({shown})" if shown != "***" else f"item {i + 1}"
                raise ConfigError(
                    f"{origins[name]}, field '{field_}': {what} is not an alert "
                    "channel URL; write an Apprise URL such as mailtos://user:password@smtp.example.org"
                    "?to=you@example.org or json://hooks.example.org/alerts."
                )
            why = alert_channels.url_problem(item) if apprise_check else None
            if why:
                field_ = f"[alerts] {key}" if origins.get(name, "").startswith("Config file") else name
                raise ConfigError(
                    f"{origins[name]}, field '{field_}': item {i + 1} ({redact_url(item)}) is refused: {why}; "
                    "see https://github.com/caronc/apprise/wiki for the URL each service takes."
                )


def _read_toml(path: Path) -> tuple[str, dict[str, Any]]:
    """The config file's text and its parsed TOML; a syntax error names the line, column and field."""
    if not path.is_file():
        raise ConfigError(f"Config file {path} does not exist; create it or drop --config.")
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"Config file {path} cannot be read: {exc}.") from None
    try:
        return text, tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column, said = toml_error_line(exc, text)
        at = f" at line {line}" + (f", column {column}" if column else "") if line else ""
        bad = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
        named = re.match(r"^\s*([A-Za-z0-9_-]+)\s*=", bad)
        field_ = f" (field '{named.group(1)}')" if named else ""
        raise ConfigError(f"Config file {path} is not valid TOML{at}{field_}: {said}; fix the syntax.") from None


def _alert_values(
    path: Path,
    text: str,
    alerts: Any,
    tables: tuple[tuple[str, ...], tuple[str, ...]],
    values: dict[str, Any],
    origins: dict[str, str],
) -> None:
    """The [alerts] section: one list of URLs per channel kind that takes them (`tables`: the settings' table
    and the [alerts] table, for the line numbers)."""
    alert_keys = alert_channels.config_keys()
    table, alerts_table = tables
    if not isinstance(alerts, dict):
        raise ConfigError(
            f"{_where(path, text, table, 'alerts')}: [alerts] must be a section with "
            f"{' and '.join(repr(k) for k in alert_keys)} lists."
        )
    for key, raw in alerts.items():
        where = _where(path, text, alerts_table, key)
        if key not in alert_keys:
            raise ConfigError(f"{where}: unknown key '{key}' in [alerts]; known keys: {', '.join(alert_keys)}.")
        values[alert_keys[key]] = _coerce(alert_keys[key], raw, f"{where}, [alerts] '{key}'")
        origins[alert_keys[key]] = where


def _file_values(path: Path, values: dict[str, Any], origins: dict[str, str]) -> None:
    """The settings the config file gives (top level or a [licensure] section, and [alerts]), with their lines."""
    text, data = _read_toml(path)
    in_section = "licensure" in data and isinstance(data["licensure"], dict)
    section = data["licensure"] if in_section else data
    table = ("licensure",) if in_section else ()
    alerts_table = ("alerts",) if "alerts" in data else (*table, "alerts")
    alerts = data.get("alerts", section.get("alerts", {}))
    _alert_values(path, text, alerts, (table, alerts_table), values, origins)
    for key, raw in section.items():
        if isinstance(raw, dict):
            continue  # other sections (alerts, jobs) are read by their owners
        where = _where(path, text, table, key)
        if key not in _FIELDS:
            known = ", ".join(sorted(_FIELDS))
            raise ConfigError(f"{where}: unknown setting '{key}'; known settings: {known}.")
        values[key] = _coerce(key, raw, where)
        origins[key] = where


def load_settings(
    config_file: str | Path | None = None, env: dict[str, str] | None = None, *, check_alert_urls: bool = True
) -> Settings:
    """Build the settings from defaults, the TOML file and the environment.

    Every error names where the bad value came from: the file, the line and the field
    (or the environment variable), and what to write instead. `check_alert_urls=False` skips asking
    Apprise about the alert URLs (the crawl subprocess sends no alert; its parent checked them).
    """
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    origins: dict[str, str] = {}  # setting -> "Config file X, line N" or "$LICENSURE_X"
    origin = "defaults"
    path = config_file or env.get(ENV_PREFIX + "CONFIG")
    if not path and Path(DEFAULT_CONFIG_FILE).is_file():
        path = DEFAULT_CONFIG_FILE
    if path:
        path = Path(path)
        _file_values(path, values, origins)
        origin = str(path)
    for name in _FIELDS:
        raw = env.get(ENV_PREFIX + name.upper())
        if raw:
            values[name] = _coerce(name, raw, f"${ENV_PREFIX}{name.upper()}")
            origins[name] = f"${ENV_PREFIX}{name.upper()}"
    _check_urls(values, origins, check_alert_urls)
    try:
        return Settings(**values, source=origin)
    except ConfigError as exc:
        named = re.match(r"^'(\w+)'", str(exc))
        if named and named.group(1) in origins:
            raise ConfigError(f"{origins[named.group(1)]}: {exc}") from None
        raise
