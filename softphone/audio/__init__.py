"""The bridge between pjsua2's conference bridge and the computer's real audio devices.

pjsua2 runs on its null sound device (the wheel has no device support); `BridgePort` is a
conference-bridge port that exchanges 20 ms frames with `DeviceStreams` (PortAudio through
`sounddevice`) through `FrameRing`s. `list_devices` names the devices an agent can choose.
Nothing here touches widgets; frame callbacks never call pjsua2 or log per frame.
"""

from softphone.audio.devices import AudioDevice, list_devices
from softphone.audio.ring import FrameRing
from softphone.audio.streams import AudioLevels, DeviceStreams

__all__ = ["AudioDevice", "AudioLevels", "DeviceStreams", "FrameRing", "list_devices"]
