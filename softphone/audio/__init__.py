"""The bridge between pjsua2's conference bridge and the computer's real audio devices.

pjsua2 runs on its null sound device (the wheel has no device support); `BridgePort` is a
conference-bridge port that exchanges 20 ms frames with `DeviceStreams` (PortAudio through
`sounddevice`, 10 ms blocks) through `FrameRing`s; `EchoCanceller` (echo.py) takes what the
speaker plays out of the mic, fed by `EchoReference` (reference.py). `list_devices` names the
devices an agent can choose; `DeviceStreams.set_devices` moves to others mid-call.
Nothing here touches widgets; frame callbacks never call pjsua2 or log per frame.
"""

from softphone.audio.devices import AudioDevice, list_devices
from softphone.audio.ring import FrameRing
from softphone.audio.streams import AudioLevels, DeviceStreams

__all__ = ["AudioDevice", "AudioLevels", "DeviceStreams", "FrameRing", "list_devices"]
