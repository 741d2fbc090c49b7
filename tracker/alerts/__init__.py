"""Alerts: one digest per run and channel, and every change alerted exactly once.

Channels (tracker/channels, a registry keyed by kind; `licensure channels` lists
them): the console and a JSON-lines file (always), plus any Apprise URL (email,
Slack, Teams, webhooks...) from the settings: `alert_urls` for compliance staff
and `engineer_alert_urls` for source and extraction problems.

Who gets what (a change's `audience`):

- compliance (requirement, administrative and wording changes, flaps):
  compliance channels;
- health (source and extraction problems found by a run, and recoveries):
  engineers' channels, or the compliance channels when no engineers' channel
  is configured, so a broken source is never silent;
- engineers (differences found by `licensure reparse`): engineers' channels only;
- none (a repeat flip of a field already reported as flapping): no channel.

The console and the JSON file get everything but `none`.

Every attempt is recorded in `alert_deliveries` (channel redacted, status,
attempts, error, time, the changes it carried). A change is marked
`alerted_at` once every channel that should have it took it; a channel that
failed gets the same changes again with the next run, and a channel that
already took a change never gets it again.
"""

from __future__ import annotations

from tracker.alerts.dispatch import Delivery, change_dict, dispatch
from tracker.channels import Channel, DeliveryError, Digest
from tracker.redact import redact_text, redact_url

__all__ = [
    "Channel",
    "Delivery",
    "DeliveryError",
    "Digest",
    "change_dict",
    "dispatch",
    "redact_text",
    "redact_url",
]
