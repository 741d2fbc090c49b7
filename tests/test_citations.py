"""Citation rules: canonical identifiers, kinds and statuses, and the read declaration."""

from __future__ import annotations

import pytest

from tracker.normalize import SHARED_RULES
from tracker.normalize.citations import citation, citation_rule
from tracker.normalize.rules import Finding, reads, reads_of
from tracker.registry import Jurisdiction, RegistryError, Regulator, Source, all_jurisdictions


def test_every_rule_declares_what_it_reads():
    assert reads_of(citation_rule) == "sentence"
    assert reads_of(citation("statute", r"X (\d+)", "X {0}")) == "sentence"
    assert {reads_of(r) for r in SHARED_RULES} == {"sentence", "clause"}
    for jur in all_jurisdictions().values():
        assert all(reads_of(r) in ("sentence", "clause") for r in jur.rules), jur.code


def test_a_rule_without_a_declaration_is_refused():
    def silent(clause: str) -> list[Finding]:
        return []

    with pytest.raises(RegistryError, match="declare what they read"):
        Jurisdiction(
            code="ZZ",
            name="Nowhere",
            regulators=(Regulator("Board", "https://zz.example", "credentialing"),),
            sources=(Source("zz-page", "https://zz.example/page", "guidance"),),
            allowed_domains=("zz.example",),
            rules=(silent,),
        )
    with pytest.raises(ValueError):
        reads("paragraph")  # type: ignore[arg-type]
