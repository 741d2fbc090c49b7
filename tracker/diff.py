"""Field-level diff between two requirement records (pure functions).

Only *values* are compared, never the wording of evidence or the page
markup, so a redesign that states the same rules produces no field change.
Each change is classified:

- requirement: a material rule changed (with a direction where the field allows);
- administrative: a regulator's name or URL;
- text: a source's content changed but no field did (reviewers may read the page);
- extraction: a value that was found is now missing (usually the normalizer or
  the page broke, not the law) - for engineers, not compliance staff.

Fetch problems are not diffs; the run pipeline records them.

The record has no fee, address, phone or form-URL fields (see the schema), so
administrative changes are the regulators' names and URLs and moved sources.

`against_history` then applies noise control with the field's recent values
(flaps, values readable again), and `word_diff` marks the words that differ
between two evidence excerpts for the reports.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Any

UNKNOWN = ("unknown", "unaddressed", "unspecified")

CREDENTIAL_ORDER = {"none": 0, "training": 1, "registration": 2, "certification": 3, "license": 4}
TASK_ORDER = {"allowed": 0, "conditional": 1, "prohibited": 2}
SUPERVISION_ORDER = {"general": 0, "onsite": 1, "direct": 2}

LABELS = {
    "credential.requirement": "Credential requirement",
    "credential.state_credentials": "State-issued credentials",
    "credential.national_certifications": "Recognised national certifications",
    "education.accreditors": "Program accreditors",
    "education.min_clock_hours": "Minimum program clock hours",
    "education.externship_hours": "Externship hours",
    "education.exam": "Exam",
    "education.alternatives": "Alternative pathways",
    "supervision": "Supervision level",
    "citations": "Citations",
    "regulators": "Regulators",
}


def label(path: str) -> str:
    if path in LABELS:
        return LABELS[path]
    if path.startswith("tasks."):
        _, task, part = (path.split(".") + [""])[:3]
        name = {"iv": "IV therapy", "xray": "X-ray", "medication_administration": "Medication administration"}.get(
            task, task.replace("_", " ").capitalize()
        )
        return f"{name}: {'conditions' if part == 'conditions' else 'status'}"
    if path.startswith("sources."):
        return f"Source {path.split('.', 1)[1]}"
    return path


@dataclass(frozen=True)
class Value:
    value: Any
    evidence: list[dict[str, str]] = field(default_factory=list, compare=False)
    # for a list of things (citations, state credentials): each item's own evidence, so a change can show
    # the sentences of the items it added or removed rather than the list's first few
    items: dict[str, list[dict[str, str]]] | None = field(default=None, compare=False)


def _names(items: Any) -> Any:
    if not isinstance(items, list):
        return items
    return sorted(i.get("abbreviation") or i.get("name") for i in items)


def flatten(record: dict[str, Any]) -> dict[str, Value]:
    """The comparable values of a record, keyed by field path."""
    out: dict[str, Value] = {}
    cred = record["credential"]
    out["credential.requirement"] = Value(cred["requirement"]["value"], cred["requirement"]["evidence"])
    creds = cred["state_credentials"]["value"]
    out["credential.state_credentials"] = Value(
        _names(creds),
        cred["state_credentials"]["evidence"],
        {i.get("abbreviation") or i.get("name"): i.get("evidence", []) for i in creds}
        if isinstance(creds, list)
        else None,
    )
    nat = cred["national_certifications"]["value"]
    out["credential.national_certifications"] = Value(
        sorted(nat) if isinstance(nat, list) else nat, cred["national_certifications"]["evidence"]
    )
    for key, fact in record["education"].items():
        val = fact["value"]
        out[f"education.{key}"] = Value(sorted(val) if isinstance(val, list) else val, fact["evidence"])
    out["supervision"] = Value(record["supervision"]["value"], record["supervision"]["evidence"])
    for task, fact in record["tasks"].items():
        out[f"tasks.{task}.status"] = Value(fact["status"], fact["evidence"])
        conditions = {k: (sorted(v) if isinstance(v, list) else v) for k, v in fact["conditions"].items()}
        if fact["status"] == "conditional" or conditions:
            out[f"tasks.{task}.conditions"] = Value(conditions, fact["evidence"])
    out["citations"] = Value(
        sorted(c["identifier"] for c in record["citations"]) or "unknown",
        [e for c in record["citations"] for e in c["evidence"][:1]],
        {c["identifier"]: c["evidence"] for c in record["citations"]},
    )
    out["regulators"] = Value(sorted(f"{r['name']} <{r['url']}>" for r in record["regulators"]))
    return out


def read_of(record: dict[str, Any] | None, path: str) -> str:
    """How the value at a field path (as `flatten` names it) was read: "stated" or "inferred".

    Records of schema 1.0.0 carry no `read`: their values read as stated.
    Citations are inferred when any cited identifier is; other paths
    (regulators, sources) are always stated. `read` is never compared: a
    change of how a value was read alone is no field change.
    """
    if not record:
        return "stated"
    parts = path.split(".")
    fact: Any = None
    if parts[0] in ("credential", "education") and len(parts) == 2:
        fact = record.get(parts[0], {}).get(parts[1])
    elif parts[0] == "supervision":
        fact = record.get("supervision")
    elif parts[0] == "tasks" and len(parts) >= 2:
        fact = record.get("tasks", {}).get(parts[1])
    elif parts[0] == "citations":
        return "inferred" if any(c.get("read") == "inferred" for c in record.get("citations", [])) else "stated"
    return "inferred" if isinstance(fact, dict) and fact.get("read") == "inferred" else "stated"


def values_hash(record: dict[str, Any]) -> str:
    """A hash of the record's comparable values (not evidence, not fetch times)."""
    flat = {k: v.value for k, v in flatten(record).items()}
    return "sha256:" + hashlib.sha256(json.dumps(flat, sort_keys=True, default=str).encode()).hexdigest()


