"""Portfolio import from real CSV files, and export of promises and wrap-ups (CSV, change feed).

Files are written to a temporary folder and imported with the command line
(``sync.hub.portfolio_io.main``) into a copy of the demo database, on SQLite
and PostgreSQL: good rows land linked to their debtor, every bad row is
reported with its line number and reason, and a second import of the same
debtors is refused row by row. A real hub stores a promise and a wrap-up;
the export and the change feed hand them out with their cursor.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
import uuid
from pathlib import Path

import pytest

from sync.hub.portfolio_io import main
from sync.hub.server import Hub
from sync.protocol import HandoffOffer, SubmitWrapUp, WriteAck

from .conftest import rows
from .test_call_flow import hand_off, promise, ready_agent_and_dialer

DEBTORS = """debtor_ref,first_name,last_name,region,timezone,broken_promises,last_payment_on
C-1,Rosa,Núñez,Jalisco,America/Mexico_City,1,2026-01-15
C-2,Pedro,Salas,Sonora,America/Hermosillo,,
C-3,Bad,Zone,Nowhere,Mars/Olympus,,
C-1,Rosa,Again,Jalisco,America/Mexico_City,,
"""
ACCOUNT_COLUMNS = (
    "debtor_ref,product,number_masked,balance_cents,currency,days_past_due,"
    "minimum_payment_cents,status\n"
)
ACCOUNTS = (
    ACCOUNT_COLUMNS
    + """C-1,credit_card,**** 1111,1250000,MXN,20,50000,
