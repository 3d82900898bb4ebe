"""A slip carries to the steps after it, a revised step has a revised start and end, and the office
can hold a step on purpose; the letter and the Projects tab then show the same dates."""

import datetime as dt

import pytest

from servicedesk.core.errors import ValidationError
from servicedesk.core.services import clarity, customers, documents, projects
from servicedesk.core.store import close_database, open_database
from servicedesk.core.store.models import MilestoneDependency
from servicedesk.core.store.steps import s0010_milestone_order

from tests.documents.conftest import SHOTCRETE_LETTER_DAY as LETTER_DAY
from tests.documents.conftest import SHOTCRETE_REASON as REASON
from tests.documents.pdf import text_of

D = dt.date


def dates(pid):
    return {m.name: (m.current_start, m.current_end) for m in projects.milestones(pid)}


def test_each_new_step_follows_the_one_before_it(hernandez):
    pid, ids = hernandez
    by_name = {m.name: m for m in projects.milestones(pid)}
    assert by_name["Excavation"].depends_on == ()
    assert by_name["Tile and coping"].depends_on == ((ids["Shotcrete shell"], "finish_to_start"),)


def test_a_slip_carries_to_every_step_after_it_by_the_same_business_days(hernandez):
    pid, ids = hernandez
    moved = projects.update_milestone(ids["Shotcrete shell"], status="delayed", revised_start="2026-12-12",
                                      revised_end="2026-12-19", delay_reason=REASON)
    assert dates(pid) == {
        "Excavation": (D(2026, 11, 30), D(2026, 12, 4)),
        "Shotcrete shell": (D(2026, 12, 12), D(2026, 12, 19)),
        # six business days later each (Christmas and New Year's Day are holidays), never on a weekend
        "Tile and coping": (D(2026, 12, 21), D(2026, 12, 28)),
        "Plaster": (D(2026, 12, 29), D(2026, 12, 30)),
        "Fill and start-up": (D(2026, 12, 31), D(2027, 1, 4)),
    }
    assert set(moved) == {ids["Tile and coping"], ids["Plaster"], ids["Fill and start-up"]}
    tile = projects.get_milestone(ids["Tile and coping"])
    # the plan stays as it was promised; the moved step remembers what moved it
    assert (tile.planned_start, tile.planned_end, tile.moved_by) == (D(2026, 12, 11), D(2026, 12, 17),
                                                                     ids["Shotcrete shell"])
    assert clarity.clarity_check(pid, LETTER_DAY) == []


