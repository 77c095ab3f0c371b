"""Errors a user can act on: each names the file, line, column and dotted path."""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True, order=True)
class Located:
    file: str
    line: int
    column: int
    path: str
    message: str

    def __str__(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}" if self.line else self.file
        return f"{where}: {self.path}: {self.message}" if self.path else f"{where}: {self.message}"

    def to_dict(self) -> dict:
        return asdict(self)


class LinkcheckError(Exception):
    """Any failure caused by input or usage; the CLI prints it and exits 2."""


MAX_REPORTED = 100  # errors listed per run; a file with thousands of mistakes needs its first ones fixed first


class ProfileErrors(LinkcheckError):
    """All the problems found in one or more profile files (the first MAX_REPORTED of them, in file order)."""

    def __init__(self, errors: list[Located], truncated: bool = False, total: int | None = None) -> None:
        ordered = sorted(set(errors))
        self.truncated = truncated or len(ordered) > MAX_REPORTED
        self.errors = ordered[:MAX_REPORTED]
        self.total = total if total is not None and total > len(self.errors) else None
        lines = [str(e) for e in self.errors]
        if self.truncated:
            lines.append(self.omitted())
        super().__init__("\n".join(lines))

    def omitted(self) -> str:
        """The line that says a run's list of errors was cut short, and by about how much."""
        of = f" of about {self.total:,}" if self.total else ""
        return f"further errors not shown: the first {len(self.errors)}{of} are listed"


class UnknownReference(LinkcheckError):
    """A profile reference (`system@phase` or a path) that matches nothing."""
