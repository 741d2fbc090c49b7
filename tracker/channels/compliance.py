"""The compliance channels: every Apprise URL in `alert_urls`, for compliance staff."""

from __future__ import annotations

from tracker.channels._apprise import AppriseChannel


class Compliance(AppriseChannel):
    kind = "compliance"
    description = "the Apprise URLs in alert_urls ([alerts] channels): rule, wording and administrative changes"
    setting = "alert_urls"
    config_key = "channels"
    order = 2

    def accepts(self, audience: str, has_engineers: bool) -> bool:
        # source and extraction problems too when no engineers' channel is configured: a broken source is never silent
        return audience == "compliance" or (audience == "health" and not has_engineers)
