"""Errors the services raise for expected failures; the UI shows them as plain messages."""


class ServiceError(Exception):
    """An expected failure with a message meant for the person at the desk."""


class ValidationError(ServiceError):
    """Input that cannot be saved. ``problems`` maps a field name to what is wrong with it."""

    def __init__(self, problems: dict[str, str] | str):
        if isinstance(problems, str):
            problems = {"": problems}
        self.problems = dict(problems)
        super().__init__("\n".join(self.problems.values()))


class NotFound(ServiceError):
    """The record asked for does not exist (any more)."""


class ConflictError(ServiceError):
    """Someone else saved the same record since it was opened."""