@dataclass
class FieldChange:
    field: str
    kind: str  # added | removed | changed | flap | restored
    old: Any
    new: Any
    category: str  # requirement | administrative | text | extraction
    direction: str | None
    evidence_before: list[dict[str, str]]
    evidence_after: list[dict[str, str]]
    source_url: str | None = None
    content_hash: str | None = None
    note: str | None = None  # a sentence the summary ends with (e.g. why a removed rule is flagged for review)
    quiet: bool = False  # kept in history, alerted to nobody (a wording change in navigation, banners, footers)

    @property
    def summary(self) -> str:
        said = self._summary()
        return f"{said}; {self.note}" if self.note else said

    def _summary(self) -> str:
        if self.category == "text" and self.kind == "flap":
            return (
                f"{label(self.field)}: the page went back to a version it had recently; it alternates between "
                "versions (reported once as a flap; further flips are recorded, not alerted); "
                "no requirement field changed"
            )
        if self.category == "text":
            return f"{label(self.field)}: the page's wording or layout changed; no requirement field changed"
        if self.category == "administrative" and self.field.startswith("sources."):
            return f"{label(self.field)}: the source URL changed from {self.old} to {self.new}"
        if self.kind == "flap":
            return (
                f"{label(self.field)}: back to {show(self.new)} after reading {show(self.old)}; the source flips "
                "between values (reported once as a flap; further flips are recorded, not alerted)"
            )
        if self.kind == "restored":
            return f"{label(self.field)}: readable again, {show(self.new)} as before (no rule changed)"
        arrow = f"{show(self.old)} → {show(self.new)}"
        extra = f" ({self.direction})" if self.direction and self.direction != "neutral" else ""
        return f"{label(self.field)}: {arrow}{extra}"


def show(v: Any) -> str:
    """A value as a reader would write it."""
    if isinstance(v, list):
        return ", ".join(map(str, v)) or "none"
    if isinstance(v, dict):
        return "; ".join(f"{k.replace('_', ' ')} {show(x)}" for k, x in v.items()) or "no conditions"
    return str(v)


def _is_unknown(v: Any) -> bool:
    return v is None or v in UNKNOWN


is_unknown = _is_unknown


