"""The phone's call recordings: which call is being recorded, and the wiring that feeds each file.

`Recorder` owns one `CallRecording` per recorded call and does the conference-bridge work around
it: the call's audio (customer) into the recording port, the headset port's tap (agent) beside
it, re-attaching after a re-INVITE gives the call a new media slot, blanking the agent side while
the microphone is cut (mute, hold), adding a joined supervisor while the customer hears them
(never a listening or coaching one), and closing files when calls end. Phone delegates here so the
call bar's recording controls read on their own. It must never keep a pjsua2 media object
between calls, never write audio captured during a pause, and never outlive the headset port.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable
from pathlib import Path

import pjsua2 as pj

from softphone.audio.headset import Headset
from softphone.leg import CallLeg
from softphone.model import SoftphoneError
from softphone.recording import CallRecording

log = logging.getLogger("acuerdo.softphone")


class Recorder:
    """Recordings of the phone's calls, keyed by call id; driven from the pumping thread."""

    def __init__(self, headset: Headset, find_leg: Callable[[int], CallLeg]) -> None:
        self._headset = headset
        # Raises SoftphoneError for a call id the endpoint no longer knows.
        self._find_leg = find_leg
        self._recordings: dict[int, CallRecording] = {}

    def start(self, leg: CallLeg, path: Path) -> None:
        """Record `leg` to a stereo WAV at `path` (left customer, right agent); raises
        SoftphoneError if the call has no audio or the file cannot be created."""
        call_id = leg.call_id
        audio = leg.audio()
        port = self._headset.port
        if audio is None or port is None:
            raise SoftphoneError(f"call {call_id} has no audio to record")
        if call_id in self._recordings:
            raise SoftphoneError(f"call {call_id} is already being recorded")
        recording = CallRecording(path, call_id, leg.handoff_id)
        try:
            recording.open()
            audio.startTransmit(recording)
        except (OSError, pj.Error) as exc:
            recording.finish()
            raise SoftphoneError(f"cannot record call {call_id}: {exc}") from None
        recording.agent_live = not (leg.muted or leg.on_hold)
        port.taps = (*port.taps, recording.agent_tap)
        self._recordings[call_id] = recording
        leg.recording = True
        log.info("recording call %s", call_id)

    def set_paused(self, leg: CallLeg, paused: bool, by: str) -> None:
        """Pause (card data) or resume; `by` (agent id, "supervisor") goes into the sidecar."""
        recording = self._recordings.get(leg.call_id)
        if recording is None:
            raise SoftphoneError(f"call {leg.call_id} is not being recorded")
        if not isinstance(by, str) or not by.strip() or len(by) > 64:
            raise ValueError("say who paused the recording (1..64 characters)")
        recording.drain()  # frames before the pause keep their audio
        if paused:
            recording.pause(by.strip())
        else:
            recording.resume(by.strip())
        leg.recording_paused = paused
        log.info("recording of call %s %s", leg.call_id, "paused" if paused else "resumed")

    def stop(self, call_id: int) -> Path | None:
        """Finish the call's recording; the WAV's path, or None if it was not recording."""
        recording = self._recordings.pop(call_id, None)
        if recording is None:
            return None
        self._close(recording)
        return recording.path

    def media_ready(self, leg: CallLeg, audio: pj.AudioMedia) -> None:
        """A (re-)negotiated media slot for `leg`: keep feeding its recording from it."""
        recording = self._recordings.get(leg.call_id)
        if recording is not None:
            audio.startTransmit(recording)

    def supervisor_heard(self, leg: CallLeg, supervisor: pj.AudioMedia | None, heard: bool) -> None:
        """A supervisor's leg on `leg` is (or stops being) heard by the customer: record it
        beside the agent exactly then (join, customer not on hold). `supervisor` is None when
        the leg is gone (its slot left the bridge with its links)."""
        recording = self._recordings.get(leg.call_id)
        if recording is None:
            return
        if heard and supervisor is not None:
            supervisor.startTransmit(recording.supervisor_feed())
        elif supervisor is not None and recording.supervisor is not None:
            with contextlib.suppress(pj.Error):  # never connected, or its slot is gone
                supervisor.stopTransmit(recording.supervisor)
        recording.supervisor_heard(heard and supervisor is not None)

    def set_agent_live(self, call_id: int, live: bool) -> None:
        """Whether the agent's side is really heard in the call (not muted, not on hold)."""
        recording = self._recordings.get(call_id)
        if recording is not None:
            recording.agent_live = live

    def drain(self) -> None:
        """Write queued frames; close recordings whose call ended (pumping thread)."""
        for call_id, recording in list(self._recordings.items()):
            try:
                ended = self._find_leg(call_id).ended
            except SoftphoneError:
                ended = True
            if ended or recording.finished:
                del self._recordings[call_id]
                self._close(recording)
            else:
                recording.drain()

    def close_all(self) -> None:
        """Finish every recording (the endpoint is about to stop)."""
        for recording in self._recordings.values():
            self._close(recording)
        self._recordings.clear()

    def _close(self, recording: CallRecording) -> None:
        port = self._headset.port
        if port is not None:
            port.taps = tuple(t for t in port.taps if t is not recording.agent_tap)
        recording.finish()
        recording.supervisor = None  # its bridge port goes now, not whenever gc gets to it
        log.info("recording of call %s finished", recording.call_id)
