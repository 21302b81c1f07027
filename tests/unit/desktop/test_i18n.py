"""The Spanish catalogue loads and translates; English is the source; bad locales are refused."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication, QLocale
from PySide6.QtWidgets import QApplication

from desktop.agent.wrapup_dialog import disposition_label
from desktop.common.formatting import format_money
from desktop.common.i18n import check_locale, install_translator, translate, translations_dir


@pytest.fixture
def app(qapp: QApplication) -> Iterator[QApplication]:
    default = QLocale()
    yield qapp
    QLocale.setDefault(default)


def test_spanish_catalogue_is_compiled_and_committed() -> None:
    assert (translations_dir() / "acuerdo_es_MX.ts").is_file()
    assert (translations_dir() / "acuerdo_es_MX.qm").is_file()


def test_spanish_translates_known_strings(app: QApplication) -> None:
    translator = install_translator(app, "es_MX")
    assert translator is not None
    try:
        assert translate("Call", "Hang up") == "Colgar"
        assert disposition_label("promise_to_pay") == "Promesa de pago"
        assert (
            translate("History", "History ({shown} of {total})").format(shown=50, total=137)
            == "Historial (50 de 137)"
        )
    finally:
        QCoreApplication.removeTranslator(translator)
    assert translate("Call", "Hang up") == "Hang up"


def test_english_needs_no_catalogue(app: QApplication) -> None:
    assert install_translator(app, "en_US") is None
    assert translate("Call", "Hang up") == "Hang up"


def test_unknown_locale_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="unsupported locale 'fr_FR'; choose one of es_MX, en_US"):
        check_locale("fr_FR")


def test_money_follows_the_locale() -> None:
    assert format_money(1_854_390, "MXN", "es_MX") == "$18,543.90"
    assert format_money(1_854_390, "MXN", "en_US") == "MX$18,543.90"
