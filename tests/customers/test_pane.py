"""The Customers pane driven as the receptionist drives it: search, open, edit, save, see the banner."""

import pytest

from servicedesk.core import session
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QLabel, QLineEdit, QPushButton, QTableView, QVBoxLayout, QWidget

from servicedesk.core.services import customers
from servicedesk.ui.actions import ActionId, ActionRegistry
from servicedesk.ui.customers.pane import CustomersPane
from servicedesk.ui.navigation import Navigator


@pytest.fixture
def people(dorothy, sam):
    others = [customers.create(name=n, phone=p, company=c).id for n, p, c in (
        ("Walter Brown", "555 301 7777", "Brown Pools"), ("Renée Dubois", "555 301 2200", "Café Dubois"),
        ("Ann Lee", "", ""))]
    return [dorothy, *others]


@pytest.fixture
def host(qtbot, people):
    window = QWidget()
    registry = ActionRegistry(window)
    window.addActions(registry.all())
    navigator = Navigator(window)
    pane = CustomersPane(registry, navigator, window)
    QVBoxLayout(window).addWidget(pane)
    qtbot.addWidget(window)
    window.resize(1300, 800)
    window.show()
    window.registry, window.navigator, window.pane = registry, navigator, pane
    return window


def _field(host, name):
    return host.findChild(QWidget, name)


def _table_names(host):
    model = host.findChild(QTableView, "customerTable").model()
    return [model.index(r, 0).data() for r in range(model.rowCount())]


def _open(host, qtbot, text):
    search = _field(host, "customerSearch")
    search.clear()
    qtbot.keyClicks(search, text)
    qtbot.keyClick(search, Qt.Key.Key_Return)
    profile = _field(host, "customerProfile")
    qtbot.waitUntil(lambda: text.split()[0].lower() in _field(host, "profileName").text().lower())
    return profile


def _save(host):
    host.findChild(QAction, ActionId.SAVE.value).trigger()


def _message(host):
    label = _field(host, "profileMessage")
    return label.text() if label.isVisible() else ""


def test_typing_filters_the_list(host, qtbot):
    qtbot.waitUntil(lambda: len(_table_names(host)) == 4)
    qtbot.keyClicks(_field(host, "customerSearch"), "301-2200")
    qtbot.waitUntil(lambda: _table_names(host) == ["Renée Dubois — Café Dubois"])


def test_opening_a_profile_shows_the_person_and_the_banner(host, qtbot):
    _open(host, qtbot, "Dorothy")
    banner = _field(host, "whatMattersBanner")
    assert banner.isVisible()
    assert "Same technician every time (Sam Ortiz)" in banner.text()
    assert "Are you the one doing the service?" in banner.text()
    assert _field(host, "customerSalutation").text() == "Dear Dorothy"
    assert "Sam Ortiz" in _field(host, "profileSummary").text()


def test_edit_and_save_with_ctrl_s_action(host, qtbot):
    _open(host, qtbot, "Walter")
    assert host.findChild(QAction, ActionId.SAVE.value).shortcut().toString() == "Ctrl+S"
    best = _field(host, "customerBestTime")
    best.clear()
    qtbot.keyClicks(best, "Evenings after 6")
    assert _field(host, "saveCustomer").isEnabled()
    _save(host)
    walter = customers.get(customers.search_ids("Walter")[0])
    assert walter.best_time == "Evenings after 6"
    assert not _field(host, "saveCustomer").isEnabled()


def test_name_is_required_and_named(host, qtbot):
    _open(host, qtbot, "Ann")
    name = _field(host, "customerName")
    name.clear()
    qtbot.keyClicks(name, "   ")
    _save(host)
    assert _field(host, "customerNameError").text() == "The customer's name is required."
    assert "Name: The customer's name is required." in _message(host)
    assert customers.get(customers.search_ids("Lee")[0]).name == "Ann Lee"


def _type_into_ann(host, qtbot, field, text):
    _open(host, qtbot, "Ann")
    qtbot.keyClicks(_field(host, field), text)
    _save(host)
    return _field(host, field + "Error").text(), customers.get(customers.search_ids("Lee")[0])


def test_bad_email_is_refused_next_to_the_field(host, qtbot):
    shown, ann = _type_into_ann(host, qtbot, "customerEmail", "ann@@example")
    assert "is not valid" in shown
    assert "Email: The email address “ann@@example” is not valid" in _message(host)
    assert ann.email == ""
    assert _field(host, "customerEmail").text() == "ann@@example"  # what was typed stays


