"""Every message that crosses the wire between desktop, dialer and hub, defined once.

Each message is a msgspec Struct tagged by its ``type`` and carrying the protocol
version ``v``; both ends validate with the same definitions. This module holds
data shapes only: it must never do I/O, import anything of ours, or know about
sockets, databases or Qt.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

import msgspec

PROTOCOL_VERSION = 1

Role = Literal["agent", "supervisor", "team_lead", "admin", "dialer"]
AgentState = Literal["logged_out", "not_ready", "ready", "on_call", "wrap_up"]
DialMode = Literal["predictive", "progressive", "preview"]
Channel = Literal[
    "call", "sms", "whatsapp", "email", "messenger", "blaster", "payment", "promise", "note"
]
Product = Literal["credit_card", "personal_loan", "telecom", "retail_credit"]
ContactKind = Literal["phone", "email", "whatsapp", "messenger"]
Direction = Literal["in", "out"]
DetailValue = str | int | bool | None
RightParty = Literal["verified", "refused"]
ContactAction = Literal["wrong_number", "new_number", "valid"]
MonitorMode = Literal["listen", "coach", "join"]

# The default campaign's disposition codes, in the order agents see them. Scripts'
# end nodes suggest one of these; a campaign may define its own set later.
DEFAULT_DISPOSITIONS: tuple[str, ...] = (
    "promise_to_pay",
    "callback",
    "no_agreement",
    "claims_paid",
    "disputed",
    "third_party",
    "not_verified",
    "wrong_number",
    "no_answer_voicemail",
)

WriteKind = Literal["promise", "wrapup", "callback", "contact", "message"]
MessageChannel = Literal["sms", "email"]
KpiScope = Literal["agent", "floor"]
AgentAction = Literal["force_not_ready", "logout", "extend_wrapup", "message", "clear_help"]
PreviewAction = Literal["call", "skip"]

# Upper bounds that keep one message from exhausting either end.
MAX_TEXT = 4_000
MAX_NAME = 200
MAX_PATH_STEPS = 500


class Struct(msgspec.Struct, forbid_unknown_fields=True, kw_only=True):
    """Base for embedded (untagged) records."""


class Message(msgspec.Struct, tag_field="type", forbid_unknown_fields=True, kw_only=True):
    """Base of every top-level message. ``ref`` correlates a reply with its request."""

    v: int = PROTOCOL_VERSION
    ref: str | None = None


# --------------------------------------------------------------------------- records


class ContactPoint(Struct):
    id: int
    kind: ContactKind
    value: str
    valid: bool = True
    label: str = ""
    # The debtor asked not to be contacted here: never dialled nor messaged.
    do_not_call: bool = False


PromiseState = Literal["pending", "kept", "broken"]


class AccountPromise(Struct):
    """The promise an account's row shows: the newest pending one, else one kept or broken
    in the last 30 days. ``due_date`` is the (first) payment date; ``instalments`` is 0 for a
    single payment."""

    amount_cents: int
    due_date: dt.date
    state: PromiseState
    promised_at: dt.datetime
    instalments: int = 0


class Account(Struct):
    id: int
    product: Product
    number_masked: str
    balance_cents: int
    currency: str
    days_past_due: int
    minimum_payment_cents: int
    segment: str
    status: Literal["open", "paid", "reassigned", "closed"] = "open"
    open_promise: AccountPromise | None = None


class DebtorProfile(Struct):
    id: int
    first_name: str
    last_name: str
    full_name: str
    timezone: str
    region: str
    broken_promises: int = 0
    last_payment_on: dt.date | None = None
    # The debtor asked not to be called at all (the dialer skips them).
    do_not_call: bool = False
    do_not_call_reason: str = ""
    contact_points: list[ContactPoint] = msgspec.field(default_factory=list)
    accounts: list[Account] = msgspec.field(default_factory=list)


class HistoryEvent(Struct):
    id: int
    channel: Channel
    occurred_at: dt.datetime
    direction: Direction | None = None
    account_id: int | None = None
    summary: str = ""
    # Channel-specific facts: digit pressed (blaster), disposition and duration
    # (call), outcome kept/broken/pending and amount_cents (promise), subject (email)...
    detail: dict[str, DetailValue] = msgspec.field(default_factory=dict)


class HistoryPage(Struct):
    debtor_id: int
    events: list[HistoryEvent]
    # Cursor for the next (older) page: pass as ``before_id``; None when exhausted.
    next_before_id: int | None
    total: int


class PauseCode(Struct):
    """A reason an agent may give for not taking calls (break, lunch...)."""

    code: str
    # Shown when the desktop has no translation of its own for ``code``.
    label: str
    # 0 = no limit; past it the desktop shows the time in state as over.
    max_minutes: int = 0


class CampaignPolicy(Struct):
    """What a campaign allows and expects, as the hub defines it."""

    campaign: str
    pause_codes: list[PauseCode]
    dispositions: list[str]
    # Seconds of wrap-up before the desktop submits it and goes ready on its own.
    wrapup_limit_s: int
    # Used when the wrap-up limit runs out with nothing chosen.
    timeout_disposition: str
    # Calling window in the debtor's local time (minutes after midnight, end exclusive).
    window_start_min: int
    window_end_min: int
    # Promise policy.
    min_promise_cents: int
    max_days_ahead: int
    max_discount_pct: int
    max_instalments: int
    # The agent's daily goals, for the personal dashboard.
    goal_promises: int = 0
    goal_amount_cents: int = 0


class Instalment(Struct):
    amount_cents: int
    due_date: dt.date


class CallQuality(Struct):
    """The softphone's measure of one call, sent with its wrap-up (None = not measured)."""

    mos: float | None = None
    loss_pct: float | None = None
    jitter_ms: float | None = None
    rtt_ms: float | None = None
    codec: str = ""


