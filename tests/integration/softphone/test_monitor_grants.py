"""Who may open a monitor leg on the agent's phone, and when the leg ends.

Real Phones on loopback: the agent's here, the customer and the supervisor in child
processes. Forged, expired and wrong-agent grants, and any grant while the phone has no
grant key, are refused with 403; a grant for a handoff that is not up gets 481; a mode
change signed for another supervisor is refused in-dialog and the mode stays. A monitor leg
never rings nor shows as a call, and it ends when the customer's call ends.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from sync.hub.grants import GrantClaims, sign_grant
from tests.integration.softphone.monitor_support import (
    CUSTOMER_HZ,
    SUPERVISOR_HZ,
    AgentDesk,
    Party,
    grant,
)

pytestmark = pytest.mark.sip


@pytest.fixture
def parties() -> Iterator[list[Party]]:
    started: list[Party] = []
    yield started
    for party in started:
        if party.process.poll() is None:
            party.process.kill()
        party.close()


def _call_up(desk: AgentDesk, parties: list[Party], tmp_path: Path) -> tuple[Party, Party, int]:
    customer = Party("customer", CUSTOMER_HZ, tmp_path)
    supervisor = Party("carmen", SUPERVISOR_HZ, tmp_path)
    parties += [customer, supervisor]
    customer.expect(desk, "READY ")
    supervisor.expect(desk, "READY ")
    customer.send(f"CALL {desk.phone.contact_uri} h-7")
    customer_call = int(customer.expect(desk, "CALL "))
    assert desk.wait(lambda: any(c.state == "confirmed" for c in desk.phone.calls()))
    return customer, supervisor, customer_call


def _dial(desk: AgentDesk, supervisor: Party, token: str) -> tuple[int, int]:
    """Dial with `token`: the supervisor's call id and the SIP status that ended the attempt
    (200 if it connected)."""
    supervisor.send(f"MONITOR {desk.phone.contact_uri} {token}")
    call_id = int(supervisor.expect(desk, "CALL "))
    while True:
        state, status = supervisor.expect(desk, f"STATE {call_id} ").split()
        if state in ("confirmed", "disconnected"):
            return call_id, 200 if state == "confirmed" else int(status)


def _monitor_status(desk: AgentDesk, supervisor: Party, token: str) -> int:
    """The status of a refused attempt, as SIP ended it and as the supervisor's phone told
    its listener (call ids are reused, so each report is consumed here)."""
    call_id, status = _dial(desk, supervisor, token)
    assert status != 200
    report = _answer(desk, supervisor, call_id)
    assert (report["mode"], report["sip_status"]) == (None, status)
    return status


def _answer(desk: AgentDesk, supervisor: Party, call_id: int) -> dict[str, object]:
    """The supervisor phone's next report on monitor leg `call_id`."""
    head = f'{{"call_id": {call_id},'
    return dict(json.loads(head + supervisor.expect(desk, f"MONITOR {head}")))


def test_bad_grants_are_refused_and_a_good_one_ends_with_the_call(
    parties: list[Party], tmp_path: Path
) -> None:
    desk = AgentDesk()
    try:
        customer, supervisor, customer_call = _call_up(desk, parties, tmp_path)
        forged_claims = GrantClaims("ana", "Carmen", "h-7", "listen", None, 2**31, False)
        forged = sign_grant(forged_claims, b"not the hub's secret")
        assert _monitor_status(desk, supervisor, forged) == 403
        assert _monitor_status(desk, supervisor, grant("listen", "h-7", ttl_s=-5)) == 403
        # Bob's grant, genuinely signed for Bob's phone, is worthless on Ana's.
        assert _monitor_status(desk, supervisor, grant("listen", "h-7", agent="bob")) == 403
        # Signed with Ana's key but naming Bob: refused too.
        assert _monitor_status(desk, supervisor, grant("listen", "h-7", "bob", key_of="ana")) == 403
        assert _monitor_status(desk, supervisor, grant("listen", "h-gone")) == 481
        assert desk.monitors == []  # nothing was ever mixed

        monitor_call, status = _dial(desk, supervisor, grant("listen", "h-7"))
        assert status == 200
        assert desk.wait(lambda: desk.mode() == "listen")
        assert _answer(desk, supervisor, monitor_call)["mode"] == "listen"
        assert [c.call_id for c in desk.phone.calls()] == [desk.incoming[0].call_id]
        assert len(desk.incoming) == 1  # the monitor leg never rang

        # A mode change signed for another supervisor is refused; the mode stays.
        supervisor.send(f"CHANGE {monitor_call} {grant('join', 'h-7', supervisor='Mallory')}")
        answer = _answer(desk, supervisor, monitor_call)
        assert (answer["mode"], answer["sip_status"]) == ("listen", 403)
        assert desk.mode() == "listen"

        customer.send(f"HANGUP {customer_call}")
        assert supervisor.expect(desk, f"STATE {monitor_call} disconnected").strip() != ""
        assert desk.wait(lambda: desk.mode() is None)
        assert desk.wait(lambda: not desk.phone.calls())
    finally:
        desk.stop()


def test_a_phone_without_a_grant_key_refuses_every_monitor_leg(
    parties: list[Party], tmp_path: Path
) -> None:
    desk = AgentDesk(with_key=False)
    try:
        _, supervisor, _ = _call_up(desk, parties, tmp_path)
        assert _monitor_status(desk, supervisor, grant("listen", "h-7")) == 403
        assert desk.monitors == []
    finally:
        desk.stop()