C-2,personal_loan,**** 2222,900000,MXN,75,30000,open
C-1,spaceship,**** 3333,1,MXN,1,1,
C-9,telecom,**** 4444,1,MXN,1,1,
C-2,telecom,**** 5555,-5,MXN,1,1,
"""
)
CONTACTS = """debtor_ref,kind,value,label,valid,do_not_call
C-1,phone,+52 33 1234 5678,casa,true,
C-2,email,not-an-address,,,
C-2,whatsapp,+526621234567,,false,TRUE
"""
HISTORY = """debtor_ref,channel,occurred_at,direction,summary,account_number
C-1,sms,2026-01-10T10:00:00-06:00,out,Recordatorio de pago,**** 1111
C-1,call,2026-01-11 10:00,out,Sin zona horaria,
C-2,payment,2026-01-12T09:30:00Z,in,Pago recibido,**** 9999
C-2,note,2026-01-13T09:30:00Z,,Nota importada,
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    status = main(list(argv), out)
    return status, out.getvalue()


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(newline="", encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def test_import_keeps_good_rows_and_reports_each_bad_one(database_url: str, tmp_path: Path) -> None:
    files = {
        "--debtors": write(tmp_path, "d.csv", DEBTORS),
        "--accounts": write(tmp_path, "a.csv", ACCOUNTS),
        "--contact-points": write(tmp_path, "c.csv", CONTACTS),
        "--history": write(tmp_path, "h.csv", HISTORY),
    }
    report_dir = tmp_path / "report"
    args = [a for flag, path in files.items() for a in (flag, str(path))]
    status, printed = run("import", "--db", database_url, *args, "--report-dir", str(report_dir))
    assert status == 0, printed
    assert "debtors: 4 read, 2 imported, 2 rejected" in printed
    assert "accounts: 5 read, 2 imported, 3 rejected" in printed
    assert "contact_points: 3 read, 2 imported, 1 rejected" in printed
    assert "history: 4 read, 2 imported, 2 rejected" in printed

    rejected = read_csv(report_dir / "rejected_debtors.csv")
    assert [(r["line"], r["debtor_ref"]) for r in rejected] == [("4", "C-3"), ("5", "C-1")]
    assert "not a known IANA zone" in rejected[0]["reason"]
    assert "already imported" in rejected[1]["reason"]
    reasons = {r["line"]: r["reason"] for r in read_csv(report_dir / "rejected_accounts.csv")}
    assert set(reasons) == {"4", "5", "6"}
    assert "product must be one of" in reasons["4"]
    assert "'C-9' is unknown" in reasons["5"]
    assert "must not be negative" in reasons["6"]
    history = {r["line"]: r["reason"] for r in read_csv(report_dir / "rejected_history.csv")}
    assert "UTC offset" in history["3"]
    assert "not an account of this debtor" in history["4"]

    (rosa,) = rows(database_url, "SELECT id, timezone FROM debtors WHERE external_ref = ?", "C-1")
    accounts = rows(
        database_url, "SELECT id, segment, status FROM accounts WHERE debtor_id = ?", rosa[0]
    )
    assert [(a[1], a[2]) for a in accounts] == [("temprana", "open")]
    events = rows(
        database_url, "SELECT channel, account_id FROM history_events WHERE debtor_id = ?", rosa[0]
    )
    assert events == [("sms", accounts[0][0])]
    phones = rows(database_url, "SELECT value FROM contact_points WHERE debtor_id = ?", rosa[0])
    assert phones == [("+52 33 1234 5678",)]
    flagged = rows(
        database_url,
        "SELECT c.kind FROM contact_points c JOIN debtors d ON d.id = c.debtor_id "
        "WHERE d.external_ref = ? AND c.do_not_call = ?",
        "C-2",
        True,
    )
    assert flagged == [("whatsapp",)]

    status, printed = run("import", "--db", database_url, "--debtors", str(files["--debtors"]),
                          "--report-dir", str(report_dir))  # fmt: skip
    assert status == 0
    assert "debtors: 4 read, 0 imported, 4 rejected" in printed


def test_import_refuses_a_file_with_missing_columns(database_url: str, tmp_path: Path) -> None:
    path = write(tmp_path, "d.csv", "debtor_ref,first_name\nC-1,Rosa\n")
    status, _ = run("import", "--db", database_url, "--debtors", str(path))
    assert status == 2
    assert rows(database_url, "SELECT count(*) FROM debtors WHERE external_ref IS NOT NULL") == [
        (0,)
    ]
    status, _ = run("import", "--db", database_url, "--debtors", str(tmp_path / "missing.csv"))
    assert status == 2


@pytest.mark.asyncio
async def test_export_and_change_feed_hand_out_promises_and_wrapups(
    hub: Hub, database_url: str, tmp_path: Path
) -> None:
    agent, dialer = await ready_agent_and_dialer(hub)
    async with agent, dialer:
        await hand_off(dialer)
        offer = await agent.receive_type(HandoffOffer)
        ack = await agent.request(promise(offer, str(uuid.uuid4()), ref="p"))
        assert isinstance(ack, WriteAck)
        wrapped = await agent.request(
            SubmitWrapUp(key=str(uuid.uuid4()), handoff_id=offer.handoff_id,
                         debtor_id=offer.debtor.id, disposition="promise", ref="w")
        )  # fmt: skip
        assert isinstance(wrapped, WriteAck)

    out = tmp_path / "promises.csv"
    today = dt.date.today().isoformat()
    status, _ = run("export", "--db", database_url, "promises", "--since", today, "--out", str(out))
    assert status == 0
    (exported,) = read_csv(out)
    assert int(exported["promise_id"]) == ack.result_id and exported["agent"] == "ana"
    tomorrow = (dt.date.today() + dt.timedelta(days=1)).isoformat()
    status, printed = run("export", "--db", database_url, "wrapups", "--since", tomorrow)
    assert status == 0 and len(printed.strip().splitlines()) == 1  # the header only

    status, printed = run("feed", "--db", database_url, "--after", "0", "--settle-s", "0")
    assert status == 0
    feed = [json.loads(line) for line in printed.splitlines()]
    assert [(e["kind"], e.get("promise_id", e.get("wrapup_id"))) for e in feed] == [
        ("promise", ack.result_id),
        ("wrapup", wrapped.result_id),
    ]
    assert feed[0]["cursor"] < feed[1]["cursor"]
    status, printed = run(
        "feed", "--db", database_url, "--after", str(feed[0]["cursor"]), "--settle-s", "0"
    )
    assert [json.loads(line)["kind"] for line in printed.splitlines()] == ["wrapup"]
    status, _ = run("export", "--db", database_url, "promises", "--since", "yesterday")
    assert status == 2
