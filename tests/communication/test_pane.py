"""The Communication pane driven like the receptionist would: read the queue, open, log, acknowledge."""

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QComboBox, QLabel, QPushButton, QTableView, QWidget

from servicedesk.core import clock
from servicedesk.core.services import concerns, customers, followups, interactions, templates
from servicedesk.ui.actions import ActionId, ActionRegistry
from servicedesk.ui.communication.models import AtRiskModel, ConcernModel, QueueModel
from servicedesk.ui.communication.pane import REPORT_DAYS, CommunicationPane
from servicedesk.ui.navigation import Navigator

from .conftest import MONDAY


@pytest.fixture
def pane(qtbot, monday):
    host = QWidget()
    qtbot.addWidget(host)
    navigator = Navigator(host)
    registry = ActionRegistry(host)
    p = CommunicationPane(registry, navigator, host)
    p.registry = registry
    p.resize(1200, 700)
    yield p
    host.close()


def cells(table: QTableView, column: int) -> list[str]:
    model = table.model()
    return [model.index(r, column).data() for r in range(model.rowCount())]


def double_click_row(qtbot, table, row):
    rect = table.visualRect(table.model().index(row, 2))
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())


def test_models_pass_the_model_tester(qtmodeltester, monday):
    for model in (QueueModel(), ConcernModel(), AtRiskModel()):
        model.load()
        assert model.rowCount() > 0
        qtmodeltester.check(model)


def test_queue_says_what_to_do_first(pane):
    queue = pane.findChild(QTableView, "todayQueue")
    # each customer's rows together, under their most urgent one: Tom's concern and his letter in one call
    assert cells(queue, QueueModel.CUSTOMER)[:4] == ["Dorothy Finch", "Tom Alvarez", "Tom Alvarez", "Ruth Cole"]
    assert cells(queue, QueueModel.ORDER)[:4] == ["1", "2", "↳", "3"]
    assert cells(queue, QueueModel.TODO)[0] == "Call back and acknowledge"
    assert "different stranger every month" in cells(queue, QueueModel.WHY)[0]
    start = pane.findChild(QLabel, "startHere").text()
    assert start.startswith("Start here: Dorothy Finch — call back and acknowledge.")
    assert "Today (9)" == pane.tabs.tabText(0)


def test_count_signal_carries_the_queue_length(pane, qtbot):
    with qtbot.waitSignal(pane.countChanged) as blocker:
        pane.refresh()
    assert blocker.args == [9]


def test_double_click_opens_the_customer(pane, qtbot, monday):
    pane.show()
    queue = pane.findChild(QTableView, "todayQueue")
    with qtbot.waitSignal(pane.navigator.customerRequested) as blocker:
        double_click_row(qtbot, queue, 0)
    assert blocker.args == [monday["dorothy"]]