class BoardEntry(Struct):
    """One agent as the supervisor board shows it; never a debtor's personal data."""

    agent: str
    display_name: str
    state: AgentState
    pause_code: str | None = None
    since: dt.datetime | None = None
    campaign: str | None = None
    # The call in progress: handoff id and a masked debtor reference (last digits only).
    handoff_id: str | None = None
    debtor_ref: str | None = None
    call_started_at: dt.datetime | None = None
    # The softphone's latest MOS and the script node the agent is on (agent.status).
    mos: float | None = None
    script_node: str | None = None
    # Today's (UTC) wrap-ups and promises of this agent.
    contacts_today: int = 0
    promises_today: int = 0
    # The agent asked for help (help.raise) with this text, at this time.
    help_message: str | None = None
    help_at: dt.datetime | None = None
    # In wrap-up: when the desktop will close it on its own (campaign limit + extensions).
    wrapup_deadline: dt.datetime | None = None
    team: str | None = None


class CallbackItem(Struct):
    """A pending callback as the agent's list shows it (``handoff_id``: the call that set it)."""

    id: int
    debtor_id: int
    debtor_name: str
    due_at: dt.datetime
    for_agent: str | None
    note: str
    campaign: str | None
    handoff_id: str | None


class KpiPoint(Struct):
    at: dt.datetime
    value: float


class KpiSet(Struct):
    """One agent's or the whole floor's figures since ``since`` (start of today, UTC).

    A None figure is one the hub cannot tell (nothing to measure yet, or not tracked)."""

    scope: KpiScope
    since: dt.datetime
    contacts: int
    right_party_contacts: int
    promises: int
    promised_cents: int
    goal_promises: int
    goal_amount_cents: int
    kept_rate_pct: float | None
    occupancy_pct: float | None
    avg_handle_s: float | None
    avg_wrapup_s: float | None
    abandon_rate_pct: float | None
    abandon_limit_pct: float = 3.0
    # Wrap-ups per hour today, and kept / (kept + broken) promises per week for 8 weeks.
    contacts_by_hour: list[KpiPoint] = msgspec.field(default_factory=list)
    kept_rate_by_week: list[KpiPoint] = msgspec.field(default_factory=list)


# ------------------------------------------------------------------ client -> hub


class Hello(Message, tag="hello"):
    """First message of every connection. Exactly one of password or token."""

    user: str
    password: str | None = None
    token: str | None = None
    client: str = "acuerdo"
    # Last server event sequence seen by this client; events after it are replayed.
    last_seq: int = 0


class Heartbeat(Message, tag="heartbeat"):
    pass


class SetAgentState(Message, tag="agent.state"):
    state: AgentState
    pause_code: str | None = None
    # Where the dialer reaches this agent's softphone (direct IP in the demo).
    sip_uri: str | None = None


class AcceptHandoff(Message, tag="handoff.accept"):
    handoff_id: str


class FetchDebtor(Message, tag="debtor.fetch"):
    debtor_id: int