def direction(path: str, old: Any, new: Any) -> str:
    """tightened / loosened / neutral, for fields with an order."""

    def cmp(order: dict[str, int]) -> str:
        if old in order and new in order:
            return "tightened" if order[new] > order[old] else "loosened" if order[new] < order[old] else "neutral"
        return "neutral"

    if path == "credential.requirement":
        return cmp(CREDENTIAL_ORDER)
    if path.endswith(".status") and path.startswith("tasks."):
        return cmp(TASK_ORDER)
    if path == "supervision":
        return cmp(SUPERVISION_ORDER)
    if path in ("education.min_clock_hours", "education.externship_hours"):
        o = 0 if old == "none" else old
        n = 0 if new == "none" else new
        if isinstance(o, int) and isinstance(n, int):
            return "tightened" if n > o else "loosened" if n < o else "neutral"
    if path.endswith(".conditions") and isinstance(old, dict) and isinstance(new, dict):
        oh, nh = old.get("training_hours", 0), new.get("training_hours", 0)
        if oh != nh:
            return "tightened" if nh > oh else "loosened"
    if path == "credential.national_certifications" and isinstance(old, list) and isinstance(new, list):
        if set(new) > set(old):
            return "loosened"  # more ways to qualify
        if set(new) < set(old):
            return "tightened"
    return "neutral"


def _source_of(record: dict[str, Any], evidence: list[dict[str, str]]) -> tuple[str | None, str | None]:
    if not evidence:
        return None, None
    sid = evidence[0]["source_id"]
    for src in record.get("sources", []):
        if src["source_id"] == sid:
            return src["url"], src["content_hash"]
    return None, None


def _field_change(path: str, b: Value, a: Value, new: dict[str, Any]) -> FieldChange | None:
    """How one field changed from `b` to `a`, or None when it is reported elsewhere."""
    if _is_unknown(b.value):
        kind, category = "added", "requirement"
    elif _is_unknown(a.value) or (path == "citations" and a.value == "unknown"):
        kind, category = "removed", "extraction"
    else:
        kind, category = "changed", "requirement"
    if path == "regulators":
        category = "administrative"
    if path.endswith(".conditions") and (b.value is None or a.value is None):
        return None  # conditions appear/disappear with the status change, reported there
    before, after = change_evidence(b, a)
    if path == "credential.requirement" and a.value == "training":  # "no state credential, but training": the
        after.sort(key=lambda e: not re.search(r"\btrain", e.get("excerpt", ""), re.I))  # training sentence first
    url, digest = _source_of(new, after or before)
    return FieldChange(
        field=path,
        kind=kind,
        old=b.value,
        new=a.value,
        category=category,
        direction=direction(path, b.value, a.value) if category == "requirement" else None,
        evidence_before=before,
        evidence_after=after,
        source_url=url,
        content_hash=digest,
    )


