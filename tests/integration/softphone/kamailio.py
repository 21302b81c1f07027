"""A real kamailio on loopback as the registrar and proxy of the softphone tests.

The config is written per test: digest auth checked against one user/password pair in the
config itself (no database), usrloc in memory, record-routing proxy to registered contacts.
`Kamailio.stop()` / `start()` keep the same port so a test can take the registrar away and bring
it back. Started in the foreground (-DD) so the test owns the process and can kill it.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

from tests.integration.softphone.support import free_udp_port

MODULES = Path("/usr/lib/x86_64-linux-gnu/kamailio/modules")

CONFIG = """#!KAMAILIO
debug=1
log_stderror=yes
children=2
tcp_children=2
auto_aliases=no
listen=udp:127.0.0.1:{port}
listen=tcp:127.0.0.1:{port}
alias="127.0.0.1:{port}"
mpath="{modules}"
loadmodule "tm.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "auth.so"
loadmodule "xlog.so"
modparam("usrloc", "db_mode", 0)
modparam("registrar", "min_expires", 1)
modparam("registrar", "max_expires", 3600)

request_route {{
    if (!mf_process_maxfwd_header("10")) {{ sl_send_reply("483", "Too Many Hops"); exit; }}
    if (is_method("CANCEL")) {{ if (t_check_trans()) t_relay(); exit; }}
    if (has_totag()) {{
        if (loose_route()) {{ t_relay(); exit; }}
        if (is_method("ACK") && !t_check_trans()) {{ exit; }}
        if (uri == myself && !lookup("location")) {{ sl_send_reply("404", "Not Found"); exit; }}
        t_relay();
        exit;
    }}
    if (is_method("REGISTER")) {{
        if (!pv_auth_check("$td", "{password}", "0", "1")) {{
            auth_challenge("$td", "0");
            exit;
        }}
        if ($au != "{user}") {{ sl_send_reply("403", "Forbidden"); exit; }}
        save("location");
        exit;
    }}
    record_route();
    if (uri == myself) {{
        if (!lookup("location")) {{ sl_send_reply("480", "Temporarily Unavailable"); exit; }}
    }}
    t_relay();
}}
"""


def available() -> bool:
    return shutil.which("kamailio") is not None and (MODULES / "auth.so").exists()


class Kamailio:
    """One kamailio process on 127.0.0.1:port with a per-test config and log file."""

    def __init__(self, workdir: Path, user: str, password: str) -> None:
        self.port = free_udp_port()
        self.workdir = workdir
        self.config = workdir / "kamailio.cfg"
        self.config.write_text(
            CONFIG.format(port=self.port, modules=MODULES, user=user, password=password)
        )
        self.log = workdir / "kamailio.log"
        self.process: subprocess.Popen[bytes] | None = None

    @property
    def uri(self) -> str:
        return f"sip:127.0.0.1:{self.port}"

    def start(self) -> None:
        check = subprocess.run(
            ["kamailio", "-c", "-f", str(self.config)], capture_output=True, text=True
        )
        if check.returncode != 0:
            raise RuntimeError(f"kamailio config rejected:\n{check.stderr[-2000:]}")
        with self.log.open("ab") as sink:
            self.process = subprocess.Popen(
                [
                    "kamailio",
                    "-DD",
                    "-E",
                    "-f",
                    str(self.config),
                    "-Y",
                    str(self.workdir),
                    "-w",
                    str(self.workdir),
                    "-m",
                    "32",
                    "-M",
                    "8",
                ],
                stdout=sink,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,  # its workers form a group we can end together
            )
        time.sleep(0.3)  # bind; a REGISTER sent earlier is retransmitted by pjsip anyway
        if self.process.poll() is not None:
            raise RuntimeError(f"kamailio exited: {self.log.read_text()[-2000:]}")

    def stop(self) -> None:
        if self.process is None:
            return
        # Signal the whole group: kamailio's workers can outlive a main process that died first.
        group = self.process.pid
        for sig in (signal.SIGTERM, signal.SIGKILL):
            try:
                os.killpg(group, sig)
            except ProcessLookupError:
                break
            try:
                self.process.wait(5)
                break
            except subprocess.TimeoutExpired:
                continue
        self.process.wait()
        # Workers still exiting after the main process: make sure none stays.
        with contextlib.suppress(ProcessLookupError):
            os.killpg(group, signal.SIGKILL)
        self.process = None