def test_log_interaction_dialog_saves_from_the_keyboard(pane, qtbot, monday):
    pane.registry[ActionId.LOG_INTERACTION].trigger()
    dialog = pane.dialog
    assert dialog.objectName() == "logInteractionDialog" and dialog.isVisible()
    qtbot.keyClicks(dialog.picker.line, "Walter")
    assert dialog.picker.customer_id() == monday["walter"]
    dialog.direction.setCurrentIndex(1)
    qtbot.keyClicks(dialog.summary, "Quarterly call: all well, wants the carpets done in spring")
    dialog.mood.setCurrentIndex(dialog.mood.findData("happy"))
    dialog.follow_up_on.setDate(dialog.follow_up_on.date().addDays(7))
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    with qtbot.waitSignal(dialog.finished):
        qtbot.keyClick(dialog.summary, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    logged = interactions.recent(monday["walter"])[0]
    assert (logged.summary, logged.direction, logged.mood, logged.occurred_at) == (
        "Quarterly call: all well, wants the carpets done in spring", "out", "happy", MONDAY)
    assert followups.for_customer(monday["walter"])[0].due_on == dt.date(2026, 12, 2)
    # Walter is no longer silent; the queue refreshed on its own
    assert "Walter Grimes" not in cells(pane.findChild(QTableView, "todayQueue"), QueueModel.CUSTOMER)


def test_log_interaction_keeps_the_dialog_open_on_bad_input(pane, qtbot, monday):
    dialog = pane.log_interaction(monday["walter"])
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    error = dialog.findChild(QLabel, "dialogError")
    assert dialog.isVisible() and error.isVisible()
    assert "Write a few words" in error.text()
    assert len(interactions.recent(monday["walter"])) == 1


def test_a_new_concern_from_a_logged_call_needs_the_customers_own_words(pane, qtbot, monday):
    dialog = pane.log_interaction(monday["walter"])
    qtbot.keyClicks(dialog.summary, "Walter rang, unhappy with the last clean")
    dialog.concern.setCurrentIndex(dialog.concern.findData(dialog.NEW_CONCERN))
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    error = dialog.findChild(QLabel, "dialogError")
    assert dialog.isVisible() and "own words" in error.text()
    assert concerns.list_concerns(customer_id=monday["walter"]) == []
    assert len(interactions.recent(monday["walter"])) == 1  # nothing saved
    qtbot.keyClicks(dialog.concern_words, "You left the hall carpet wetter than before.")
    dialog.buttons.button(dialog.buttons.StandardButton.Save).click()
    assert [c.words for c in concerns.list_concerns(customer_id=monday["walter"])] == [
        "You left the hall carpet wetter than before."]


def test_enter_on_a_waiting_concern_logs_the_call_back_and_acknowledges(pane, qtbot, monday):
    pane.window().show()
    pane.window().activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is pane.window())
    queue = pane.findChild(QTableView, "todayQueue")
    queue.setFocus()
    queue.selectRow(0)
    qtbot.keyClick(queue, Qt.Key.Key_Return)
    dialog = pane.dialog
    assert dialog.picker.customer_id() == monday["dorothy"]
    assert dialog.concern.currentData() == monday["dorothy_concern"]
    assert dialog.findChild(QCheckBox, "acknowledges").isChecked()
    qtbot.keyClicks(dialog.summary, "Apologised. Sam is her technician again from December.")
    dialog.accept()
    assert concerns.get(monday["dorothy_concern"]).acknowledged_at == MONDAY
    assert pane.queue_model.row_at(0).customer == "Tom Alvarez"


def test_acknowledge_and_resolve_from_the_concern_list(pane, qtbot, monday):
    table = pane.findChild(QTableView, "concernList")
    assert cells(table, ConcernModel.ACK)[0] == "OVERDUE — was due Fri, Nov 20"
    assert table.model().index(0, ConcernModel.ACK).data(Qt.ItemDataRole.BackgroundRole) is not None
    table.selectRow(0)
    pane.findChild(QPushButton, "acknowledgeConcern").click()
    assert concerns.get(monday["dorothy_concern"]).acknowledged_at == MONDAY
    dorothy_row = cells(table, ConcernModel.CUSTOMER).index("Dorothy Finch")
    assert cells(table, ConcernModel.ACK)[dorothy_row].endswith("— late")

    table.selectRow(dorothy_row)
    dialog = pane.resolve_current()
    qtbot.keyClicks(dialog.text, "Sam is back on her visits from December")
    dialog.accept()
    info = concerns.get(monday["dorothy_concern"])
    assert info.resolution == "Sam is back on her visits from December"
    assert "Dorothy Finch" not in cells(table, ConcernModel.CUSTOMER)
    pane.findChild(QCheckBox, "showResolved").setChecked(True)
    assert cells(table, ConcernModel.CUSTOMER)[-2:] == ["Linda Park", "Dorothy Finch"]  # resolved, oldest first
    clock.set_now(MONDAY + dt.timedelta(days=100))
    pane.concern_model.load()
    assert "Dorothy Finch" not in cells(table, ConcernModel.CUSTOMER)  # resolved over three months ago


