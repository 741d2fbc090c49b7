"""How the normalizer compiles the phrases it looks for in running text.

Agencies write "Medical Assistants", "medical assistants" and "MEDICAL ASSISTANTS" alike, so nearly every
pattern is matched whatever the case; `phrase` is that one way, shared by the reading modules (frames,
citations, credential) and the state modules' own rules.
"""

from __future__ import annotations

import re


def phrase(pattern: str) -> re.Pattern[str]:
    """`pattern` compiled to match running text whatever its case."""
    return re.compile(pattern, re.I)