class FetchHistory(Message, tag="history.fetch"):
    debtor_id: int
    before_id: int | None = None
    limit: int = 50
    # Optional filters (all must hold): only these channels, occurred in
    # [since, until), and a case-insensitive substring of the summary or a detail value.
    channels: Annotated[list[Channel], msgspec.Meta(min_length=1, max_length=9)] | None = None
    since: Annotated[dt.datetime, msgspec.Meta(tz=True)] | None = None
    until: Annotated[dt.datetime, msgspec.Meta(tz=True)] | None = None
    text: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_NAME)] | None = None


class FetchScript(Message, tag="script.fetch"):
    script_id: str
    version: int | None = None


class CreatePromise(Message, tag="promise.create"):
    key: str  # client-generated idempotency key
    handoff_id: str | None
    debtor_id: int
    account_id: int
    amount_cents: int
    currency: str
    due_date: dt.date
    instalments: list[Instalment] = msgspec.field(default_factory=list)
    payment_channel: str | None = None


class SubmitWrapUp(Message, tag="wrapup.submit"):
    key: str
    handoff_id: str | None
    debtor_id: int
    disposition: str
    notes: str = ""
    script_id: str | None = None
    script_version: int | None = None
    script_path: list[str] = msgspec.field(default_factory=list)
    callback_at: dt.datetime | None = None
    # Right-party verification: "verified" once the agent confirmed who they talk to,
    # "refused" when the person could not or would not confirm, None = never asked.
    right_party: RightParty | None = None
    quality: CallQuality | None = None
    # The pending callback this call made good on; the hub marks it done.
    callback_id: int | None = None


class ScheduleCallback(Message, tag="callback.schedule"):
    """Agent write (through the outbox): call this debtor back at ``due_at``.

    ``for_agent`` None leaves the callback to anyone in the campaign; otherwise the
    username of the agent who must make it (usually the sender)."""

    key: str
    debtor_id: int
    due_at: dt.datetime
    handoff_id: str | None = None
    for_agent: str | None = None
    note: str = ""


class UpdateContact(Message, tag="contact.update"):
    """Agent write (through the outbox): a debtor's phone is wrong, valid, or new.

    ``wrong_number`` and ``valid`` name an existing ``contact_point_id``;
    ``new_number`` gives ``value`` (and ``kind``) instead."""

    key: str
    debtor_id: int
    action: ContactAction
    contact_point_id: int | None = None
    value: str | None = None
    kind: ContactKind = "phone"
    handoff_id: str | None = None


class SubscribeBoard(Message, tag="board.subscribe"):
    """Supervisor: send the board now, then every change as ``board.delta`` events."""


class RequestMonitor(Message, tag="monitor.request"):
    """Supervisor: listen to, coach or join an agent's call in progress."""

    agent: str
    mode: MonitorMode


class FetchCampaign(Message, tag="campaign.fetch"):
    """The rules an agent works under: pause codes, wrap-up limit, calling window, policy.

    ``campaign`` None asks for the hub's default campaign (the agent's before any call)."""

    campaign: str | None = None


class PublishScript(Message, tag="script.publish"):
    """Team lead only: publish a new immutable version of a script.

    ``base_version`` is the version the draft was edited from (None for a new
    script); the hub refuses the publish with ``version_conflict`` when someone
    else published meanwhile, so no one overwrites a colleague's work.
    """

    script_id: str
    base_version: int | None
    document: dict[str, object]


class ListScripts(Message, tag="script.list"):
    pass


class CreateHandoff(Message, tag="handoff.create"):
    """Dialer only: connect a debtor (or the campaign's next one) to a ready agent."""

    agent: str
    campaign: str
    mode: DialMode = "predictive"
    debtor_id: int | None = None


class EndHandoff(Message, tag="handoff.end"):
    """Dialer only: the customer leg ended (hung up, failed) before or during the call."""

    handoff_id: str
    reason: str = ""


class ReportCallStatus(Message, tag="agent.status"):
    """Agent, every few seconds during a call and on each script node: what the board shows."""

    handoff_id: str | None = None
    mos: float | None = None
    script_node: str | None = None


class RaiseHelp(Message, tag="help.raise"):
    """Agent: raise a hand on the supervisor board."""

    message: Annotated[str, msgspec.Meta(min_length=1, max_length=MAX_NAME)]


class ClearHelp(Message, tag="help.clear"):
    """Agent: lower the raised hand."""


