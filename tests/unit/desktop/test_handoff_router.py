"""Pairing offers with INVITEs: predictive answer-after=0 answers itself, the rest ring."""

from __future__ import annotations

from dataclasses import replace

from pytestqt.qtbot import QtBot

from desktop.agent.handoff_router import HandoffRouter
from softphone.model import CallInfo
from tests.unit.desktop.conftest import make_offer


class RecordingPhone:
    """Stands in for the softphone's call control only; the router under test is real."""

    def __init__(self) -> None:
        self.answered: list[int] = []
        self.calls: dict[int, CallInfo] = {}

    def answer(self, call_id: int) -> None:
        self.answered.append(call_id)

    def call(self, call_id: int) -> CallInfo | None:
        return self.calls.get(call_id)

    def apply_unpaired_policy(self, call_id: int) -> bool:
        return False  # "ring": the real policy is tested in test_unpaired_policy_router.py


def _invite(call_id: int, handoff_id: str | None, answer_after: float | None) -> CallInfo:
    return CallInfo(
        call_id,
        "incoming",
        "sip:dialer@127.0.0.1",
        handoff_id,
        answer_after,
        "ringing",
        False,
        False,
        180,
        "Ringing",
        1.0,
        None,
        0,
    )


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _router(qtbot: QtBot, phone: RecordingPhone, clock: Clock) -> HandoffRouter:
    router = HandoffRouter(phone, wait_s=3.0, clock=clock)
    router.stop()  # the test drives expiry itself
    return router


def test_offer_then_predictive_invite_is_answered(qtbot: QtBot) -> None:
    phone, clock = RecordingPhone(), Clock()
    router = _router(qtbot, phone, clock)
    router.offer_arrived(make_offer("predictive", "h-1"))
    call = _invite(7, "h-1", 0)
    phone.calls[7] = call
    with qtbot.waitSignal(router.auto_answered) as blocker:
        router.invite_arrived(call)
    assert blocker.args == [7] and phone.answered == [7]


def test_invite_first_then_offer_pairs_too(qtbot: QtBot) -> None:
    phone, clock = RecordingPhone(), Clock()
    router = _router(qtbot, phone, clock)
    phone.calls[8] = _invite(8, "h-2", 0)
    router.invite_arrived(phone.calls[8])
    assert phone.answered == []
    with qtbot.waitSignal(router.paired):
        router.offer_arrived(make_offer("predictive", "h-2"))
    assert phone.answered == [8]


def test_preview_or_no_answer_after_rings(qtbot: QtBot) -> None:
    phone, clock = RecordingPhone(), Clock()
    router = _router(qtbot, phone, clock)
    router.offer_arrived(make_offer("preview", "h-3"))
    phone.calls[9] = _invite(9, "h-3", None)
    with qtbot.waitSignal(router.ringing) as blocker:
        router.invite_arrived(phone.calls[9])
    assert blocker.args == [9] and phone.answered == []
    router.offer_arrived(make_offer("predictive", "h-4"))
    phone.calls[10] = replace(_invite(10, "h-4", None))
    with qtbot.waitSignal(router.ringing):
        router.invite_arrived(phone.calls[10])
    assert phone.answered == []


def test_unpaired_invite_rings_after_the_wait(qtbot: QtBot) -> None:
    phone, clock = RecordingPhone(), Clock()
    router = _router(qtbot, phone, clock)
    phone.calls[11] = _invite(11, "h-lost", 0)
    router.invite_arrived(phone.calls[11])
    with qtbot.assertNotEmitted(router.ringing):
        router.check_expired()
    clock.now += 3.5
    with qtbot.waitSignal(router.ringing) as blocker:
        router.check_expired()
    assert blocker.args == [11] and phone.answered == []


def test_invite_without_handoff_rings_at_once(qtbot: QtBot) -> None:
    phone, clock = RecordingPhone(), Clock()
    router = _router(qtbot, phone, clock)
    with qtbot.waitSignal(router.ringing):
        router.invite_arrived(_invite(12, None, None))
