"""Page readings kept per content hash, so a run reads only the pages that changed.

A jurisdiction's record is built from every one of its pages, but what one
page says (its findings, passages and whether it speaks of medical
assistants: `tracker.normalize.PageReading`) depends only on that page. So a
run that finds one page of a hundred changed reads that one page and takes
the other ninety-nine readings from here, instead of parsing a hundred pages.

The readings live in `<data_dir>/readings/`, one small compressed file per
(content hash, source, normalizer code). They are a cache: the raw bodies in
the database stay the truth, a missing or unreadable file is read again from
the stored body, and deleting the directory only costs time. The key includes
a fingerprint of the normalizer's code and of the jurisdiction's declaration
module, so editing a rule never reuses an old reading.

Besides one file per page, each jurisdiction has a bundle
(`<data_dir>/readings/bundles/<code>-<profession>.bin`) holding the readings
of the pages its last assembled record was built from: a state with a
hundred pages and one changed costs one file read, not a hundred.
"""

from __future__ import annotations

import hashlib
import importlib.util
import marshal
import os
import zlib
from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache
from pathlib import Path

from tracker.normalize import Candidate, Page, PageReading, engine_signature, read_page
from tracker.registry import Jurisdiction

FORMAT = 3


@cache
def _normalizer_fingerprint() -> str:
    digest = hashlib.sha256()
    folder = Path(__file__).resolve().parent / "normalize"
    for path in sorted(folder.glob("*.py")):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


@cache
def _jurisdiction_fingerprint(module: str, code: str) -> str:
    try:
        spec = importlib.util.find_spec(module)
        origin = spec.origin if spec else None
        data = Path(origin).read_bytes() if origin else b""
    except (ImportError, OSError, ValueError):
        data = b""
    return hashlib.sha256(code.encode() + b"\0" + data).hexdigest()[:16]


def reading_key(jur: Jurisdiction, page: Page, package: str | None = None) -> str:
    """What a page's reading depends on: its content, identity and the code that reads it."""
    if package is None:
        from tracker import registry

        package = registry.package_name()
    signature = "/".join(engine_signature(jur))
    parts = (
        str(FORMAT),
        signature,
        _normalizer_fingerprint(),
        _jurisdiction_fingerprint(f"{package}.{jur.slug}", jur.code),
        page.content_hash,
        page.source_id,
        page.kind,
        page.content_type or "",
        page.url,
    )
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _plain(reading: PageReading) -> tuple:
    cands = [
        (c.field, c.value, c.conditions, c.weight, c.source_id, c.kind, c.excerpt, c.order, c.read)
        for c in reading.candidates
    ]
    return (cands, list(reading.passages), reading.about_profession, list(reading.warnings))


def _reading(plain: tuple) -> PageReading:
    cands, passages, about, warnings = plain
    return PageReading(tuple(Candidate(*c) for c in cands), tuple(passages), bool(about), tuple(warnings))


def _dump(reading: PageReading) -> bytes:
    return zlib.compress(marshal.dumps((FORMAT, *_plain(reading))), 1)


def _load(data: bytes) -> PageReading | None:
    try:
        fmt, *plain = marshal.loads(zlib.decompress(data))
        if fmt != FORMAT:
            return None
        return _reading(tuple(plain))
    except (ValueError, EOFError, TypeError, zlib.error):
        return None


def _load_bundle(data: bytes) -> dict[str, tuple]:
    try:
        fmt, entries = marshal.loads(zlib.decompress(data))
    except (ValueError, EOFError, TypeError, zlib.error):
        return {}
    return entries if fmt == FORMAT and isinstance(entries, dict) else {}


class Readings:
    """Readings on disk under `folder`; counts what it read and what it reused."""

    def __init__(self, folder: Path | None) -> None:
        from tracker import registry

        self.folder = Path(folder) if folder is not None else None
        self.package = registry.package_name()  # once, not per page (it may read the settings)
        self.read = 0  # pages parsed in this process
        self.reused = 0

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / f"{key}.bin"

    def get(self, jur: Jurisdiction, page: Page, load_body: Callable[[str], bytes]) -> PageReading:
        """The page's reading: from disk if kept, else read from its body (loaded only then) and kept.

        `page.body` may be empty: the body is loaded with `load_body(content_hash)` only when needed.
        Raises ExtractionError if the page cannot be read, LookupError if its body is not stored.
        """
        key = reading_key(jur, page, self.package) if self.folder is not None else ""
        return self._get(jur, page, load_body, key)

    def _get(self, jur: Jurisdiction, page: Page, load_body: Callable[[str], bytes], key: str) -> PageReading:
        if self.folder is not None:
            try:
                found = _load(self._path(key).read_bytes())
            except OSError:
                found = None
            if found is not None:
                self.reused += 1
                return found
        full = page if page.body else replace(page, body=load_body(page.content_hash))
        reading = read_page(jur, full)
        self.read += 1
        if self.folder is not None:
            self._keep(key, reading)
        return reading

    def _keep(self, key: str, reading: PageReading) -> None:
        _write_atomic(self._path(key), _dump(reading))

    def _bundle_path(self, jur: Jurisdiction) -> Path:
        assert self.folder is not None
        return self.folder / "bundles" / f"{jur.code}-{jur.profession}.bin"

    def read_all(
        self, jur: Jurisdiction, pages: Sequence[Page], load_body: Callable[[str], bytes]
    ) -> list[PageReading]:
        """Every page's reading, in order: from the jurisdiction's bundle, else one by one (then the bundle is
        rewritten)."""
        if self.folder is None:
            return [self.get(jur, p, load_body) for p in pages]
        try:
            bundle = _load_bundle(self._bundle_path(jur).read_bytes())
        except OSError:
            bundle = {}
        keys = [reading_key(jur, p, self.package) for p in pages]
        out: list[PageReading] = []
        missed = False
        for key, page in zip(keys, pages, strict=True):
            plain = bundle.get(key)
            if plain is not None:
                try:
                    out.append(_reading(plain))
                    self.reused += 1
                    continue
                except (TypeError, ValueError):
                    pass
            missed = True
            out.append(self._get(jur, page, load_body, key))
        if missed or len(bundle) != len(keys):
            entries = {key: _plain(r) for key, r in zip(keys, out, strict=True)}
            _write_atomic(self._bundle_path(jur), zlib.compress(marshal.dumps((FORMAT, entries)), 1))
        return out


def _write_atomic(path: Path, data: bytes) -> None:
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        os.replace(tmp, path)
    except (OSError, ValueError):
        pass  # a cache: failing to keep a reading only costs a re-read next time