def change_evidence(b: Value, a: Value, limit: int = 3) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The sentences that support the old value and the new one, each sentence once.

    For a list (citations, credentials), the sentences of the items removed
    and added; a sentence both sides hold says nothing about the change and
    is left out of a side that has others; repeats are dropped.
    """
    before, after = b.evidence, a.evidence
    if b.items is not None and a.items is not None:
        gone = [e for key, ev in b.items.items() if key not in a.items for e in ev[:1]]
        came = [e for key, ev in a.items.items() if key not in b.items for e in ev[:1]]
        if gone or came:  # the items removed and added are the change; the items kept are not
            before, after = gone, came
    before, after = _once(before), _once(after)
    both = {_key(e) for e in before} & {_key(e) for e in after}
    before = [e for e in before if _key(e) not in both] or before
    after = [e for e in after if _key(e) not in both] or after
    return before[:limit], after[:limit]


def _key(e: dict[str, str]) -> tuple[str, str]:
    return e.get("source_id", ""), e.get("excerpt", "")


def _once(evidence: list[dict[str, str]]) -> list[dict[str, str]]:
    seen: set[tuple[str, str]] = set()
    out = []
    for e in evidence:
        if _key(e) not in seen:
            seen.add(_key(e))
            out.append(e)
    return out


def _source_changes(old: dict[str, Any], new: dict[str, Any]) -> list[FieldChange]:
    """Sources whose content changed (a text change) or whose address moved (administrative)."""
    old_sources = {s["source_id"]: s for s in old.get("sources", [])}
    changes = []
    for src in new.get("sources", []):
        prev = old_sources.get(src["source_id"])
        if not prev:
            continue
        if prev["content_hash"] != src["content_hash"]:
            key, category = "content_hash", "text"
        elif prev["url"] != src["url"]:
            key, category = "url", "administrative"
        else:
            continue
        changes.append(
            FieldChange(
                field=f"sources.{src['source_id']}",
                kind="changed",
                old=prev[key],
                new=src[key],
                category=category,
                direction=None,
                evidence_before=[],
                evidence_after=[],
                source_url=src["url"],
                content_hash=src["content_hash"],
            )
        )
    return changes


def diff(old: dict[str, Any] | None, new: dict[str, Any]) -> list[FieldChange]:
    """Every field change from `old` to `new`, then text-only source changes."""
    if old is None:
        return []
    before, after = flatten(old), flatten(new)
    changes: list[FieldChange] = []
    for path in sorted(set(before) | set(after)):
        b = before.get(path, Value(None))
        a = after.get(path, Value(None))
        if b.value != a.value and (change := _field_change(path, b, a, new)) is not None:
            changes.append(change)
    return changes or _source_changes(old, new)


def known_value_count(record: dict[str, Any]) -> int:
    """How many fields hold a known value: a sudden drop means the extractor, not the law, changed."""
    return sum(1 for v in flatten(record).values() if not _is_unknown(v.value) and v.value != [] and v.value != {})


# --- noise control --------------------------------------------------------------


NO_VALUE = object()  # "the field never held a known value"


def against_history(
    fc: FieldChange, recent: list[Any], last_known: Any = NO_VALUE, flap_reported: bool = False
) -> tuple[FieldChange, str]:
    """Reclassify one field change with the values the field held before.

    `recent` are the values the field held within the flap window (any order;
    for a wording-only change, the page's content hashes);
    `last_known` is the last known (not unknown) value it ever held, if any;
    `flap_reported` says whether a flap of this field was already reported
    within the window.

    Returns the (possibly reclassified) change and its audience:
    - a value that comes back after going missing is an extraction recovery
      ("restored", for engineers), not a new rule;
    - a value (or a page's content) that returns to one seen recently is a
      flap: reported once, and later flips within the window are recorded
      for nobody ("none");
    - otherwise the change stands, for compliance staff (or engineers for
      extraction problems).
    """
    health = "health" if fc.category == "extraction" else "compliance"
    if fc.category == "text":  # `recent` holds the page's recent content hashes
        if fc.new in recent:
            fc.kind = "flap"
            return fc, ("none" if flap_reported else "compliance")
        return fc, health
    if fc.category not in ("requirement", "administrative") or fc.field.startswith("sources."):
        return fc, health
    if _is_unknown(fc.old) and not _is_unknown(fc.new):
        if last_known is not NO_VALUE and last_known == fc.new:
            fc.kind, fc.category, fc.direction = "restored", "extraction", None
            return fc, "health"
        if last_known is not NO_VALUE and not _is_unknown(last_known):
            # compliance staff never saw the gap (it went to engineers): tell them what changed since
            fc.kind, fc.old = "changed", last_known
            fc.direction = direction(fc.field, fc.old, fc.new) if fc.category == "requirement" else None
        return fc, health
    if not _is_unknown(fc.old) and not _is_unknown(fc.new) and fc.new in recent:
        fc.kind = "flap"
        fc.direction = None
        return fc, ("none" if flap_reported else "compliance")
    return fc, health


# --- word-level highlighting of evidence ----------------------------------------------


def word_diff(before: str, after: str) -> tuple[list[tuple[str, bool]], list[tuple[str, bool]]]:
    """The two excerpts as runs of words, each flagged True where it differs from the other."""
    import difflib

    a, b = before.split(), after.split()
    out_a: list[tuple[str, bool]] = []
    out_b: list[tuple[str, bool]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if i2 > i1:
            out_a.append((" ".join(a[i1:i2]), tag != "equal"))
        if j2 > j1:
            out_b.append((" ".join(b[j1:j2]), tag != "equal"))
    return out_a, out_b


def evidence_pairs(
    before: list[dict[str, str]], after: list[dict[str, str]], floor: float = 0.3
) -> list[tuple[dict | None, dict | None]]:
    """Pair each excerpt before with the excerpt after that says nearly the same (most similar pairs first).

    Excerpts with no counterpart at least `floor` similar stand alone, so
    unrelated sentences are never shown as one rewritten sentence.
    """
    import difflib

    def ratio(a: dict, b: dict) -> float:
        same_source = a.get("source_id") == b.get("source_id")
        r = difflib.SequenceMatcher(
            a=a.get("excerpt", "").split(), b=b.get("excerpt", "").split(), autojunk=False
        ).ratio()
        return r if same_source else r * 0.9

    scored = sorted(
        ((ratio(b, a), i, j) for i, b in enumerate(before) for j, a in enumerate(after)),
        key=lambda t: (-t[0], t[1], t[2]),
    )
    match: dict[int, int] = {}
    used: set[int] = set()
    for score, i, j in scored:
        if score < floor:
            break
        if i not in match and j not in used:
            match[i] = j
            used.add(j)
    pairs: list[tuple[dict | None, dict | None]] = [
        (b, after[match[i]] if i in match else None) for i, b in enumerate(before)
    ]
    pairs += [(None, a) for j, a in enumerate(after) if j not in used]
    return pairs


def passage_diff(
    before: list[str], after: list[str], source_id: str, limit: int = 6, width: int = 600
) -> tuple[list[dict[str, str]], list[dict[str, str]]]:
    """The passages of a page that changed wording: (removed or rewritten before, added or rewritten after).

    Gives a wording-only change its evidence, so reviewers can read what the
    page now says differently without opening both versions; passages that
    bear on the rules (`bears_on_rules`) come first.
    """
    import difflib

    ev_before: list[dict[str, str]] = []
    ev_after: list[dict[str, str]] = []
    matcher = difflib.SequenceMatcher(a=before, b=after, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        ev_before += [{"source_id": source_id, "excerpt": t[:width]} for t in before[i1:i2] if t.strip()]
        ev_after += [{"source_id": source_id, "excerpt": t[:width]} for t in after[j1:j2] if t.strip()]

    def first(evidence: list[dict[str, str]]) -> list[dict[str, str]]:
        return sorted(evidence, key=lambda e: not bears_on_rules(e["excerpt"]))[:limit]

    return first(ev_before), first(ev_after)


# a passage bears on the rules when it is a sentence (RULE_WORDS words or more, ending as a sentence or a
# clause of a list does) that names the profession, a task, a credential, training or supervision; a menu,
# a breadcrumb trail, a heading, a banner or a footer line does not
RULE_WORDS = 6
_RULE_TOPIC = re.compile(
    r"\bmedical assist|\bma-?cs?\b|\bunlicensed (?:assistive )?person|\bassistive personnel\b|"
    r"\binject|\bimmuniz|\bvaccin|\bvenipunct|\bphlebotom|\bintravenous|\biv\b|\bx-?rays?\b|\bradiograph|"
    r"\bradiolog|\bmedication|\bdrugs?\b|\bprescri|\bdelegat|\bsupervis|\bcertif|\blicen[cs]|\bregist|"
    r"\bcredential|\btrain|\bprogram|\bcourse|\bcurricul|\bclock hours\b|\bexam|\baccredit|\bexternship|"
    r"\bscope of practice\b|\bpermitted\b|\bprohibited\b|\bmay not\b|\bshall not\b|\bmust\b",
    re.I,
)


def bears_on_rules(text: str) -> bool:
    """Whether a changed passage could matter to compliance staff (not navigation, a banner or a footer)."""
    sentence = text.rstrip(" \"')]\u201d").endswith((".", ";", ":", "?", "!"))
    return sentence and len(text.split()) >= RULE_WORDS and _RULE_TOPIC.search(text) is not None