def test_a_revised_end_alone_moves_the_start_too(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Shotcrete shell"], revised_end="2026-12-19", delay_reason=REASON)
    shell = projects.get_milestone(ids["Shotcrete shell"])
    assert (shell.revised_start, shell.revised_end) == (D(2026, 12, 15), D(2026, 12, 19))
    projects.update_milestone(ids["Shotcrete shell"], revised_end=None)
    assert dates(pid)["Shotcrete shell"] == (D(2026, 12, 7), D(2026, 12, 10))


def test_a_step_under_way_keeps_its_start_and_only_its_end_moves(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Shotcrete shell"], status="in_progress", actual_start="2026-12-07")
    projects.update_milestone(ids["Excavation"], status="in_progress", actual_start="2026-11-30",
                              revised_end="2026-12-08", delay_reason="Rock under the deep end needed a breaker.")
    assert dates(pid)["Shotcrete shell"] == (D(2026, 12, 7), D(2026, 12, 14))
    assert dates(pid)["Tile and coping"] == (D(2026, 12, 15), D(2026, 12, 21))


def test_taking_a_slip_back_returns_the_steps_after_it_to_their_plan(hernandez):
    pid, ids = hernandez
    before = dates(pid)
    projects.update_milestone(ids["Shotcrete shell"], revised_end="2026-12-19", delay_reason=REASON)
    projects.update_milestone(ids["Shotcrete shell"], revised_end=None, delay_reason="")
    assert dates(pid) == before
    assert projects.get_milestone(ids["Plaster"]).moved_by is None


def test_a_held_step_keeps_its_dates_and_the_check_says_it_now_clashes(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Plaster"], held=True)
    projects.update_milestone(ids["Shotcrete shell"], revised_start="2026-12-12", revised_end="2026-12-19",
                              delay_reason=REASON)
    assert dates(pid)["Tile and coping"] == (D(2026, 12, 21), D(2026, 12, 28))
    assert dates(pid)["Plaster"] == (D(2026, 12, 18), D(2026, 12, 21))  # held on purpose
    assert dates(pid)["Fill and start-up"] == (D(2026, 12, 22), D(2026, 12, 23))  # follows the held step
    problems = clarity.clarity_check(pid, LETTER_DAY)
    assert [(p.rule, p.milestone_id) for p in problems] == [("out_of_order", ids["Plaster"])]
    assert problems[0].message == ("“Plaster” starts December 18, before “Tile and coping”, which it follows, "
                                   "ends December 28: move it to December 28 or later or stop holding its dates.")


def test_a_step_dated_before_the_one_it_follows_is_refused_by_the_check(hernandez):
    pid, ids = hernandez
    projects.update_milestone(ids["Tile and coping"], planned_start="2026-12-09")
    problems = clarity.clarity_check(pid, LETTER_DAY)
    assert [(p.rule, p.milestone_id) for p in problems] == [("out_of_order", ids["Tile and coping"])]
    assert "“Tile and coping” starts December 9, before “Shotcrete shell”" in problems[0].message
    with pytest.raises(documents.ClarityError):
        documents.generate_timeline_letter(pid, LETTER_DAY)


def test_start_to_start_follows_the_other_steps_start(hernandez):
    pid, ids = hernandez
    projects.set_dependencies(ids["Plaster"], [(ids["Tile and coping"], "start_to_start")])
    projects.update_milestone(ids["Tile and coping"], revised_start="2026-12-14", revised_end="2026-12-20",
                              delay_reason="The tile delivery comes three days late.")
    assert dates(pid)["Plaster"] == (D(2026, 12, 21), D(2026, 12, 22))  # one business day later


def test_a_step_follows_only_an_earlier_step_of_its_own_project(hernandez):
    pid, ids = hernandez
    with pytest.raises(ValidationError) as refused:
        projects.set_dependencies(ids["Tile and coping"], [ids["Plaster"]])
    assert "comes after it" in refused.value.problems["depends_on"]
    assert projects.get_milestone(ids["Tile and coping"]).depends_on == ((ids["Shotcrete shell"], "finish_to_start"),)


def test_removing_or_reordering_a_step_keeps_the_chain(hernandez):
    pid, ids = hernandez
    projects.delete_milestone(ids["Plaster"])
    assert projects.get_milestone(ids["Fill and start-up"]).depends_on == ((ids["Tile and coping"],
                                                                            "finish_to_start"),)
    projects.move_milestone(ids["Fill and start-up"], -1)  # now before tile and coping
    assert projects.get_milestone(ids["Fill and start-up"]).depends_on == ()


def test_the_letter_and_the_projects_tab_show_the_same_dates(hernandez, qtbot):
    from PySide6.QtCore import Qt

    from servicedesk.ui.projects.models import MilestoneModel

    pid, ids = hernandez
    projects.update_milestone(ids["Shotcrete shell"], status="delayed", revised_start="2026-12-12",
                              revised_end="2026-12-19", delay_reason=REASON)
    text = text_of(documents.generate_timeline_letter(pid, LETTER_DAY).path)
    assert "December 12 – 19 Shotcrete shell" in text
    assert "December 21 – 28 Tile and coping" in text
    assert "December 11 – 17" not in text and "December 7 – 19" not in text
    model = MilestoneModel()
    model.load(pid)
    row = [m.name for m in model.rows].index("Tile and coping")
    shown = [model.index(row, c).data() for c in (7, 8)]
    assert shown == ["Dec 21, 2026", "Dec 28, 2026"]
    assert model.index(row, 7).data(Qt.ItemDataRole.ToolTipRole) == "Moved with “Shotcrete shell”, which it follows"  # tooltip


def test_the_projects_tab_holds_a_step_and_changes_what_it_follows(hernandez, qtbot):
    from PySide6.QtCore import Qt

    from servicedesk.ui.projects.models import MilestoneModel

    pid, ids = hernandez
    model = MilestoneModel()
    model.load(pid)
    row = [m.name for m in model.rows].index("Plaster")
    assert model.setData(model.index(row, MilestoneModel.HELD), Qt.CheckState.Checked.value,
                         Qt.ItemDataRole.CheckStateRole)
    assert projects.get_milestone(ids["Plaster"]).held
    assert model.setData(model.index(row, MilestoneModel.FOLLOWS), ids["Shotcrete shell"])
    assert model.index(row, MilestoneModel.FOLLOWS).data() == "Shotcrete shell"


def test_projects_planned_before_steps_knew_their_order_get_it_when_upgraded(db_path):
    db = open_database(db_path)
    try:
        cid = customers.create(name="Old Build").id
        pid = projects.create(cid, "Pool")
        first = projects.add_milestone(pid, "Dig", depends_on=[])
        second = projects.add_milestone(pid, "Shell", depends_on=[])
        s0010_milestone_order.run(db)  # what the step does to a project already in the file
        links = [(d.milestone_id, d.depends_on_id, d.kind) for d in MilestoneDependency.select()]
        assert links == [(second, first, "finish_to_start")]
    finally:
        close_database()
