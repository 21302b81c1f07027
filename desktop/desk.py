"""One person's desk for the life of the app: sign-in, then the window their role works in.

`Desk.main()` is the coroutine `run_desktop` runs on the qasync loop. After sign-in the hub's
`Welcome.role` decides the window: team leads and admins get the script editor wired to the
hub (no softphone: they write scripts, they take no calls); agents get the workspace, with the
sync and phone adapters wired to the agent session and the softphone pumped every 10 ms on the
GUI thread. With deployment settings (`DesktopOptions.settings`) the phone registers where
IT's policy says, with the SIP password from the OS keyring, and a hub the policy locks cannot
be changed at sign-in. The hub token is kept in the OS keyring, never in the local store.
On quit the softphone stops first and the sync client second (a live call must end
before the hub link that would report it goes away). It must never contain business rules.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.adapters.phone_signals import PhonePump, PhoneSignals
from desktop.adapters.sync_signals import SyncSignals
from desktop.agent.dial_settings import DialSettings
from desktop.agent.monitor_trust import trust_monitor_grants
from desktop.agent.session import AgentSession
from desktop.agent.sign_out import sign_out
from desktop.agent.workspace import AgentWorkspace
from desktop.app import LOGIN_TIMEOUT_S, DesktopOptions
from desktop.common import messages
from desktop.common.i18n import translate
from desktop.login.dialog import LoginDialog
from desktop.login.vault import PasswordVault
from desktop.settings import window as settings_window
from desktop.settings.hub_token import KeyringTokens
from softphone.model import PhoneConfig, SoftphoneError
from sync.client import LocalStore, StoreError, SyncClient
from sync.protocol import Welcome

log = logging.getLogger("acuerdo.desktop")

# `_done`'s result when the agent signed out: back to the sign-in window, not quit.
SIGNED_OUT = -1
# Roles that write scripts instead of taking calls (the hub lets both publish).
SCRIPT_WRITERS = frozenset({"team_lead", "admin"})
# Roles that watch the floor (desktop.supervisor); checked first, so an admin gets the floor.
FLOOR_WATCHERS = frozenset({"supervisor", "admin"})


def store_path(data_dir: Path, hub_url: str, user: str) -> Path:
    """Each (hub, user) gets its own store: a token, a resume point and unsent promises
    belong to one agent on one hub, never to whoever signs in next at the same desk."""
    slug = re.sub(r"[^a-z0-9_.-]+", "_", user.lower())[:40] or "user"
    digest = hashlib.sha256(f"{hub_url}|{user}".encode()).hexdigest()[:10]
    return data_dir / "desks" / f"{slug}-{digest}" / "desktop.sqlite"


@dataclass
class SignIn:
    client: SyncClient | None
    welcome: Welcome | None = None
    error: str = ""


class Desk:
    def __init__(self, opts: DesktopOptions) -> None:
        self.opts = opts
        # Every window of this desk opens these settings from its Settings… entry (Ctrl+,).
        settings_window.provide(opts.settings)
        self.vault = PasswordVault()
        self.signals = SyncSignals()
        self.phone_signals = PhoneSignals()
        self.store: LocalStore | None = None
        self.client: SyncClient | None = None
        self.phone: Any = None
        self.phone_config: PhoneConfig | None = None  # what the softphone was started with
        self.pump: PhonePump | None = None
        self.session: AgentSession | None = None
        self.workspace: AgentWorkspace | None = None
        self.team_lead: Any = None  # desktop.team_lead.TeamLeadDesk, imported when needed
        self.supervisor: Any = None  # desktop.supervisor.SupervisorDesk, for those roles
        self._editor_translator: Any = None
        self._picture: asyncio.Future[None] | None = None
        self.autopilot: Any = None
        self._welcome: Welcome | None = None
        self._early: list[tuple[str, Any]] = []
        self._done: asyncio.Future[int] | None = None
        self._quitting = False
        self.signed_user: str | None = None
        self._signing_out: asyncio.Future[None] | None = None
        self.signals.welcomed.connect(self._welcomed)
        self.signals.offer_received.connect(lambda o: self._route("offer", o))
        self.signals.offer_cancelled.connect(lambda c: self._route("cancel", c))
        self.signals.item_changed.connect(lambda i: self._route("item", i))
        self.signals.stream_event.connect(lambda e: self._route("event", e))
        self.signals.connection_changed.connect(self._connection)
        self.phone_signals.incoming.connect(lambda c: self._route("incoming", c))
        self.phone_signals.call_changed.connect(lambda c: self._route("changed", c))

    # --- lifecycle -----------------------------------------------------------

    async def main(self) -> int:
        self._done = asyncio.get_running_loop().create_future()
        try:
            self.opts.data_dir.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.error("local store unavailable: %s", exc)
            messages.error(
                translate("App", "The local data folder cannot be used: {reason}").format(
                    reason=str(exc)
                )
            )
            return 2
        self._install_script_translator()
        # Sign-out brings the sign-in window back (asking for the password this time).
        interactive = False
        while True:
            code = await self._agent_shift(interactive)
            if code != SIGNED_OUT:
                return code
            await self._close_shift()
            interactive = True

    async def _agent_shift(self, interactive: bool) -> int:
        self._done = asyncio.get_running_loop().create_future()
        signed = await self._sign_in(interactive)
        if signed is None:
            await self._shutdown()
            return 0 if not self.opts.autopilot else 3
        self.client = signed.client
        name = signed.welcome.display_name if signed.welcome else (self.opts.user or "")
        role = signed.welcome.role if signed.welcome else "agent"
        if role in FLOOR_WATCHERS:
            from desktop.supervisor.shift import supervisor_shift

            return await supervisor_shift(self, name)
        if role in SCRIPT_WRITERS:
            return await self._team_lead_main(name)
        self._start_phone(self.signed_user or "agent", name)
        if self.phone is not None:  # supervisors' monitor legs need this user's grant key
            trust_monitor_grants(self.phone, signed.welcome.grant_key if signed.welcome else None)
        self.session = AgentSession(self.client, self.phone, name, self.opts.locale)  # type: ignore[arg-type]
        self.session.username = self.signed_user  # "callback for me" names the hub user
        if self.opts.settings is not None:
            self.session.dial_settings = DialSettings.load(self.opts.settings)
            auto = self.session.dial_settings.progressive_auto_answer
            self.session.router.auto_answer_progressive = auto
        self.workspace = AgentWorkspace(self.session)
        self.phone_signals.monitor_changed.connect(self.workspace.monitor_notice.show_monitor)
        self.workspace.close_requested.connect(lambda: self.request_quit(0))
        self.workspace.sign_out_requested.connect(self._sign_out)
        self.session.on_connection(str(self.client.connection_state), "")  # type: ignore[union-attr]
        self.workspace.show()
        for kind, payload in self._early:
            self._route(kind, payload)
        self._early.clear()
        if self.opts.autopilot:
            from desktop.agent.autopilot import Autopilot

            self.autopilot = Autopilot(
                self.workspace,
                self.session,
                self.opts.calls,
                self.opts.on_metrics,
                self.request_quit,
                screenshot=self.opts.screenshot,
                talk_s=self.opts.talk_s,
            )
            self.autopilot.start()
        code = await self._done
        if code != SIGNED_OUT:
            await self._shutdown()
        return code

    def _sign_out(self) -> None:
        session, client = self.session, self.client
        if session is None or client is None or self._signing_out is not None:
            return

        async def run() -> None:
            try:
                if await sign_out(session, client):
                    self.request_quit(SIGNED_OUT)
            finally:
                self._signing_out = None

        self._signing_out = asyncio.ensure_future(run())

    async def _close_shift(self) -> None:
        """After sign-out: the phone stops and the workspace closes; the client already left."""
        if self.session is not None:
            await self.session.drain()
            self.session.router.stop()
        if self.workspace is not None:
            self.workspace.dialing.agenda.stop()
            self.workspace.allow_close()
            self.workspace.close()
            self.workspace.deleteLater()
        if self.pump is not None:
            self.pump.stop()
        if self.phone is not None:
            try:
                self.phone.stop()
            except Exception:
                log.exception("softphone did not stop cleanly")
        self.session = self.workspace = self.pump = self.phone = self.client = None
        self._early.clear()
        self.opts.password = None  # the next sign-in asks for it

    async def _team_lead_main(self, name: str) -> int:
        """The script editor, publishing through this desk's hub session, until quit."""
        from desktop.team_lead import TeamLeadDesk

        assert self.client is not None and self._done is not None
        if self.opts.autopilot and self.opts.screenshot is None:
            # The autopilot takes calls; a script writer has none to take.
            log.info("no autopilot for a team lead's desk; nothing to do headless")
            await self._shutdown()
            return 0
        drafts = store_path(self.opts.data_dir, self.opts.hub_url, self.signed_user or "").parent
        self.team_lead = TeamLeadDesk(
            self.client.request, name, drafts / "drafts", self.opts.locale
        )
        self.team_lead.close_requested.connect(lambda: self.request_quit(0))
        self.team_lead.on_connection(str(self.client.connection_state))
        self.team_lead.show()
        self._early.clear()  # offers and outbox items are an agent's business
        if self.opts.screenshot is not None:
            self._picture = asyncio.ensure_future(self._team_lead_screenshot(self.opts.screenshot))
        code = await self._done
        await self._shutdown()
        return code

    async def _team_lead_screenshot(self, path: Path) -> None:
        """Docs: open the bundled early-stage script from the hub and save a picture of it."""
        from desktop.team_lead.pictures import editor_picture

        try:
            await editor_picture(self.team_lead, path)
        except Exception:
            log.exception("the editor screenshot failed")
            self.request_quit(1)
            return
        self.request_quit(0)

    def _install_script_translator(self) -> None:
        """The editor keeps its own catalogue; script notices for agents live there too."""
        from PySide6.QtCore import QCoreApplication

        from desktop.script_editor import install_translator

        app = QCoreApplication.instance()
        if app is not None and self._editor_translator is None:
            self._editor_translator = install_translator(app, self.opts.locale)

    def request_quit(self, code: int) -> None:
        if self._done is not None and not self._done.done():
            self._done.set_result(code)

    async def _shutdown(self) -> None:
        self._quitting = True
        if self.session is not None:
            await self.session.drain()
            self.session.router.stop()
        if self.pump is not None:
            self.pump.stop()
        if self.phone is not None:
            try:
                self.phone.stop()
            except Exception:
                log.exception("softphone did not stop cleanly")
        if self.client is not None:
            await self.client.stop()
        if self.store is not None:
            self.store.close()
        if self.workspace is not None:
            self.workspace.allow_close()
            self.workspace.close()
        if self.team_lead is not None:
            self.team_lead.close()
        if self._editor_translator is not None:
            from PySide6.QtCore import QCoreApplication

            app = QCoreApplication.instance()
            if app is not None:
                app.removeTranslator(self._editor_translator)
            self._editor_translator = None

    # --- sign-in -------------------------------------------------------------

    async def _sign_in(self, interactive: bool = False) -> SignIn | None:
        hub, user, password = self.opts.hub_url, self.opts.user, self.opts.password
        error = ""
        if user and not password and not interactive:
            password = self.vault.load(hub, user)
        if user and password and not interactive:
            attempt = await self._try(hub, user, password)
            if attempt.client is not None:
                return attempt
            error = attempt.error
            if self.opts.headless or self.opts.autopilot:
                log.error("sign-in failed and no one can type a password (headless)")
                return None
        dialog = LoginDialog(self.vault, hub, user)
        if self.opts.hub_locked:
            dialog.hub.setReadOnly(True)
            dialog.hub.setToolTip(translate("Settings", "Set by your IT department"))
        if password:
            dialog.password.setText(password)  # keep what was tried; the agent corrects it
        if error:
            dialog.fail(error)
        requests: asyncio.Queue[tuple[str, str, str] | None] = asyncio.Queue()
        dialog.sign_in_requested.connect(lambda h, u, p: requests.put_nowait((h, u, p)))
        dialog.cancelled.connect(lambda: requests.put_nowait(None))
        dialog.open()
        try:
            while True:
                request = await requests.get()
                if request is None:
                    return None
                if self.opts.hub_locked:
                    # The policy's hub, whatever reached the field (and the vault keys on it).
                    dialog.hub.setText(hub)
                    request = (hub, request[1], request[2])
                attempt = await self._try(*request)
                if attempt.client is not None:
                    dialog.succeed()
                    return attempt
                dialog.fail(attempt.error)
        finally:
            dialog.hide()
            dialog.deleteLater()

    async def _try(self, hub: str, user: str, password: str) -> SignIn:
        if self.store is not None:
            self.store.close()  # an earlier attempt's, maybe for another user
            self.store = None
        try:
            self.store = LocalStore(store_path(self.opts.data_dir, hub, user))
            # The hub token goes to the OS keyring (ARCHITECTURE.md §8), not the SQLite file.
            tokens = KeyringTokens(hub, user)
            client = SyncClient(hub, user, password, self.store, self.signals, token_store=tokens)
        except StoreError as exc:
            log.error("local store unavailable: %s", exc)
            return SignIn(
                None,
                error=translate("App", "The local data folder cannot be used: {reason}").format(
                    reason=str(exc)
                ),
            )
        except ValueError as exc:
            return SignIn(None, error=str(exc))
        outcome: asyncio.Future[tuple[str, str]] = asyncio.get_running_loop().create_future()

        def watch(state: str, detail: str) -> None:
            if state in ("online", "auth_failed") and not outcome.done():
                outcome.set_result((state, detail))

        self.signals.connection_changed.connect(watch)
        try:
            await client.start()
            state, _detail = await asyncio.wait_for(outcome, LOGIN_TIMEOUT_S)
        except TimeoutError:
            await client.stop()
            return SignIn(
                None,
                error=translate(
                    "Login",
                    "The hub at {url} cannot be reached. Check the address and the network.",
                ).format(url=hub),
            )
        finally:
            self.signals.connection_changed.disconnect(watch)
        if state == "auth_failed":
            await client.stop()
            return SignIn(None, error=translate("Login", "Wrong user or password."))
        self.signed_user = user
        return SignIn(client, self._welcome)

    # --- softphone -----------------------------------------------------------

    def _start_phone(self, user: str, display_name: str) -> None:
        try:
            # Imported here: loading pjsua2 is only worth it once someone signed in.
            from softphone.phone import Phone

            self.phone_config = self._phone_config(user, display_name)
            self.phone = Phone(self.phone_config, self.phone_signals)
            self.phone.start()
        except (ImportError, ValueError, SoftphoneError) as exc:
            # Environment problem: the screen pop still works; calls cannot be taken.
            log.error("softphone could not start: %s", exc)
            messages.error(
                translate("App", "The softphone could not start: {reason}").format(reason=str(exc))
            )
            self.phone = None
            return
        self.pump = PhonePump(self.phone)
        self.pump.start()

    def _phone_config(self, user: str, display_name: str) -> PhoneConfig:
        settings = self.opts.settings
        if settings is None:
            # The demo and tests: the dialer INVITEs this desk's contact directly.
            return PhoneConfig(
                user=user, display_name=display_name or user, port=self.opts.sip_port
            )
        from desktop.settings.deployment import phone_config

        return phone_config(settings, user, display_name, self.opts.sip_port)

    # --- event routing -------------------------------------------------------

    def _welcomed(self, welcome: Welcome) -> None:
        self._welcome = welcome
        if self.phone is not None and self.session is not None:
            # A reconnect may bring a new key (the hub's secret was rotated).
            trust_monitor_grants(self.phone, welcome.grant_key)

    def _connection(self, state: str, detail: str) -> None:
        if self.session is not None:
            self.session.on_connection(state, detail)
        if self.team_lead is not None:
            self.team_lead.on_connection(state, detail)

    def _route(self, kind: str, payload: Any) -> None:
        if self._quitting:
            return
        session = self.session
        if session is None:
            # A supervisor's floor takes its events itself; buffering them would only grow.
            if self.supervisor is None and kind in ("offer", "cancel", "item", "event"):
                self._early.append((kind, payload))  # replayed once the workspace is up
            return
        handlers: dict[str, Callable[[Any], None]] = {
            "offer": session.on_offer,
            "cancel": session.on_cancel,
            "item": session.on_item,
            "incoming": session.on_incoming,
            "changed": session.on_call_changed,
            "event": self._stream_event,
        }
        handlers[kind](payload)

    def _stream_event(self, event: Any) -> None:
        if self.session is not None:
            self.session.on_event(event)  # script updates, supervisor orders