def test_unparseable_phone_is_saved_with_a_warning(host, qtbot):
    shown, ann = _type_into_ann(host, qtbot, "customerPhone", "ring the shop")
    assert "could not be understood" in shown
    assert "Saved, with a warning" in _message(host)
    assert ann.phone == "ring the shop"


def test_cancelling_needs_a_reason(host, qtbot):
    _open(host, qtbot, "Walter")
    status = _field(host, "customerStatus")
    status.setCurrentIndex(status.findData("cancelled"))
    status.activated.emit(status.currentIndex())
    assert _field(host, "customerCancelReason").isEnabled()
    _save(host)
    assert "why the customer cancelled" in _field(host, "customerCancelReasonError").text()
    qtbot.keyClicks(_field(host, "customerCancelReason"), "Sold the house")
    _save(host)
    walter = customers.get(customers.search_ids("Walter")[0])
    assert (walter.status, walter.cancel_reason) == ("cancelled", "Sold the house")


def test_bad_site_is_named_and_nothing_is_saved(host, qtbot):
    _open(host, qtbot, "Dorothy")
    pane = host.pane
    pane.profile.tabs.setCurrentIndex(1)
    qtbot.mouseClick(_field(host, "addSite"), Qt.MouseButton.LeftButton)
    best = _field(host, "customerBestTime")
    qtbot.keyClicks(best, "mornings")
    _save(host)
    assert "Site 2 (Main): the street is required." in _field(host, "customerSitesError").text()
    assert pane.profile.tabs.currentIndex() == 1
    assert len(customers.get(pane.profile.customer_id).sites) == 1
    assert customers.get(pane.profile.customer_id).best_time == ""


def test_conflict_is_said_plainly_and_typing_is_kept(host, qtbot):
    _open(host, qtbot, "Walter")
    walter = host.pane.profile.customer_id
    p = customers.get(walter)
    customers.update(walter, p.version, notes="changed at the other desk")
    qtbot.keyClicks(_field(host, "customerBestTime"), "Sundays")
    _save(host)
    assert f"was changed by {session.who()}" in _message(host)  # who, when and what, in words
    assert "theirs differs from yours in: best time, notes." in _message(host)
    assert _field(host, "reloadCustomer").isVisible() and _field(host, "keepMineCustomer").isVisible()
    assert _field(host, "customerBestTime").text() == "Sundays"
    assert customers.get(walter).best_time == ""

    qtbot.mouseClick(_field(host, "reloadCustomer"), Qt.MouseButton.LeftButton)  # theirs in the form, mine kept
    assert _field(host, "customerBestTime").text() == ""
    assert host.pane.profile.fields.widgets["notes"].toPlainText() == "changed at the other desk"
    assert "What you typed was not saved; it is kept here to copy:\nBest time: Sundays" in _message(host)
    assert not _field(host, "reloadCustomer").isVisible() and not _field(host, "keepMineCustomer").isVisible()
    assert customers.get(walter).best_time == ""


def test_new_customer_with_ctrl_n(host, qtbot):
    host.findChild(QAction, ActionId.NEW_CUSTOMER.value).trigger()
    assert _field(host, "profileName").text() == "New customer"
    qtbot.keyClicks(_field(host, "customerName"), "Gloria Mendes")
    assert _field(host, "customerSalutation").placeholderText() == "Dear Gloria"
    qtbot.keyClicks(_field(host, "customerPhone"), "555-404-1212")
    _save(host)
    found = customers.search_ids("Mendes")
    assert len(found) == 1 and customers.get(found[0]).phone_e164 == "+15554041212"
    assert "Gloria Mendes" in _table_names(host)
    assert _field(host, "profileName").text() == "Gloria Mendes"


def test_add_what_matters_then_save_shows_it_in_the_banner(host, qtbot, monkeypatch):
    from servicedesk.ui.customers import dialogs

    _open(host, qtbot, "Walter")

    def fake_exec(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("call_before"))
        dialog.words.setPlainText("Call me 20 minutes before, the dogs must go in")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(dialogs.WhatMattersDialog, "exec", fake_exec)
    host.findChild(QAction, ActionId.ADD_WHAT_MATTERS.value).trigger()
    assert not _field(host, "whatMattersBanner").isVisible()  # not saved yet
    _save(host)
    banner = _field(host, "whatMattersBanner")
    assert banner.isVisible() and "Call before arriving — “Call me 20 minutes before" in banner.text()


