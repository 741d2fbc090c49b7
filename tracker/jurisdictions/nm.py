"""New Mexico: no MA credential; device use needs device-specific training filed with the Board.

Sources (checked 2026-11): the Medical Board's rule part 16.10.13 NMAC on
medical assistants' delegated use of medical therapeutic and cosmetic
devices, served by the State Records Center and Archives. A physician may
let a medical assistant use only non-incisive, non-ablative devices, after
device-specific training and after filing a certificate of training with
the Board; the physician must be physically present on the premises.
Quirks: the rule says nothing about injections, IV therapy or X-rays, and
sets no general training hours. Its training rule is about devices, which
the shared task vocabulary does not cover, so this module reads the
certificate-of-training requirement as the state's `training` requirement.
New Mexico cites "16.10.13.8 NMAC" and "Section 61-6-17 NMSA 1978".
"""

import re
from collections.abc import Iterable

from tracker.normalize.citation_names import names
from tracker.normalize.citations import citation, code
from tracker.normalize.rules import Finding, is_hypothetical, reads
from tracker.registry import Jurisdiction, Regulator, Source

_DEVICE_TRAINING = re.compile(r"\bcertificate of training\b", re.I)
_MA = re.compile(r"\bmedical assistants?\b", re.I)
_DUTY = re.compile(r"\b(?:must|shall)\b|\bbefore\b|\bonly after\b", re.I)


@reads("clause")
def nm_device_training(clause: str) -> Iterable[Finding]:
    """A filed, device-specific certificate of training is New Mexico's training requirement."""
    if is_hypothetical(clause):
        return
    if _DEVICE_TRAINING.search(clause) and _MA.search(clause) and _DUTY.search(clause):
        yield Finding("credential.requirement", "training")


JURISDICTION = Jurisdiction(
    code="NM",
    name="New Mexico",
    regulators=(
        Regulator("New Mexico Medical Board", "https://www.nmmb.state.nm.us", "scope-of-practice"),
        Regulator("New Mexico Board of Nursing", "https://www.bon.nm.gov", "nursing"),
    ),
    sources=(
        Source(
            "nm-nmac-16-10-13",
            "https://www.srca.nm.gov/parts/title16/16.010.0013.html",
            "regulation",
            title="16.10.13 NMAC Medical assistants: delegated use of devices",
        ),
    ),
    allowed_domains=("srca.nm.gov",),
    rules=(
        *names("NM"),
        code(
            "statute", "NMSA 1978 § {0}", r"\d{1,2}-\d{1,2}[A-Z]?-\d{1,3}(?:\.\d)?", r"\bNMSA 1978,?", r"NMSA(?: 1978)?"
        ),
        code("regulation", "{0} NMAC", r"\d{1,2}\.\d{1,3}\.\d{1,3}\.\d{1,3}", heading=True),
        citation("regulation", r"\b(\d{1,2}\.\d{1,3}(?:\.\d{1,3}){0,2}) NMAC\b", "{0} NMAC"),
        citation("statute", r"\bSection (\d{1,2}-\d{1,2}[A-Z]?-\d{1,3}(?:\.\d)?),? NMSA 1978\b", "NMSA 1978 § {0}"),
        citation(
            "statute", r"\bNMSA 1978,? (?:Section |§ ?)?(\d{1,2}-\d{1,2}[A-Z]?-\d{1,3}(?:\.\d)?)\b", "NMSA 1978 § {0}"
        ),
        nm_device_training,
    ),
)
