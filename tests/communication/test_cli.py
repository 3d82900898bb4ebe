"""The owner's commands: today's queue and the concern report, on a real database file."""

from servicedesk.cli import main


def test_today_prints_the_queue_first_thing_first(monday, db_location, capsys):
    assert main(["today", "--database", str(db_location), "--limit", "2"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0] == "  1. Dorothy Finch — Call back and acknowledge"
    assert "different stranger every month" in out[1]
    assert out[2] == "  2. Tom Alvarez — Call back and acknowledge"
    assert out[-1] == "... and 7 more."


def test_concern_report_for_a_period(monday, db_location, capsys):
    assert main(["concern-report", "--database", str(db_location), "--from", "2026-11-01", "--to", "2026-11-30"]) == 0
    out = capsys.readouterr().out
    assert "Concerns raised Nov 1, 2026 – Nov 30, 2026: 4" in out
    assert "Targets: acknowledge within 1 business day(s), resolve within 5." in out
    lines = {line.split()[0]: line for line in out.splitlines() if line.startswith(("Acknowledge", "Resolve"))}
    # 2 h (Grace), 3 h (Linda), 47 h so far (Tom), 87 h so far (Dorothy): median 25 h
    assert lines["Acknowledge"].split() == ["Acknowledge", "median", "25", "h", "worst", "3", "days", "15", "h",
                                            "late", "1", "still", "waiting", "2"]
    assert "late 1" in lines["Resolve"] and "still waiting 3" in lines["Resolve"]


def test_concern_report_refuses_a_backwards_period(monday, db_location, capsys):
    assert main(["concern-report", "--database", str(db_location), "--from", "2026-11-30", "--to", "2026-11-01"]) == 2
    assert "must end on or after its start" in capsys.readouterr().out
