"""Delivery bookkeeping: the in-flight window, answers, retry times and the write's ref."""

from __future__ import annotations

import pytest

from sync.client.delivery import Delivery, key_of_ref, outbox_ref, with_ref
from sync.protocol import SubmitWrapUp, decode_client, encode


def test_window_fills_and_answers_free_it() -> None:
    delivery = Delivery(window=2)
    delivery.sent("a", 0.0)
    delivery.sent("b", 0.0)
    assert delivery.window_full()
    delivery.answered("a")
    assert not delivery.window_full() and delivery.in_flight == 1


def test_answered_or_in_flight_keys_are_not_sent_again_on_the_same_link() -> None:
    delivery = Delivery()
    delivery.sent("a", 0.0)
    assert not delivery.can_send("a", 1.0)
    delivery.answered("a")
    assert not delivery.can_send("a", 1.0)
    delivery.new_link()
    assert delivery.can_send("a", 1.0)  # a new link sends every open item again


def test_rate_limited_write_waits_then_goes_again() -> None:
    delivery = Delivery()
    delivery.sent("a", 10.0)
    delivery.retry_later("a", 10.0, 1.0)
    delivery.pause(10.0, 1.0)
    assert delivery.in_flight == 0
    assert not delivery.can_send("a", 10.5) and delivery.paused_for(10.5) == pytest.approx(0.5)
    assert delivery.next_deadline(10.5) == pytest.approx(0.5)
    assert delivery.can_send("a", 11.0) and delivery.paused_for(11.0) == 0.0


def test_unanswered_writes_expire_after_the_ack_timeout() -> None:
    delivery = Delivery(window=1, ack_timeout_s=30.0)
    delivery.sent("a", 0.0)
    assert delivery.next_deadline(10.0) == pytest.approx(20.0)
    assert delivery.expire(29.0) == []
    assert delivery.expire(30.0) == ["a"]
    assert not delivery.window_full() and delivery.can_send("a", 30.0)
    assert delivery.next_deadline(30.0) is None


def test_refs_name_their_key_and_nothing_else() -> None:
    assert key_of_ref(outbox_ref("k-1")) == "k-1"
    assert key_of_ref("3f2a9c") is None and key_of_ref(None) is None
    assert key_of_ref("outbox:") is None


def test_with_ref_changes_only_the_ref() -> None:
    wrapup = SubmitWrapUp(key="w-1", handoff_id=None, debtor_id=3, disposition="promesa")
    sent = decode_client(with_ref(encode(wrapup), "w-1"))
    assert sent.ref == "outbox:w-1"
    assert isinstance(sent, SubmitWrapUp) and sent.key == "w-1" and sent.debtor_id == 3


@pytest.mark.parametrize(("window", "timeout"), [(0, 1.0), (1, 0.0)])
def test_bad_settings_are_refused(window: int, timeout: float) -> None:
    with pytest.raises(ValueError):
        Delivery(window=window, ack_timeout_s=timeout)