def test_follow_up_row_closes_with_its_outcome(pane, qtbot, monday):
    queue = pane.findChild(QTableView, "todayQueue")
    queue.selectRow(cells(queue, QueueModel.CUSTOMER).index("Harold Benson"))
    dialog = pane.handle_current()
    qtbot.keyClicks(dialog.text, "Sent the quote; he will decide by Friday")
    dialog.accept()
    assert followups.get(monday["harold_follow_up"]).outcome == "Sent the quote; he will decide by Friday"
    assert "Harold Benson" not in cells(queue, QueueModel.CUSTOMER)


def test_a_follow_up_that_finds_the_fix_did_not_work_puts_a_new_concern_on_the_clock(pane, qtbot, monday):
    queue = pane.findChild(QTableView, "todayQueue")
    queue.selectRow(next(n for n, r in enumerate(pane.queue_model.rows)
                         if r.kind == "follow_up" and r.customer_id == monday["linda"]))
    dialog = pane.handle_current()
    dialog.show()
    qtbot.keyClicks(dialog.text, "Rang Linda: the ants came back on Saturday")
    words = dialog.findChild(QWidget, "followUpConcernWords")
    assert not words.isVisible()
    dialog.findChild(QCheckBox, "followUpNotFixed").setChecked(True)
    assert words.isVisible()
    dialog.accept()  # their words are required once it is not fixed
    assert dialog.isVisible() and "own words" in dialog.error.text()
    assert followups.get(monday["linda_follow_up"]).done_at is None
    qtbot.keyClicks(words, "They're back, all along the skirting board.")
    dialog.accept()
    assert followups.get(monday["linda_follow_up"]).outcome == "Rang Linda: the ants came back on Saturday"
    new = [c for c in concerns.list_concerns(customer_id=monday["linda"])]
    assert [(c.words, c.category) for c in new] == [("They're back, all along the skirting board.",
                                                      "service_quality")]
    assert any(r.kind == "concern" and r.customer_id == monday["linda"] for r in pane.queue_model.rows)


def test_queued_notice_opens_as_a_draft_and_leaves_when_sent(pane, qtbot, monday):
    queue = pane.findChild(QTableView, "todayQueue")
    queue.selectRow(cells(queue, QueueModel.CUSTOMER).index("Ruth Cole"))
    dialog = pane.handle_current()
    assert dialog.to.text() == "ruth.cole@example.com"
    assert dialog.url().startswith("mailto:ruth.cole@example.com?subject=Change%20to%20your%20visit&body=Dear%20Ruth")
    dialog.copy()
    assert QApplication.clipboard().text().startswith("Change to your visit\n\nDear Ruth,")
    dialog.findChild(QPushButton, "markSent").click()
    assert "Ruth Cole" not in cells(queue, QueueModel.CUSTOMER)
    assert interactions.recent(monday["ruth"])[0].summary == "Sent: Change to your visit"


def test_a_notice_read_to_the_customer_on_the_phone_leaves_the_queue_as_a_call(pane, qtbot, monday):
    queue = pane.findChild(QTableView, "todayQueue")
    queue.selectRow(cells(queue, QueueModel.CUSTOMER).index("Ruth Cole"))
    dialog = pane.handle_current()
    dialog.findChild(QPushButton, "markPhoned").click()
    assert not dialog.isVisible() and "Ruth Cole" not in cells(queue, QueueModel.CUSTOMER)
    told = interactions.recent(monday["ruth"])[0]
    assert (told.channel, told.direction, told.summary) == ("phone", "out", "Sent: Change to your visit")


