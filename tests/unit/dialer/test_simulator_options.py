"""Bad dialer options fail fast with a clear message, before any socket or SIP stack opens."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.dialer.cli import EXIT_CONFIG, dialer_main
from sync.dialer.simulator import DialerSimulator


@pytest.fixture
def voice(tmp_path: Path) -> Path:
    wav = tmp_path / "voice.wav"
    wav.write_bytes(b"RIFF")  # existence is all the constructor checks
    return wav


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"hub_url": "http://127.0.0.1:8765"}, "websocket URL"),
        ({"hub_url": "not a url"}, "websocket URL"),
        ({"mode": "robocall"}, "dial mode"),
        ({"pacing_s": -1.0}, "pacing_s"),
        ({"max_calls": -3}, "max_calls"),
        ({"talk_time_s": (5.0, 1.0)}, "talk_time_s"),
        ({"talk_time_s": (-1.0, 1.0)}, "talk_time_s"),
        ({"campaign": ""}, "campaign"),
        ({"backoff_initial_s": 0.0}, "backoff"),
    ],
)
def test_bad_options_are_refused_clearly(
    voice: Path, kwargs: dict[str, object], message: str
) -> None:
    options: dict[str, object] = {"hub_url": "ws://127.0.0.1:8765", "voice_wav": voice}
    options.update(kwargs)
    hub_url = options.pop("hub_url")
    with pytest.raises(ValueError, match=message):
        DialerSimulator(hub_url, password="x", **options)  # type: ignore[arg-type]


def test_missing_voice_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="WAV not found"):
        DialerSimulator("ws://127.0.0.1:8765", password="x", voice_wav=tmp_path / "none.wav")


def test_cli_entry_turns_bad_options_into_an_exit_code(capsys: pytest.CaptureFixture[str]) -> None:
    assert dialer_main("http://nowhere", "x") == EXIT_CONFIG
    assert "websocket URL" in capsys.readouterr().err