class CommandAgent(Message, tag="agent.command"):
    """Supervisor (team lead: ``message`` only): act on an agent's desk.

    ``seconds`` is for ``extend_wrapup`` (1..1800); ``text`` for ``message``."""

    agent: str
    action: AgentAction
    seconds: int = 0
    text: str = ""


class EndMonitor(Message, tag="monitor.end"):
    """Supervisor: the monitor leg of this call ended (recorded in the audit log)."""

    agent: str
    handoff_id: str


class FetchCallbacks(Message, tag="callbacks.fetch"):
    """Agent: my pending callbacks and my campaigns' unassigned ones (overdue, next 7 days)."""


class QueueMessage(Message, tag="message.queue"):
    """Agent write (through the outbox): send this SMS or e-mail to one of the debtor's points."""

    key: str
    debtor_id: int
    channel: MessageChannel
    contact_point_id: int
    text: str
    handoff_id: str | None = None
    # The promise the message confirms, by its idempotency key.
    promise_key: str | None = None


class FetchKpis(Message, tag="kpi.fetch"):
    """``agent`` scope: the sender's own figures; ``floor``: supervisors' and admins' floor."""

    scope: KpiScope


class DecidePreview(Message, tag="preview.decide"):
    """Agent owning a preview handoff: ``call`` has the dialer dial, ``skip`` ends it."""

    handoff_id: str
    action: PreviewAction


# ------------------------------------------------------------------ hub -> client


class Welcome(Message, tag="welcome"):
    session_id: str
    user: str
    display_name: str
    role: Role
    token: str
    token_expires_at: dt.datetime
    # Highest event sequence number of this user's stream at the time of welcome.
    seq: int
    # Agents only: base64url (padded) of the key monitor grants for this agent are signed
    # with (sync.hub.grants.agent_grant_key); the softphone verifies grants with it.
    grant_key: str | None = None


class HandoffOffer(Message, tag="handoff.offer"):
    """Screen pop: everything the desktop needs to show before the call connects."""

    seq: int
    handoff_id: str
    campaign: str
    mode: DialMode
    script_id: str
    script_version: int
    debtor: DebtorProfile
    history: HistoryPage
    offered_at: dt.datetime


class HandoffCancel(Message, tag="handoff.cancel"):
    seq: int
    handoff_id: str
    reason: str = ""


class HandoffCreated(Message, tag="handoff.created"):
    """Reply to the dialer's ``handoff.create``."""

    handoff_id: str
    agent: str
    sip_uri: str
    debtor_id: int
    mode: DialMode


class AgentAvailability(Message, tag="agent.availability"):
    """Pushed to dialers whenever an agent's dialable state changes."""

    seq: int
    agent: str
    state: AgentState
    sip_uri: str | None = None


class DebtorData(Message, tag="debtor.data"):
    debtor: DebtorProfile
    history: HistoryPage


class HistoryData(Message, tag="history.page"):
    page: HistoryPage


class ScriptData(Message, tag="script.data"):
    script_id: str
    version: int
    # The script document as the scripts engine reads it (JSON object).
    document: dict[str, object]


class ScriptPublished(Message, tag="script.published"):
    """Reply to ``script.publish``: the version the hub assigned."""

    script_id: str
    version: int


class ScriptSummary(Struct):
    script_id: str
    version: int
    title: str
    locale: str
    published_at: dt.datetime


class ScriptCatalog(Message, tag="script.catalog"):
    scripts: list[ScriptSummary]


class ScriptUpdated(Message, tag="script.updated"):
    """Pushed to every agent when a new version is published; calls in progress keep theirs."""

    seq: int
    script_id: str
    version: int


class WriteAck(Message, tag="write.ack"):
    key: str
    kind: WriteKind
    result_id: int
    duplicate: bool = False


class WriteReject(Message, tag="write.reject"):
    key: str
    kind: WriteKind
    code: str
    reason: str


class BoardSnapshot(Message, tag="board.snapshot"):
    """Reply to ``board.subscribe``: every agent now. Deltas with a higher ``seq`` follow."""

    seq: int
    agents: list[BoardEntry]


class BoardDelta(Message, tag="board.delta"):
    """Pushed to board subscribers whenever an agent's state or call changes."""

    seq: int
    entry: BoardEntry


class MonitorGrant(Message, tag="monitor.grant"):
    """Reply to ``monitor.request``: a short-lived signed grant the agent's softphone checks."""

    token: str
    expires_at: dt.datetime
    agent: str
    supervisor: str
    handoff_id: str
    mode: MonitorMode
    sip_uri: str | None


