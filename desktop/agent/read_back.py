"""The words the agent reads back to the debtor before a promise is saved, and the confirmation.

Amounts and dates are formatted for the session's locale by Babel (through the formatting
helpers); the sentence itself is translated, with named placeholders so Spanish can reorder it.
The same facts make the confirmation message queued to the debtor. This module must never
import widgets or log the text it builds: it holds amounts.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP

from desktop.agent.promise_rules import PromiseDraft
from desktop.common.formatting import format_date, format_money, product_label
from desktop.common.i18n import translate
from sync.protocol import MAX_TEXT, Account

# How the debtor will pay; stored as the promise's payment_channel.
PAYMENT_CHANNELS: dict[str, str] = {
    "bank_transfer": str(QT_TRANSLATE_NOOP("Payment", "Bank transfer (SPEI)")),
    "card": str(QT_TRANSLATE_NOOP("Payment", "Debit or credit card")),
    "convenience_store": str(QT_TRANSLATE_NOOP("Payment", "Cash at a convenience store")),
    "bank_branch": str(QT_TRANSLATE_NOOP("Payment", "Cash at a bank branch")),
}


def payment_label(channel: str | None) -> str:
    source = PAYMENT_CHANNELS.get(channel or "")
    return translate("Payment", source) if source else (channel or "")


def promise_facts(draft: PromiseDraft, account: Account, locale: str) -> str:
    """What was agreed, in one or two sentences, without a question."""

    def money(cents: int) -> str:
        return format_money(cents, draft.currency, locale)

    what = translate("ReadBack", "your {product} account {number}").format(
        product=product_label(account.product), number=account.number_masked
    )
    if draft.kind == "plan":
        payments = translate("ReadBack", "; ").join(
            translate("ReadBack", "{amount} on {date}").format(
                amount=money(i.amount_cents), date=format_date(i.due_date, locale)
            )
            for i in draft.instalments
        )
        text = translate(
            "ReadBack", "You agree to pay {total} for {what} in {count} instalments: {payments}."
        ).format(total=money(draft.amount_cents), what=what, count=len(draft.instalments),
                 payments=payments)  # fmt: skip
    elif draft.kind == "settlement":
        text = translate(
            "ReadBack",
            "You agree to pay {amount} on {date} to settle {what}, whose balance is {balance}.",
        ).format(
            amount=money(draft.amount_cents),
            date=format_date(draft.due_date, locale),
            what=what,
            balance=money(account.balance_cents),
        )
    else:
        text = translate("ReadBack", "You agree to pay {amount} on {date} for {what}.").format(
            amount=money(draft.amount_cents), date=format_date(draft.due_date, locale), what=what
        )
    if draft.payment_channel:
        text += " " + translate("ReadBack", "Payment by: {channel}.").format(
            channel=payment_label(draft.payment_channel)
        )
    return text


def read_back_text(draft: PromiseDraft, account: Account, locale: str) -> str:
    return translate("ReadBack", "{facts} Is that correct?").format(
        facts=promise_facts(draft, account, locale)
    )


def confirmation_text(draft: PromiseDraft, account: Account, locale: str) -> str:
    text = translate("ReadBack", "Payment agreement confirmed. {facts} Thank you.").format(
        facts=promise_facts(draft, account, locale)
    )
    return text[:MAX_TEXT]
