"""One row per jurisdiction, as `licensure states` shows them: regulator, credential requirement, last fetched,
last changed and health."""

from __future__ import annotations

from typing import Any

from sqlalchemy.orm import Session

from tracker import registry, storage
from tracker.models import JurisdictionStatus


def state_rows(session: Session) -> list[dict[str, Any]]:
    rows = []
    for jur in registry.all_jurisdictions().values():
        status = session.get(JurisdictionStatus, (jur.code, jur.profession))
        current = storage.current_version(session, jur.code, jur.profession)
        rows.append(
            {
                "code": jur.code,
                "name": jur.name,
                "regulator": jur.regulators[0].name,
                "credential_requirement": current.record["credential"]["requirement"]["value"]
                if current
                else "unknown",
                "last_fetched": status.last_fetched_at.isoformat() if status and status.last_fetched_at else None,
                "last_changed": status.last_changed_at.isoformat() if status and status.last_changed_at else None,
                "health": status.health if status else "never checked",
            }
        )
    return rows
