"""Text and Markdown views of one resolved phase, for `linkcheck show`."""

from __future__ import annotations

from ..model.fields import FIELDS_BY_PATH
from ..model.phases import ResolvedPhase
from ..model.vocab import DIMENSION_LABELS
from ..safe_text import printable
from ..model.display import format_fact


def phase_text(phase: ResolvedPhase) -> str:
    """The phase for a terminal; text from the profile is made printable (see `safe.printable`)."""
    return printable(_phase_lines(phase), keep_newlines=True)


def _continued(text: str, indent: int) -> str:
    """Text that may run over several lines (a note), its later lines indented under its first."""
    return text.replace("\r\n", "\n").replace("\n", "\n" + " " * indent)


def _phase_lines(phase: ResolvedPhase) -> str:
    lines = [f"{phase.title}", f"  {phase.ref} · {phase.jurisdiction} · as of {phase.as_of.isoformat()} · "
             f"reviewed {phase.reviewed.isoformat()} · {phase.origin}"]
    current = ""
    cited: list[str] = []
    for path, fact in phase.facts():
        if path[0] != current:
            current = path[0]
            lines += ["", DIMENSION_LABELS[current]]
        label = FIELDS_BY_PATH[".".join(path)].title
        refs = f"  [{', '.join(fact.sources)}]" if fact.sources else ""
        lines.append(f"  {label:<34} {format_fact(fact)}{refs}")
        for change in fact.changes:
            shown = format_fact(change) if change.value is not None else change.status.value.replace("_", " ")
            now = " (in force)" if fact.in_force(phase.as_of) is change else ""
            lines.append(f"  {'':<34} from {change.from_.isoformat()}: {shown}{now}")
        if fact.note:
            lines.append(f"  {'':<34} note: {_continued(fact.note, 43)}")
        cited += [s for s in fact.sources if s not in cited]
    if cited:
        lines += ["", "Sources"]
        for key in cited:
            source = phase.sources[key]
            lines.append(f"  [{key}] {_continued(source.citation, 4)}" + (f" {source.url}" if source.url else ""))
    return "\n".join(lines) + "\n"
