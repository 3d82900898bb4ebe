"""Changing the technician of a customer who said the same technician matters is asked first, as assigning
one of their visits to someone else is; yes moves their wish to the new technician, so every screen agrees
on who their technician is."""

from PySide6.QtWidgets import QMessageBox, QWidget

from servicedesk.core.services import customers, scheduling, technicians
from tests.customers import test_pane
from tests.customers.test_pane import _open, _save

host, people = test_pane.host, test_pane.people  # the customers pane with Dorothy (Sam, "same technician")


def _technician_box(host):
    return host.pane.profile.fields.widgets["technician_id"]


def _change_and_save(host, qtbot, monkeypatch, who: str, answer: str) -> tuple[int, list]:
    """Open ``who``, choose Alex Kim as their technician and save, answering any question with the button
    whose text starts with ``answer``; (Alex's id, the questions asked)."""
    alex = technicians.create("Alex Kim")
    _open(host, qtbot, who)
    box = _technician_box(host)
    box.setCurrentIndex(box.findData(alex))
    asked = []

    def exec_(question):
        asked.append(question)
        for button in question.buttons():
            if button.text().startswith(answer):
                question.clickedButton = lambda b=button: b
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    _save(host)
    return alex, asked


def test_yes_makes_the_new_technician_hers_and_moves_her_wish_with_it(host, qtbot, monkeypatch, people):
    dorothy = people[0]
    alex, asked = _change_and_save(host, qtbot, monkeypatch, "Dorothy", "Make Alex Kim their technician")
    assert [b.objectName() for b in asked] == ["technicianChange"]
    assert "said the same technician matters" in asked[0].text() and "Sam Ortiz" in asked[0].text()
    assert customers.get(dorothy).technician_id == alex
    assert scheduling.own_technician(dorothy).id == alex  # the one every screen and the scheduler go by
    assert [(w.technician, w.words) for w in customers.preference_history(dorothy)] == [
        ("Sam Ortiz", "Are you the one doing the service?"), ("Alex Kim", "Are you the one doing the service?")]


def test_not_now_saves_nothing_and_keeps_what_was_chosen(host, qtbot, monkeypatch, people):
    dorothy = people[0]
    sam = customers.get(dorothy).technician_id
    alex, asked = _change_and_save(host, qtbot, monkeypatch, "Dorothy", "Cancel")
    assert len(asked) == 1
    assert customers.get(dorothy).technician_id == sam and scheduling.own_technician(dorothy).id == sam
    assert _technician_box(host).currentData() == alex  # what was chosen stays on screen


def test_a_customer_who_said_nothing_of_the_kind_is_not_asked(host, qtbot, monkeypatch, people):
    walter = people[1]
    alex, asked = _change_and_save(host, qtbot, monkeypatch, "Walter", "Make")
    assert asked == [] and customers.get(walter).technician_id == alex
    assert isinstance(host.findChild(QWidget, "customerProfile"), QWidget)