class CampaignData(Message, tag="campaign.data"):
    policy: CampaignPolicy


class Done(Message, tag="done"):
    """Reply to a request that has nothing else to say: it was carried out."""


class AgentOrder(Message, tag="agent.order"):
    """Pushed to an agent: a supervisor's ``agent.command`` (the hub already applied
    ``force_not_ready`` and ``logout`` to the agent's presence)."""

    seq: int
    action: AgentAction
    # The supervisor's display name.
    by: str
    seconds: int = 0
    text: str = ""


class CallbackList(Message, tag="callbacks.list"):
    callbacks: list[CallbackItem]


class KpiData(Message, tag="kpi.data"):
    kpis: KpiSet


class PreviewGo(Message, tag="preview.go"):
    """Pushed to dialers: the agent chose to call the previewed debtor."""

    seq: int
    handoff_id: str
    agent: str
    action: Literal["call"] = "call"


class Error(Message, tag="error"):
    """Reply to input the hub (or client) could not act on. The connection stays usable."""

    code: str
    reason: str


ClientMessage = (
    Hello
    | Heartbeat
    | SetAgentState
    | AcceptHandoff
    | FetchDebtor
    | FetchHistory
    | FetchScript
    | CreatePromise
    | SubmitWrapUp
    | PublishScript
    | ListScripts
    | CreateHandoff
    | EndHandoff
    | FetchCampaign
    | ScheduleCallback
    | UpdateContact
    | SubscribeBoard
    | RequestMonitor
    | ReportCallStatus
    | RaiseHelp
    | ClearHelp
    | CommandAgent
    | EndMonitor
    | FetchCallbacks
    | QueueMessage
    | FetchKpis
    | DecidePreview
)

ServerMessage = (
    Welcome
    | Heartbeat
    | HandoffOffer
    | HandoffCancel
    | HandoffCreated
    | AgentAvailability
    | DebtorData
    | HistoryData
    | ScriptData
    | ScriptPublished
    | ScriptCatalog
    | ScriptUpdated
    | WriteAck
    | WriteReject
    | CampaignData
    | BoardSnapshot
    | BoardDelta
    | MonitorGrant
    | Done
    | AgentOrder
    | CallbackList
    | KpiData
    | PreviewGo
    | Error
)

# Which roles may send each client message (ARCHITECTURE.md §5).
ALLOWED_ROLES: dict[type[Message], frozenset[str]] = {
    Hello: frozenset({"agent", "supervisor", "team_lead", "admin", "dialer"}),
    Heartbeat: frozenset({"agent", "supervisor", "team_lead", "admin", "dialer"}),
    SetAgentState: frozenset({"agent"}),
    AcceptHandoff: frozenset({"agent"}),
    FetchDebtor: frozenset({"agent", "supervisor", "team_lead", "admin"}),
    FetchHistory: frozenset({"agent", "supervisor", "team_lead", "admin"}),
    FetchScript: frozenset({"agent", "supervisor", "team_lead", "admin"}),
    CreatePromise: frozenset({"agent"}),
    SubmitWrapUp: frozenset({"agent"}),
    PublishScript: frozenset({"team_lead", "admin"}),
    ListScripts: frozenset({"agent", "supervisor", "team_lead", "admin"}),
    CreateHandoff: frozenset({"dialer"}),
    EndHandoff: frozenset({"dialer"}),
    FetchCampaign: frozenset({"agent", "supervisor", "team_lead", "admin"}),
    ScheduleCallback: frozenset({"agent"}),
    UpdateContact: frozenset({"agent"}),
    SubscribeBoard: frozenset({"supervisor", "team_lead", "admin"}),
    # Which modes each role may use is the hub's configuration (see sync.hub.monitor).
    RequestMonitor: frozenset({"supervisor", "team_lead", "admin"}),
    ReportCallStatus: frozenset({"agent"}),
    RaiseHelp: frozenset({"agent"}),
    ClearHelp: frozenset({"agent"}),
    # A team lead may only send ``message`` (checked by the hub).
    CommandAgent: frozenset({"supervisor", "team_lead", "admin"}),
    EndMonitor: frozenset({"supervisor", "team_lead", "admin"}),
    FetchCallbacks: frozenset({"agent"}),
    QueueMessage: frozenset({"agent"}),
    FetchKpis: frozenset({"agent", "supervisor", "admin"}),
    DecidePreview: frozenset({"agent"}),
}
