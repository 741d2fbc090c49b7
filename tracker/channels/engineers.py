"""The engineers' channels: every Apprise URL in `engineer_alert_urls`, for source and extraction problems."""

from __future__ import annotations

from tracker.channels._apprise import AppriseChannel


class Engineers(AppriseChannel):
    kind = "engineers"
    description = "the Apprise URLs in engineer_alert_urls ([alerts] engineers): source and extraction problems"
    setting = "engineer_alert_urls"
    config_key = "engineers"
    order = 3
    for_engineers = True
    label_suffix = " (engineers)"

    def accepts(self, audience: str, has_engineers: bool) -> bool:
        return audience in ("health", "engineers")