def test_what_matters_dialog_demands_the_technician(host, qtbot):
    from servicedesk.ui.customers.dialogs import WhatMattersDialog

    dialog = WhatMattersDialog(host)
    qtbot.addWidget(dialog)
    dialog.kind.setCurrentIndex(dialog.kind.findData("same_technician"))
    dialog.accept()
    assert dialog.result() == 0
    assert "choose the technician" in dialog.findChild(QLabel, "whatMattersError").text()
    dialog.technician.setCurrentIndex(1)
    dialog.accept()
    assert dialog.result() == 1 and dialog.item()["technician"] == "Sam Ortiz"


def test_goals_and_fit_check_are_saved(host, qtbot):
    _open(host, qtbot, "Dorothy")
    profile = host.pane.profile
    profile.lists._add_goal("expect_excludes")
    model = profile.lists.goals
    model.setData(model.index(0, 1), "The attic is not included")
    host.findChild(QWidget, "fitCheck1").setChecked(True)
    qtbot.keyClicks(_field(host, "fitNote"), "Wants the same person; long-term")
    _save(host)
    p = customers.get(profile.customer_id)
    assert [(g.kind, g.text) for g in p.goals] == [("expect_excludes", "The attic is not included")]
    assert list(p.fit_check.values())[0] is True and p.fit_note == "Wants the same person; long-term"


def test_other_panes_saving_never_wipes_what_is_typed(host, qtbot):
    _open(host, qtbot, "Walter")
    qtbot.keyClicks(_field(host, "customerBestTime"), "half-typed")
    host.navigator.dataChanged.emit("visits")
    assert _field(host, "customerBestTime").text() == "half-typed"


def test_models_pass_the_model_tester(host, qtbot, qtmodeltester):
    _open(host, qtbot, "Dorothy")
    profile = host.pane.profile
    qtmodeltester.check(host.pane.model)
    for model in (profile.lists.sites, profile.lists.contacts, profile.lists.what_matters, profile.lists.goals,
                  profile.history.history_model):
        qtmodeltester.check(model)


def test_down_arrow_goes_from_search_into_the_list(host, qtbot):
    search = _field(host, "customerSearch")
    qtbot.keyClicks(search, "Walter")
    qtbot.keyClick(search, Qt.Key.Key_Down)
    table = host.findChild(QTableView, "customerTable")
    assert table.model().rowCount() == 1
    qtbot.waitUntil(lambda: "Walter" in _field(host, "profileName").text())


def test_leaving_unsaved_changes_asks_and_can_stay(host, qtbot, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    _open(host, qtbot, "Walter")
    qtbot.keyClicks(_field(host, "customerBestTime"), "Fridays")
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Cancel)
    host.navigator.customerRequested.emit(customers.search_ids("Dorothy")[0])
    assert "Walter" in _field(host, "profileName").text()
    assert _field(host, "customerBestTime").text() == "Fridays"
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Save)
    host.navigator.customerRequested.emit(customers.search_ids("Dorothy")[0])
    assert "Dorothy" in _field(host, "profileName").text()
    assert customers.get(customers.search_ids("Walter")[0]).best_time == "Fridays"


def test_banner_shows_any_customer_for_other_panes(qtbot, dorothy):
    from servicedesk.ui.widgets.banner import WhatMattersBanner

    banner = WhatMattersBanner()
    qtbot.addWidget(banner)
    banner.show()
    banner.set_customer(dorothy)
    assert banner.isVisible() and "Are you the one doing the service?" in banner.text()
    banner.set_customer(None)
    assert not banner.isVisible()


def test_a_technician_who_left_still_shows_by_name(host, qtbot, sam):
    from servicedesk.core.services import technicians

    technicians.set_active(sam, False)
    _open(host, qtbot, "Dorothy")
    assert _field(host, "customerTechnician").currentText() == "Sam Ortiz"


def test_wanting_the_same_technician_makes_them_the_customers_technician(host, qtbot, monkeypatch, sam):
    from servicedesk.ui.customers import dialogs

    _open(host, qtbot, "Walter")
    walter = host.pane.profile.customer_id

    def choose_sam(dialog):
        dialog.kind.setCurrentIndex(dialog.kind.findData("same_technician"))
        dialog.technician.setCurrentIndex(dialog.technician.findData(sam))
        dialog.words.setPlainText("Sam knows the pump")
        dialog.accept()
        return dialog.result()

    monkeypatch.setattr(dialogs.WhatMattersDialog, "exec", choose_sam)
    host.findChild(QAction, ActionId.ADD_WHAT_MATTERS.value).trigger()
    _save(host)
    p = customers.get(walter)
    assert p.technician == "Sam Ortiz" and [w.technician for w in p.what_matters] == ["Sam Ortiz"]