def test_at_risk_list_shows_score_and_reasons(pane, qtbot, monday):
    table = pane.findChild(QTableView, "atRiskList")
    assert cells(table, AtRiskModel.CUSTOMER) == ["Dorothy Finch"]
    assert cells(table, AtRiskModel.SCORE) == ["55"]
    assert pane.tabs.tabText(2) == "At risk (1)"
    assert pane.findChild(QLabel, "atRiskNote").text() == (
        "Customers whose relationship health is under 70, lowest first. Double-click to open one.")
    assert cells(table, AtRiskModel.REASONS)[0] == (
        "concern about a technician change open 4 days, not acknowledged; 4 technicians in their last 4 visits")
    pane.show()
    with qtbot.waitSignal(pane.navigator.customerRequested) as blocker:
        double_click_row(qtbot, table, 0)
    assert blocker.args == [monday["dorothy"]]


def test_new_concern_and_follow_up_by_shortcut_actions(pane, qtbot, monday):
    pane.navigator.customerRequested.emit(monday["ada"])
    pane.registry[ActionId.NEW_CONCERN].trigger()
    dialog = pane.dialog
    qtbot.keyClicks(dialog.words, "The technician left the gate open")
    dialog.accept()
    assert [c.words for c in concerns.list_concerns(customer_id=monday["ada"])] == ["The technician left the gate open"]
    pane.registry[ActionId.NEW_FOLLOW_UP].trigger()
    dialog = pane.dialog
    qtbot.keyClicks(dialog.reason, "Check the gate was closed this time")
    dialog.accept()
    assert followups.for_customer(monday["ada"])[0].due_on == dt.date(2026, 11, 24)


def test_office_edits_a_template_and_fills_it_for_a_customer(pane, qtbot, monday):
    editor = pane.templates
    editor.choice.setCurrentIndex(editor.choice.findData("first_visit_checkin"))
    editor.body.setPlainText("{salutation}, how was {technician}'s visit on {visit_date}?")
    editor.findChild(QPushButton, "saveTemplate").click()
    assert templates.get("first_visit_checkin").body == "{salutation}, how was {technician}'s visit on {visit_date}?"
    qtbot.keyClicks(editor.picker.line, "Dorothy")
    dialog = editor.write()
    assert dialog.body.toPlainText() == "Dear Dorothy, how was Sam Ortiz's visit on {visit_date}?"
    assert dialog.findChild(QLabel, "draftNote").text() == "Fill in before sending: {visit_date}"
    editor.findChild(QPushButton, "resetTemplate").click()
    assert editor.body.toPlainText() == templates.DEFAULTS["first_visit_checkin"][2]


def test_quiet_day_says_so(qtbot, db):
    clock.set_now(MONDAY)
    host = QWidget()
    qtbot.addWidget(host)
    registry, navigator = ActionRegistry(host), Navigator(host)
    p = CommunicationPane(registry, navigator, host)
    assert p.queue_model.rowCount() == 0
    assert p.findChild(QLabel, "startHere").text().startswith("Nobody is waiting.")


def test_report_over_a_chosen_period(pane):
    report = pane.findChild(QLabel, "concernReport")
    assert report.text().startswith("4 concerns raised. Time to acknowledge: median 25 h, worst 3 days 15 h")
    pane.report_from.setDate(pane.report_from.date().addDays(-200))
    pane.report_to.setDate(pane.report_from.date().addDays(10))
    assert report.text() == "No concerns raised in this period."


def test_one_concern_raised_is_said_in_the_singular(pane, monday):
    from PySide6.QtCore import QDate

    report = pane.findChild(QLabel, "concernReport")
    first = min(c.raised_at for c in concerns.list_concerns()).date()
    pane.report_from.setDate(QDate(first))
    pane.report_to.setDate(QDate(first))
    assert report.text().startswith("1 concern raised. Time to acknowledge: ")


def test_picker_walks_matches_with_the_arrow_keys(pane, qtbot, monday):
    dialog = pane.log_interaction()
    qtbot.keyClicks(dialog.picker.line, "gr")  # Grace Okafor, Walter Grimes: names starting with "gr"
    names = [dialog.picker.choice.itemText(i) for i in range(dialog.picker.choice.count())]
    assert len(names) > 1
    qtbot.keyClick(dialog.picker.line, Qt.Key.Key_Down)
    assert dialog.picker.choice.currentIndex() == 1
    qtbot.keyClick(dialog.picker.line, Qt.Key.Key_Up)
    assert dialog.picker.choice.currentIndex() == 0
    qtbot.keyClick(dialog.picker.line, Qt.Key.Key_Down)
    assert dialog.picker.customer_id() == customers.search_ids("gr")[1]


