"""Projects with milestones, their timeline, and the weekly letters."""

from servicedesk.ui.projects.view import ProjectsView

__all__ = ["ProjectsView"]