def test_each_customer_shows_their_own_fit_check_ticks(host, qtbot):
    _open(host, qtbot, "Dorothy")
    host.findChild(QWidget, "fitCheck1").setChecked(True)
    _save(host)
    _open(host, qtbot, "Walter")
    assert not host.findChild(QWidget, "fitCheck1").isChecked()
    assert not host.findChild(QWidget, "saveCustomer").isEnabled()  # showing someone is not an edit
    _open(host, qtbot, "Dorothy")
    assert host.findChild(QWidget, "fitCheck1").isChecked()
    assert not host.findChild(QWidget, "saveCustomer").isEnabled()


def test_undo_changes_puts_back_what_is_stored_even_where_the_typing_looks_the_same(host, qtbot):
    _open(host, qtbot, "Walter")
    company = _field(host, "customerCompany")
    company.setFocus()
    company.end(False)
    qtbot.keyClicks(company, "X")
    qtbot.keyClick(company, Qt.Key.Key_Backspace)  # back to "Brown Pools", with something to undo
    qtbot.keyClicks(_field(host, "customerBestTime"), "Sundays")
    _field(host, "revertCustomer").click()
    assert company.text() == "Brown Pools" and _field(host, "customerBestTime").text() == ""
    assert not company.isUndoAvailable()  # Ctrl+Z cannot bring back what was typed before the undo
    qtbot.keyClick(company, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert company.text() == "Brown Pools"
    assert not _field(host, "saveCustomer").isEnabled()


def test_a_message_next_to_a_field_goes_when_someone_else_is_opened(host, qtbot):
    error, _ann = _type_into_ann(host, qtbot, "customerEmail", "not-an-address")
    assert error and _field(host, "customerEmailError").isVisible()
    _field(host, "revertCustomer").click()
    _open(host, qtbot, "Walter")
    assert not _field(host, "customerEmailError").isVisible() and _field(host, "customerEmailError").text() == ""


def test_a_technician_taken_on_meanwhile_is_offered_on_the_next_profile(host, qtbot):
    from servicedesk.core.services import technicians

    _open(host, qtbot, "Walter")
    box = _field(host, "customerTechnician")
    assert box.findText("Jo Banks") < 0
    technicians.create("Jo Banks")  # at the Schedule pane's Technicians window
    _open(host, qtbot, "Dorothy")
    assert box.findText("Jo Banks") > 0 and box.currentText() == "Sam Ortiz"


def test_before_anyone_is_opened_the_profile_side_says_what_to_do_and_a_click_opens_the_person(host, qtbot):
    """The profile is built when the first customer is opened: until then its side says what to do, and
    opening someone with the mouse shows them in the same place, the split between list and profile kept."""
    assert _field(host, "profileName").text() == "Choose a customer on the left"
    assert _field(host, "profileSummary").text() == "…or press Ctrl+N to add a new one."
    assert not _field(host, "profileTabs").isEnabled()
    splitter = host.pane.splitter
    split = splitter.sizes()
    table = host.findChild(QTableView, "customerTable")
    qtbot.waitUntil(lambda: len(_table_names(host)) == 4)
    row = _table_names(host).index("Walter Brown — Brown Pools")
    spot = table.visualRect(table.model().index(row, 0)).center()
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: _field(host, "profileName").text() == "Walter Brown — Brown Pools")
    assert _field(host, "customerProfile").isVisible()
    assert _field(host, "profileTabs").isEnabled()
    assert _field(host, "profileSummary").text() != "…or press Ctrl+N to add a new one."
    assert splitter.sizes() == split
    assert host.pane.confirm_leave()  # nothing typed: leaving asks nothing


def test_a_large_offices_count_is_written_as_its_region_writes_numbers(qtbot, office_db):
    from PySide6.QtCore import QLocale

    from servicedesk.core.store import transaction
    from servicedesk.core.store.models import Customer

    with transaction():
        for start in range(0, 1234, 200):
            Customer.insert_many([{"name": f"Client {n:04d}", "sort_name": f"client {n:04d}"}
                                  for n in range(start, min(start + 200, 1234))]).execute()
    before = QLocale()
    QLocale.setDefault(QLocale("en_US"))  # as the window sets it from the office's region
    try:
        window = QWidget()
        pane = CustomersPane(ActionRegistry(window), Navigator(window), window)
        QVBoxLayout(window).addWidget(pane)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitUntil(lambda: pane.count_label.text() == "1,234 customers")
        QLocale.setDefault(QLocale("de_DE"))
        pane.model.reload()
        qtbot.waitUntil(lambda: pane.count_label.text() == "1.234 customers")
    finally:
        QLocale.setDefault(before)


