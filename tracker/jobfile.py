"""The jobs file: which jurisdictions are checked when, in which time zone, and who is told.

A TOML file validated against `schemas/jobs.schema.json`, then checked
further: every cron expression, time zone, jurisdiction code, group and
channel must be real. Every error names the file, the job and the field, so
a bad file stops `licensure schedule` (or `run --due`) before anything runs.

Cron expressions are standard crontab (0 or 7 = Sunday). APScheduler 3.x
numbers weekdays from Monday, so numeric weekdays are translated to names
before they reach it (`crontab_trigger`).
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from apscheduler.triggers.cron import CronTrigger
from jsonschema.exceptions import best_match

import schemas
from tracker import channels as alert_channels
from tracker import registry
from tracker.config import Settings, toml_error_line, toml_line

SCHEMA_NAME = "jobs"
DEFAULT_MISFIRE_GRACE_MINUTES = 720

_CRON_DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]  # crontab numbering: 0 (and 7) = Sunday
_APS_DAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]  # APScheduler 3.x order


class JobsFileError(Exception):
    """The jobs file is missing or wrong; the message names the file, the job, the field and the fix."""


def default_jobs_file() -> Path:
    import jobs

    return Path(jobs.__file__).resolve().parent / "default-jobs.toml"


def jobs_file_path(settings: Settings) -> Path:
    return Path(settings.jobs_file) if settings.jobs_file else default_jobs_file()


def _day_number(token: str) -> int:
    token = token.strip().lower()
    if token.isdigit():
        value = int(token)
        if not 0 <= value <= 7:
            raise ValueError(f"day-of-week {value} is out of range 0-7")
        return value % 7
    if token in _CRON_DAYS:
        return _CRON_DAYS.index(token)
    raise ValueError(f"{token!r} is not a day of the week (use 0-7 or sun-sat)")


def _days_of_week(field: str) -> str:
    """A crontab day-of-week field as APScheduler weekday names ('*' stays '*')."""
    if field in ("*", "?"):
        return "*"
    days: set[int] = set()
    for part in field.split(","):
        rng, _, step_text = part.partition("/")
        step = int(step_text) if step_text else 1
        if step_text and (not step_text.isdigit() or step < 1):
            raise ValueError(f"step {step_text!r} in the day-of-week field must be a positive number")
        if rng == "*":
            first, last = 0, 6
        elif "-" in rng:
            a, b = rng.split("-", 1)
            first, last = _day_number(a), _day_number(b)
            if b.strip() == "7":
                last = 7
            if last < first:
                raise ValueError(f"day-of-week range {rng!r} runs backwards")
        else:
            first = last = _day_number(rng)
        days.update(d % 7 for d in range(first, last + 1, step))
    return ",".join(_APS_DAYS[(d - 1) % 7] for d in sorted(days, key=lambda d: (d - 1) % 7))


def crontab_trigger(expr: str, timezone: str) -> CronTrigger:
    """An APScheduler trigger for a standard five-field crontab expression in a time zone.

    Raises ValueError (bad expression) or ZoneInfoNotFoundError (unknown zone).
    """
    tz = ZoneInfo(timezone)
    fields_ = expr.split()
    if len(fields_) != 5:
        raise ValueError(f"it has {len(fields_)} field(s); a crontab expression has 5")
    minute, hour, day, month, dow = fields_
    if day not in ("*", "?") and dow not in ("*", "?"):
        raise ValueError(
            "it restricts both day-of-month and day-of-week; restrict one of them (cron and "
            "APScheduler disagree on what both means)"
        )
    return CronTrigger(
        minute=minute, hour=hour, day=day.replace("?", "*"), month=month, day_of_week=_days_of_week(dow), timezone=tz
    )


@dataclass(frozen=True)
class JobSpec:
    """One job, as declared (and checked) in the jobs file."""

    name: str
    jurisdictions: tuple[str, ...]  # resolved USPS codes
    selector: Any  # as written: "all", a group name, or a list of codes
    cron: str
    timezone: str
    channels: tuple[str, ...] | None  # None: every configured channel
    misfire_grace_minutes: int = DEFAULT_MISFIRE_GRACE_MINUTES
    enabled: bool = True
    description: str = ""

    def trigger(self) -> CronTrigger:
        return crontab_trigger(self.cron, self.timezone)

    def selected(self) -> list[registry.Jurisdiction]:
        """The jurisdictions to check, resolved now ("all" includes jurisdictions added since the file was read)."""
        if self.selector == "all":
            return registry.select("all")
        return registry.select(list(self.jurisdictions))

    @property
    def selector_text(self) -> str:
        if isinstance(self.selector, list):
            return ",".join(c.upper() for c in self.selector)
        return str(self.selector)


@dataclass(frozen=True)
class JobsFile:
    path: Path
    groups: dict[str, tuple[str, ...]]
    jobs: tuple[JobSpec, ...]

    def get(self, name: str) -> JobSpec:
        for job in self.jobs:
            if job.name == name:
                return job
        names = ", ".join(j.name for j in self.jobs) or "none"
        raise JobsFileError(f"{self.path}: there is no job {name!r}; the jobs are: {names}.")

    @property
    def enabled(self) -> list[JobSpec]:
        return [j for j in self.jobs if j.enabled]


def _where(path: Path, parts: list[Any]) -> str:
    """'job 'daily', field 'cron'' style location from a schema error path."""
    if len(parts) >= 2 and parts[0] == "jobs":
        where = f"job {parts[1]!r}"
        if len(parts) >= 3:
            where += f", field {parts[2]!r}"
            if len(parts) >= 4:
                where += f" item {parts[3]}"
        return where
    if len(parts) >= 2 and parts[0] == "groups":
        return f"group {parts[1]!r}" + (f" item {parts[2]}" if len(parts) >= 3 else "")
    return "the top level" if not parts else "field " + ".".join(str(p) for p in parts)


_HINTS = {
    "jurisdictions": 'use "all", a list of USPS codes such as ["WA", "CA"], or the name of a group from [groups]',
    "cron": 'use five fields: minute hour day-of-month month day-of-week, e.g. "30 4 * * *"',
    "timezone": "use an IANA time zone name such as America/New_York or UTC",
    "channels": f"use a list of channel names from: {', '.join(alert_channels.kinds())}",
    "misfire_grace_minutes": "use a whole number of minutes, 0 or more",
    "enabled": "use true or false",
}


def _schema_message(path: Path, err: Any) -> str:
    parts = list(err.absolute_path)
    where = _where(path, parts)
    if err.validator == "additionalProperties" and parts[:1] == ["jobs"] and len(parts) == 2:
        known = ", ".join(schemas.load(SCHEMA_NAME)["$defs"]["job"]["properties"])
        return f"{path}: {where}: {err.message}; the fields a job may have are: {known}."
    if err.validator == "additionalProperties" and not parts:
        return f"{path}: {err.message}; the file may have [groups] and [jobs.<name>] tables only."
    if err.validator == "required":
        missing = re.findall(r"'([^']+)' is a required property", err.message)
        field_ = missing[0] if missing else "?"
        hint = _HINTS.get(field_, "")
        if parts[:1] == ["jobs"]:
            return f"{path}: {where}, field {field_!r}: missing; {hint or 'add it'}."
        return f"{path}: no [jobs.<name>] table; declare at least one job (see jobs/default-jobs.toml)."
    if err.validator == "propertyNames" or (parts == [] and "does not match" in err.message):
        return f"{path}: {err.message}: job and group names are lowercase letters, digits and hyphens."
    if "propertyNames" in list(err.schema_path):
        return (
            f"{path}: name {err.instance!r} is not allowed: job and group names are lowercase letters, digits "
            "and hyphens (and a group may not be called 'all')."
        )
    field_ = parts[2] if len(parts) >= 3 and parts[0] == "jobs" else None
    hint = _HINTS.get(field_ or "", "")
    value = err.instance
    return f"{path}: {where}: {value!r} is not valid ({err.message}){'; ' + hint if hint else ''}."


def _at_line(message: str, text: str | None, table: tuple[str, ...], key: str | None = None) -> str:
    """The message with the line of `key` in `table` (or of the table's header) added, when it can be found."""
    if not text:
        return message
    line = toml_line(text, table, key) if key is not None else None
    line = line or toml_line(text, table)
    return f"{message.rstrip('.')} (line {line})." if line else message


def _schema_table(parts: list[Any]) -> tuple[tuple[str, ...], str | None]:
    """Where a schema error points in the file: (the table, the key in it)."""
    if len(parts) >= 2 and parts[0] in ("jobs", "groups"):
        if parts[0] == "jobs":
            return ("jobs", str(parts[1])), str(parts[2]) if len(parts) >= 3 else None
        return ("groups",), str(parts[1])
    return (), str(parts[0]) if parts else None


@dataclass
class _Checker:
    """Checks one jobs file's parts; each error names the file, the job or group, the field and its line."""

    path: Path
    text: str | None
    settings: Settings | None
    known: dict[str, Any]

    def fail(self, message: str, table: tuple[str, ...], key: str | None = None) -> NoReturn:
        raise JobsFileError(_at_line(message, self.text, table, key)) from None

    def schema(self, data: dict[str, Any]) -> None:
        error = best_match(schemas.validator(SCHEMA_NAME).iter_errors(data))  # the most specific error first
        if error is not None:
            table, key = _schema_table(list(error.absolute_path))
            if error.validator == "additionalProperties":
                extra = re.findall(r"'([^']+)' was unexpected", error.message)
                key = extra[0] if extra else key
            self.fail(_schema_message(self.path, error), table, key)

    def groups(self, declared: dict[str, list[str]]) -> dict[str, tuple[str, ...]]:
        groups: dict[str, tuple[str, ...]] = {}
        for gname, codes in declared.items():
            unknown = [c for c in codes if c.upper() not in self.known]
            if unknown:
                self.fail(
                    f"{self.path}: group {gname!r}: unknown jurisdiction {unknown[0]!r}; "
                    f"known codes: {', '.join(self.known)}.",
                    ("groups",),
                    gname,
                )
            groups[gname] = tuple(c.upper() for c in codes)
        return groups

    def codes(self, name: str, selector: str | list[str], groups: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
        """The jurisdictions a job's `jurisdictions` field selects: "all", a list of codes, or a group."""
        where = f"{self.path}: job {name!r}, field 'jurisdictions'"
        if selector == "all":
            return tuple(self.known)
        if isinstance(selector, list):
            unknown = [c for c in selector if c.upper() not in self.known]
            if unknown:
                self.fail(
                    f"{where}: unknown jurisdiction {unknown[0]!r}; known codes: {', '.join(self.known)}.",
                    ("jobs", name),
                    "jurisdictions",
                )
            return tuple(c.upper() for c in selector)
        if selector in groups:
            return groups[selector]
        names = ", ".join(groups) or "none are declared"
        self.fail(
            f'{where}: {selector!r} is not "all" and not a group (groups: {names}); {_HINTS["jurisdictions"]}.',
            ("jobs", name),
            "jurisdictions",
        )

    def schedule(self, name: str, raw: dict[str, Any]) -> None:
        where = f"{self.path}: job {name!r}"
        try:
            ZoneInfo(raw["timezone"])
        except (ZoneInfoNotFoundError, ValueError):
            self.fail(
                f"{where}, field 'timezone': unknown time zone {raw['timezone']!r}; {_HINTS['timezone']}.",
                ("jobs", name),
                "timezone",
            )
        try:
            crontab_trigger(raw["cron"], raw["timezone"])
        except ValueError as exc:
            self.fail(
                f"{where}, field 'cron': {raw['cron']!r} is not a valid cron expression: {exc}; {_HINTS['cron']}.",
                ("jobs", name),
                "cron",
            )

    def channels(self, name: str, channels: list[str] | None) -> None:
        for channel in channels or ():
            problem = alert_channels.problem(channel, self.settings)
            if problem:
                self.fail(f"{self.path}: job {name!r}, field 'channels': {problem}.", ("jobs", name), "channels")


def parse_jobs(data: dict[str, Any], path: Path, settings: Settings | None = None, text: str | None = None) -> JobsFile:
    """Check the parsed TOML against the schema and the registry; raise JobsFileError naming job and field.

    With the file's `text`, every error also gives the line of the field (or of the job's table).
    """
    check = _Checker(path, text, settings, registry.all_jurisdictions())
    check.schema(data)
    groups = check.groups(data.get("groups") or {})
    specs = []
    for name, raw in data["jobs"].items():
        codes = check.codes(name, raw["jurisdictions"], groups)
        check.schedule(name, raw)
        channels = raw.get("channels")
        check.channels(name, channels)
        specs.append(
            JobSpec(
                name=name,
                jurisdictions=codes,
                selector=raw["jurisdictions"],
                cron=raw["cron"],
                timezone=raw["timezone"],
                channels=tuple(channels) if channels is not None else None,
                misfire_grace_minutes=raw.get("misfire_grace_minutes", DEFAULT_MISFIRE_GRACE_MINUTES),
                enabled=raw.get("enabled", True),
                description=raw.get("description", ""),
            )
        )
    return JobsFile(path=path, groups=groups, jobs=tuple(specs))


def load_jobs(settings: Settings, path: str | Path | None = None) -> JobsFile:
    """Read and check the jobs file (`path`, else the `jobs_file` setting, else the bundled default)."""
    path = Path(path) if path else jobs_file_path(settings)
    if not path.is_file():
        raise JobsFileError(
            f"Jobs file {path} does not exist; create it (see jobs/default-jobs.toml) or fix the jobs_file setting."
        )
    try:
        text = path.read_text(encoding="utf-8")
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        line, column, said = toml_error_line(exc, text)
        at = f" at line {line}" + (f", column {column}" if column else "") if line else ""
        raise JobsFileError(f"Jobs file {path} is not valid TOML{at}: {said}; fix the syntax.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise JobsFileError(f"Jobs file {path} cannot be read: {exc}.") from None
    return parse_jobs(data, path, settings, text)