def test_who_is_at_the_desk_is_recorded_on_acknowledgments(pane, monday):
    desk = pane.findChild(QComboBox, "deskStaff")
    desk.setCurrentIndex(desk.findData(monday["maria"]))
    table = pane.findChild(QTableView, "concernList")
    table.selectRow(0)
    pane.findChild(QPushButton, "acknowledgeConcern").click()
    assert concerns.get(monday["dorothy_concern"]).acknowledged_by == "Maria Keller"
    assert pane.log_interaction(monday["walter"]).staff.currentData() == monday["maria"]


def test_resolving_a_concern_nobody_acknowledged_names_who_is_at_the_desk(pane, qtbot, monday):
    desk = pane.findChild(QComboBox, "deskStaff")
    desk.setCurrentIndex(desk.findData(monday["maria"]))
    table = pane.findChild(QTableView, "concernList")
    table.selectRow(cells(table, ConcernModel.CUSTOMER).index("Tom Alvarez"))
    dialog = pane.resolve_current()
    qtbot.keyClicks(dialog.text, "Resealed the deck joints on Monday")
    dialog.accept()
    info = concerns.get(monday["tom_concern"])
    assert info.resolution == "Resealed the deck joints on Monday"
    assert (info.acknowledged_at, info.acknowledged_by) == (MONDAY, "Maria Keller")


def test_a_record_gone_meanwhile_is_said_not_crashed_on(pane, qtbot, monday):
    from servicedesk.core.store.models import Draft

    queue = pane.findChild(QTableView, "todayQueue")
    queue.selectRow(cells(queue, QueueModel.CUSTOMER).index("Ruth Cole"))
    Draft.delete().where(Draft.id == monday["ruth_notice"]).execute()  # another desk discarded it
    with qtbot.waitSignal(pane.navigator.statusMessage) as blocker:
        assert pane.handle_current() is None
    assert "no longer exists" in blocker.args[0]
    assert "Ruth Cole" not in cells(queue, QueueModel.CUSTOMER)


def test_letter_row_points_to_the_letters(pane, qtbot, monday):
    queue = pane.findChild(QTableView, "todayQueue")
    queue.selectRow(cells(queue, QueueModel.KIND).index("Weekly letter"))
    with qtbot.waitSignal(pane.navigator.projectRequested) as blocker:
        pane.handle_current()
    assert blocker.args == [monday["tom_project"]]