def test_the_health_badge_says_at_risk_on_the_at_risk_line_and_gives_its_reasons(host, qtbot, people):
    import datetime as dt

    from servicedesk.core import clock
    from servicedesk.core.services import concerns, health, interactions

    priya = customers.create(name="Priya Raman", customer_since=clock.today() - dt.timedelta(days=20)).id
    concerns.raise_concern(priya, "Nobody came on Tuesday.", raised_at=clock.now() - dt.timedelta(days=9))
    interactions.log(priya, "phone", "in", "Rang again about Tuesday, very cross", mood="upset")
    health.recompute([priya])
    score = health.assess(priya).score
    assert health.AT_RISK_BELOW - 20 < score < health.AT_RISK_BELOW
    _open(host, qtbot, "Priya Raman")
    model = host.findChild(QTableView, "customerTable").model()
    row = _table_names(host).index("Priya Raman")
    assert model.index(row, host.pane.model.HEALTH).data() == f"● At risk ({score})"
    badge = _field(host, "profileHealth")
    assert badge.isVisible() and badge.text().startswith(f"● At risk ({score}) — ")
    assert "not acknowledged" in badge.text()
    for reason in health.assess(priya).reasons:
        assert reason.text in badge.toolTip()


def test_the_badge_shows_a_reason_with_a_semicolon_in_it_as_one_reason(host, qtbot, people):
    import datetime as dt

    from servicedesk.core import clock
    from servicedesk.core.services import followups, health

    ann = people[3]
    followups.create(ann, dt.date(2026, 3, 3), "Call about the quote; she asked “weekly; or every other week?”")
    clock.set_now(dt.datetime(2026, 3, 5, 9, 0))  # two business days late
    health.recompute([ann])
    _open(host, qtbot, "Ann Lee")
    badge = _field(host, "profileHealth")
    assert [r.text for r in health.assess(ann).reasons] == [
        "follow-up 2 business days overdue: Call about the quote; she asked “weekly; or every other week?”"]
    assert badge.toolTip() == ("• follow-up 2 business days overdue: Call about the quote; she asked "
                               "“weekly; or every other week?”")
    assert badge.text().endswith("— follow-up 2 business days overdue: Call about the quote; she asked "
                                 "“weekly; or every other week?”")



def test_reasons_recorded_on_an_earlier_day_say_which_day_their_counts_are_of(host, qtbot, people):
    import datetime as dt

    from servicedesk.core import clock
    from servicedesk.core.services import communication, followups, health

    ann = people[3]
    followups.create(ann, dt.date(2026, 3, 3), "Call about the quote")
    clock.set_now(dt.datetime(2026, 3, 5, 9, 0))  # two business days late
    health.recompute([ann])
    clock.set_now(dt.datetime(2026, 3, 12, 9, 0))  # a week on: same score, the queue counts on
    health.refresh_if_stale()
    assert [q.why for q in communication.today_queue() if q.customer_id == ann] == [
        "Follow-up 7 business days overdue: Call about the quote"]
    _open(host, qtbot, "Ann Lee")
    badge = _field(host, "profileHealth")
    assert badge.text().endswith("— as of Mar 5, 2026: follow-up 2 business days overdue: Call about the quote")
    assert badge.toolTip() == "as of Mar 5, 2026:\n• follow-up 2 business days overdue: Call about the quote"
    clock.set_now(dt.datetime(2026, 3, 5, 16, 0))  # the day they were recorded: no day to name
    _open(host, qtbot, "Dorothy")
    _open(host, qtbot, "Ann Lee")
    assert badge.text().endswith("— follow-up 2 business days overdue: Call about the quote")

def test_a_name_with_markup_is_shown_as_typed_in_the_profile(host, qtbot, people):
    customers.create(name="Bob <b>Bold</b> & Co", phone="<i>555</i> 0100")
    _open(host, qtbot, "Bob")
    title = _field(host, "profileName")
    assert title.text() == "Bob <b>Bold</b> & Co"
    assert title.textFormat() == Qt.TextFormat.PlainText
    # drawn with its angle brackets: on one line only as wide as the typed text, not the shorter “Bob Bold & Co”
    metrics = title.fontMetrics()
    one_line = title.heightForWidth(metrics.horizontalAdvance("Bob <b>Bold</b> & Co") + 20)
    assert title.heightForWidth(metrics.horizontalAdvance("Bob Bold & Co") + 20) > one_line
    for name in ("profileMessage", "expectationsText", "customerPhoneError"):
        label = _field(host, name)
        assert label.textFormat() == Qt.TextFormat.PlainText, name
