"""The one settings object.

Values come from, lowest priority first: the defaults below, a TOML file
(`--config FILE`, `$LICENSURE_CONFIG`, or `./licensure.toml` if present),
environment variables `LICENSURE_<NAME>`, and command-line options.
Nothing else in the project reads the environment for settings.

Defaults (keep alphabetical; every one is documented in README "Configuration"):

    autothrottle_target_concurrency  1.0   average parallel requests per site
    concurrent_requests_per_domain   2
    data_dir                         ./licensure-data
    database_url                     sqlite:///<data_dir>/licensure.db
    download_delay                   1.0   seconds between requests to one site
    download_maxsize                 20000000 bytes
    download_timeout                 30    seconds
    output_dir                       <data_dir>/output
    retry_times                      3
    user_agent                       licensure-tracker/<version> (...)
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from tracker import __version__

ENV_PREFIX = "LICENSURE_"
DEFAULT_CONFIG_FILE = "licensure.toml"


class ConfigError(Exception):
    """A configuration value or file is wrong; the message names it and the fix."""


@dataclass(frozen=True)
class Settings:
    autothrottle_target_concurrency: float = 1.0
    concurrent_requests_per_domain: int = 2
    data_dir: Path = Path("licensure-data")
    database_url: str = ""
    download_delay: float = 1.0
    download_maxsize: int = 20_000_000
    download_timeout: float = 30.0
    output_dir: Path | None = None
    retry_times: int = 3
    user_agent: str = (
        f"licensure-tracker/{__version__} (state licensing-requirements monitor; "
        "contact: operator of this installation)"
    )
    source: str = field(default="defaults", compare=False)

    def __post_init__(self) -> None:
        data_dir = Path(self.data_dir)
        object.__setattr__(self, "data_dir", data_dir)
        if not self.database_url:
            object.__setattr__(self, "database_url", f"sqlite:///{data_dir / 'licensure.db'}")
        out = Path(self.output_dir) if self.output_dir else data_dir / "output"
        object.__setattr__(self, "output_dir", out)

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
        return str(raw)
    except (TypeError, ValueError):
        raise ConfigError(f"{origin}: '{name}' must be a {kind}, got {raw!r}.") from None


def load_settings(config_file: str | Path | None = None, env: dict[str, str] | None = None) -> Settings:
    """Build the settings from defaults, the TOML file and the environment."""
    env = dict(os.environ if env is None else env)
    values: dict[str, Any] = {}
    origin = "defaults"
    path = config_file or env.get(ENV_PREFIX + "CONFIG")
    if not path and Path(DEFAULT_CONFIG_FILE).is_file():
        path = DEFAULT_CONFIG_FILE
    if path:
        path = Path(path)
        if not path.is_file():
            raise ConfigError(f"Config file {path} does not exist; create it or drop --config.")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"Config file {path} is not valid TOML: {exc}.") from None
        section = data.get("licensure", data)
        for key, raw in section.items():
            if isinstance(raw, dict):
                continue  # other sections (alerts, jobs) are read by their owners
            if key not in _FIELDS:
                known = ", ".join(sorted(_FIELDS))
                raise ConfigError(f"Config file {path}: unknown setting '{key}'; known settings: {known}.")
            values[key] = _coerce(key, raw, str(path))
        origin = str(path)
    for name in _FIELDS:
        raw = env.get(ENV_PREFIX + name.upper())
        if raw:
            values[name] = _coerce(name, raw, f"${ENV_PREFIX}{name.upper()}")
    return Settings(**values, source=origin)