def test_tab_goes_from_the_customer_search_straight_to_the_channel(pane, qtbot, monday):
    pane.window().show()
    dialog = pane.log_interaction()
    dialog.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is dialog)
    dialog.picker.line.setFocus()
    qtbot.keyClicks(dialog.picker.line, "Walter")
    qtbot.keyClick(dialog.picker.line, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is dialog.channel


def test_dialogs_open_for_the_customer_on_screen(pane, monday):
    pane.navigator.customerRequested.emit(monday["ada"])
    assert pane.log_interaction().picker.customer_id() == monday["ada"]
    pane.customer_source = lambda: monday["grace"]  # the profile showing Grace
    assert pane.new_concern().picker.customer_id() == monday["grace"]
    pane.customer_source = lambda: None
    assert pane.new_follow_up().picker.customer_id() == monday["ada"]


def test_logging_the_call_back_offers_to_close_the_follow_up_on_the_same_concern(pane, qtbot, monday):
    from servicedesk.core.services import followups as follow_ups

    owed = follow_ups.owed(monday["dorothy"], "manual", "Call Dorothy back about who comes from now on",
                           dt.date(2026, 11, 23), concern_id=monday["dorothy_concern"])
    dialog = pane.log_interaction(monday["dorothy"], monday["dorothy_concern"], "out")
    closes = dialog.findChild(QCheckBox, "closesFollowUp")
    assert closes.isChecked() and "Call Dorothy back about who comes from now on" in closes.text()
    dialog.summary.setPlainText("Sam is her technician from now on; she is relieved")
    dialog.accept()
    assert follow_ups.get(owed).done_at is not None


def test_goals_and_agreed_expectations_are_beside_the_concern(pane, qtbot, monday):
    from servicedesk.core.services import customers as customer_service

    customer_service.add_what_matters(monday["dorothy"], "same_technician", "Are you the one doing the service?",
                                      monday["sam"])
    customer_service.add_goal(monday["dorothy"], "expect_when", "Second Tuesday of the month, before 10 am")
    customer_service.add_goal(monday["dorothy"], "goal", "No mice in the stockroom before Christmas")
    pane.refresh()
    queue = pane.findChild(QTableView, "todayQueue")
    row = cells(queue, QueueModel.CUSTOMER)
    hers = next(text for text in row if text.startswith("Dorothy Finch"))
    assert hers.splitlines()[1].startswith("☺ Same technician every time (Sam Ortiz) · Agreed, when: Second Tuesday")
    dialog = pane.log_interaction(monday["dorothy"], monday["dorothy_concern"], "out")
    banner = dialog.banner.text()
    assert "Same technician every time" in banner and "Goals and what was agreed" in banner
    assert "Agreed: when: Second Tuesday of the month, before 10 am" in banner
    assert "Goal: No mice in the stockroom before Christmas" in banner
    dialog.reject()
    pane.tabs.setCurrentIndex(1)
    pane.concern_table.selectRow(next(n for n, c in enumerate(pane.concern_model.rows)
                                      if c.customer_id == monday["dorothy"]))
    resolve = pane.resolve_current()
    assert "Agreed: when: Second Tuesday" in resolve.banner.text()


def test_a_follow_up_call_nobody_answered_closes_as_an_attempt_not_contact(pane, qtbot, monday):
    from servicedesk.core.store.models import Customer

    before = Customer.get_by_id(monday["harold"]).last_contact_at
    queue = pane.findChild(QTableView, "todayQueue")
    queue.selectRow(cells(queue, QueueModel.CUSTOMER).index("Harold Benson"))
    dialog = pane.handle_current()
    dialog.show()
    qtbot.waitExposed(dialog)
    reached = dialog.findChild(QComboBox, "reached")
    assert reached.currentText() == "Yes, we reached them"
    mood = dialog.findChild(QComboBox, "followUpMood")
    assert mood.isVisible()
    reached.setCurrentIndex(reached.findText("No answer"))
    assert not mood.isVisible()  # nobody reached, no mood to note
    assert not dialog.findChild(QCheckBox, "followUpNotFixed").isVisible()  # nobody said anything is wrong
    dialog.accept()  # what came of it may stay empty: the choice says it
    done = followups.get(monday["harold_follow_up"])
    assert (done.nobody_reached, done.outcome) == ("no_answer", "No answer")
    assert Customer.get_by_id(monday["harold"]).last_contact_at == before
    assert "Harold Benson" not in cells(queue, QueueModel.CUSTOMER)


def test_a_call_back_nobody_answered_does_not_acknowledge_the_concern(pane, qtbot, monday):
    from servicedesk.core.store.models import Customer

    before = Customer.get_by_id(monday["dorothy"]).last_contact_at
    queue = pane.findChild(QTableView, "todayQueue")
    queue.selectRow(0)  # Dorothy's concern, waiting: Enter calls her back and acknowledges
    dialog = pane.handle_current()
    assert dialog.acknowledges.isChecked()
    dialog.reached.setCurrentIndex(dialog.reached.findData("voicemail"))
    assert not dialog.acknowledges.isChecked() and not dialog.acknowledges.isEnabled()
    assert "optional" in dialog.summary.placeholderText()
    dialog.summary.setPlainText("Left a message on her shop's line")
    dialog.accept()
    assert not dialog.isVisible()
    assert concerns.get(monday["dorothy_concern"]).acknowledged_at is None
    assert Customer.get_by_id(monday["dorothy"]).last_contact_at == before
    assert interactions.recent(monday["dorothy"])[0].nobody_reached == "voicemail"
    assert pane.queue_model.rows[0].kind == "concern" and pane.queue_model.rows[0].customer_id == monday["dorothy"]
    queue.selectRow(0)
    recent = pane.findChild(QLabel, "panelRecent")  # beside the queue, under "Last contact": said to be an attempt
    qtbot.waitUntil(lambda: "Left a message on her shop" in recent.text())
    assert "not reached (left a voicemail): Left a message on her shop" in recent.text()


def test_the_concern_report_follows_the_day_when_the_window_stays_open(pane, monday):
    report = pane.findChild(QLabel, "concernReport")
    before = report.text()
    assert pane.report_to.date().toPython() == MONDAY.date()
    clock.set_now(MONDAY + dt.timedelta(days=1))  # the window stayed open overnight
    concerns.raise_concern(monday["harold"], "Nobody told me the quote had changed.", "billing", "medium", "phone")
    pane.refresh()
    assert pane.report_to.date().toPython() == MONDAY.date() + dt.timedelta(days=1)
    assert pane.report_from.date().toPython() == MONDAY.date() + dt.timedelta(days=1 - REPORT_DAYS + 1)
    assert report.text().startswith("5 concerns raised.") and before.startswith("4 concerns raised.")


def test_a_period_chosen_by_hand_is_kept_when_the_day_changes(pane, monday):
    pane.report_to.setDate(pane.report_to.date().addDays(-3))
    chosen = (pane.report_from.date(), pane.report_to.date())
    clock.set_now(MONDAY + dt.timedelta(days=1))
    pane.refresh()
    assert (pane.report_from.date(), pane.report_to.date()) == chosen


def test_her_mood_on_a_follow_up_that_finds_the_fix_failed_moves_her_health_the_same_day(pane, qtbot, monday):
    from servicedesk.core.services import health
    from servicedesk.core.store.models import Customer

    linda = monday["linda"]
    interactions.log(linda, "phone", "in", "Thanked us for the re-treatment", mood="happy",
                     occurred_at=MONDAY - dt.timedelta(days=2))
    before = Customer.get_by_id(linda).health_score
    assert not any(r.rule == "mood" for r in health.assess(linda).reasons)
    queue = pane.findChild(QTableView, "todayQueue")
    queue.selectRow(next(n for n, r in enumerate(pane.queue_model.rows)
                         if r.kind == "follow_up" and r.customer_id == linda))
    dialog = pane.handle_current()
    dialog.show()
    qtbot.waitExposed(dialog)
    mood = dialog.findChild(QComboBox, "followUpMood")
    assert [mood.itemText(i) for i in range(mood.count())] == [
        "Nothing notable", "Happy", "Neutral", "Worried", "Upset", "Angry"]
    qtbot.keyClicks(dialog.text, "Rang Linda: the ants came back on Saturday")
    dialog.findChild(QCheckBox, "followUpNotFixed").setChecked(True)
    qtbot.keyClicks(dialog.words, "They're back, and I'm fed up paying for this.")
    mood.setCurrentIndex(mood.findData("upset"))
    dialog.grab().save("/tmp/mood-follow-up-done.png")
    dialog.accept()
    assert not dialog.isVisible()
    now = health.assess(linda)
    assert [r.text for r in now.reasons if r.rule == "mood"] == ["upset on the phone on Mon, Nov 23"]
    assert Customer.get_by_id(linda).health_score == now.score < before
    call = interactions.recent(linda, 1)[0]
    assert (call.summary, call.mood, call.concern_id) == (
        "Follow-up call: Rang Linda: the ants came back on Saturday", "upset",
        concerns.list_concerns(customer_id=linda)[0].id)  # about the new concern, in her words
