"""Where a health score stands: the one at-risk line and the band above it.

Kept apart from the rules (``health_rules``) so that the customer list, which shows a badge on its
first screen, reads the bands without loading every rule before the window is up.
"""

AT_RISK_BELOW = 70  # the one at-risk line: the at-risk list, the queue, the report and every badge
WATCH_BELOW = 80  # above the line, yet with warning signs worth watching


def band(score: int) -> str:
    """Where a score stands: "at_risk" (under the line), "watch" or "good"."""
    return "at_risk" if score < AT_RISK_BELOW else "watch" if score < WATCH_BELOW else "good"
