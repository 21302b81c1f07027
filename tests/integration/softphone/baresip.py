"""A real baresip on loopback as a far-end party: it answers by itself, talks a sine tone and
dumps what it hears to WAV files (the `sndfile` filter), so a test can FFT what it received.

baresip 1.0 (Debian's baresip-core) has no file player, so the party's voice is `ausine`
(48 kHz stereo only, resampled to the codec) and its speaker is `aubridge`, a device that
goes nowhere. Incoming REFERs are followed (baresip dials the Refer-To target), which makes it a
transferee as well as a transfer target. Files are only complete after `stop()`.
"""

from __future__ import annotations

import contextlib
import shutil
import subprocess
import time
import wave
from pathlib import Path

import numpy as np

from tests.integration.softphone.support import free_udp_port

MODULES = Path("/usr/lib/baresip/modules")

CONFIG = """poll_method epoll
sip_listen 127.0.0.1:{port}
audio_source ausine,{tone}
audio_player aubridge,nowhere
ausrc_srate 48000
ausrc_channels 2
auplay_srate 48000
auplay_channels 2
module_path {modules}
module g711.so
module ausine.so
module aubridge.so
module sndfile.so
module_app account.so
module_app menu.so
snd_path {dumps}
"""


def available() -> bool:
    return shutil.which("baresip") is not None and (MODULES / "sndfile.so").exists()


class Baresip:
    """One baresip user agent `user@127.0.0.1:port` saying a `tone_hz` sine."""

    def __init__(self, workdir: Path, user: str, tone_hz: int) -> None:
        self.port = free_udp_port()
        self.user = user
        self.dir = workdir / f"baresip-{user}"
        self.dumps = self.dir / "dumps"
        self.dumps.mkdir(parents=True)
        (self.dir / "config").write_text(
            CONFIG.format(port=self.port, tone=tone_hz, modules=MODULES, dumps=self.dumps)
        )
        (self.dir / "accounts").write_text(
            f"<sip:{user}@127.0.0.1:{self.port}>;regint=0;answermode=auto;audio_codecs=PCMA,PCMU\n"
        )
        self.log = self.dir / "baresip.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def uri(self) -> str:
        return f"sip:{self.user}@127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log.open("wb") as sink:
            self.process = subprocess.Popen(
                ["baresip", "-f", str(self.dir)],
                stdin=subprocess.DEVNULL,
                stdout=sink,
                stderr=subprocess.STDOUT,
            )
        for _ in range(100):  # bounded: "ready" is printed once the SIP socket is bound
            if "baresip is ready" in self.log.read_text(errors="replace"):
                return
            if self.process.poll() is not None:
                break
            time.sleep(0.05)
        raise RuntimeError(f"baresip did not start:\n{self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.process = None

    def heard(self) -> list[np.ndarray]:
        """What baresip received in each call, oldest call first (8 kHz int16 samples)."""
        calls = []
        for path in sorted(self.dumps.glob("*-dec.wav")):
            with contextlib.suppress(wave.Error, EOFError), wave.open(str(path)) as wav:
                raw = wav.readframes(wav.getnframes())
                calls.append(np.frombuffer(raw, dtype=np.int16).copy())
        return calls

    def log_text(self) -> str:
        return self.log.read_text(errors="replace")
