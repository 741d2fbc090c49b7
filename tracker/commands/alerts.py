"""`licensure alerts test [--channel NAME]`: check that alerts reach the configured channels."""

from __future__ import annotations

import click
from rich.markup import escape

from tracker import channels as registry
from tracker.alerts.testmessage import send_test, sendable_kinds
from tracker.commands.common import Fail, err, friendly, out, settings_for


@click.group("alerts")
def alerts() -> None:
    """Alert channels: try them out."""


@alerts.command("test")
@click.option(
    "--channel",
    "kind",
    metavar="NAME",
    help="Only this channel (compliance or engineers; `licensure channels` lists them).",
)
@click.pass_context
@friendly
def alerts_test(ctx: click.Context, kind: str | None) -> None:
    """Send one test message through every configured channel (or one), and say which took it.

    Exits 1 when a channel did not take it or none is configured. Nothing is recorded.
    """
    settings = settings_for(ctx)
    sendable = sendable_kinds()
    if kind is not None and kind not in sendable:
        known = registry.kinds()
        if kind in known:
            raise Fail(f"Channel {kind!r} is local and always on; alerts test checks {', '.join(sendable)}.")
        raise Fail(f"{kind!r} is not a channel; the channels that send somewhere are: {', '.join(sendable)}.")
    results = send_test(settings, kind)
    if not results:
        wanted = [cls for k, cls in registry.kinds().items() if k in ([kind] if kind else sendable)]
        where = " or ".join(f"{cls.setting} ([alerts] {cls.config_key})" for cls in wanted)
        raise Fail(f"No {'channel ' + repr(kind) if kind else 'alert channel'} is configured; set {where}.")
    for r in results:
        if r.error is None:
            out.print(f"Sent a test message to {escape(r.label)} ({r.kind}).")
        else:
            err.print(f"[bold red]Not delivered[/] to {escape(r.label)} ({r.kind}): {escape(r.error)}")
    failed = [r for r in results if r.error is not None]
    if failed:
        raise Fail(f"{len(failed)} of {len(results)} channel(s) did not take the test message (see above).")
