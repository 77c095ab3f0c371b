"""Builds the atlas: every page rendered in memory, written to a fresh folder beside the destination, then renamed
into place, so a reader never sees half a site and a folder that is not a previous site is never touched."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import tempfile
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..config import EngineConfig, load_config
from ..errors import LinkcheckError
from ..safe_text import printable
from ..version import __version__
from . import pages
from .names import SitePaths, root_from

# The file that marks a folder as a site linkcheck wrote, and so one it may replace.
MARKER = ".linkcheck-site"
MARKER_TEXT = "A static site written by `linkcheck site`; the next run replaces this whole folder.\n"
# What the site's pages load, copied from report_templates/ (paths relative to it and to assets/).
ASSETS = ("report.css", "fonts.css", "site/site.css", "site/nav.css", "fonts/DejaVuSans.ttf", "fonts/DejaVuSans-Bold.ttf",
          "fonts/DejaVuSans-Oblique.ttf", "fonts/DejaVuSans-BoldOblique.ttf", "fonts/DejaVuSerif.ttf",
          "fonts/DejaVuSerif-Bold.ttf", "fonts/LICENSE")


@dataclass(frozen=True)
class SiteSummary:
    """What `build_site` wrote: the folder, how many pages, systems and pairs, and how long it took."""

    out_dir: Path
    pages: int
    systems: int
    pairs: int
    as_of: dt.date
    lang: str
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return {"out_dir": str(self.out_dir), "pages": self.pages, "systems": self.systems, "pairs": self.pairs,
                "as_of": self.as_of.isoformat(), "lang": self.lang, "seconds": round(self.seconds, 2)}


def build_site(out_dir: str | Path, lang: str = "en", as_of: dt.date | None = None,
               config: EngineConfig | str | Path | None = None, systems: list[str] | None = None,
               date: dt.date | None = None, full_pair_reports: bool = False) -> SiteSummary:
    """Write the atlas to `out_dir`: an index of systems, a page per system and phase, the matrix of their current
    phases, each pair's report, each system's partners ranked, the rule catalogue and each system's phase-to-phase
    changes. Opened from disk; it loads nothing from anywhere else.

    `systems` limits the site to these system ids or profile files (default: every shipped system); `as_of` is the
    day every system is looked at (default today), `date` the day printed on the pages (default as a report's).
    Pair pages are the brief of the pairwise report unless `full_pair_reports`.
    """
    from ..dates import today
    from ..reports.i18n import LANGUAGES
    from ..reports.render import report_date

    started = time.monotonic()
    if lang not in LANGUAGES:
        raise LinkcheckError(f"unknown language '{lang}': choose one of {', '.join(LANGUAGES)}")
    out = Path(out_dir)
    _check_destination(out)
    day = as_of or today()
    chosen = _load_systems(systems, day)
    _check_not_inside(out, [s.loaded.path for s in chosen])
    documents = dict(_pages(chosen, _engine_config(config), day, report_date(date), lang, full_pair_reports))
    _write_site(out, documents)
    pairs = len(chosen) * (len(chosen) - 1) // 2
    return SiteSummary(out, sum(1 for name in documents if name.endswith(".html")), len(chosen), pairs, day, lang,
                       time.monotonic() - started)


def _engine_config(config: EngineConfig | str | Path | None) -> EngineConfig:
    if config is None or isinstance(config, EngineConfig):
        return config or EngineConfig()
    return load_config(Path(config))


def _load_systems(references: list[str] | None, day: dt.date) -> list[pages.System]:
    """The systems of the site, by id, each with its phases as they stood on `day` (clamped into each phase's
    years) and the phase the matrix assesses."""
    from ..loading.library import locate_reference, shipped_files

    chosen = []
    for reference in references if references is not None else sorted(shipped_files()):
        loaded, phase_id = locate_reference(str(reference))
        if phase_id:
            raise LinkcheckError(f"the site shows whole systems, not one phase: '{printable(str(reference))}'")
        phases = tuple(loaded.resolve(pid, day) for pid in loaded.profile.phases)
        current = loaded.resolve(loaded.phase_for(day, latest_if_none=True), day)
        chosen.append(pages.System(loaded, phases, current))
    ids = [s.id for s in chosen]
    if twice := sorted({i for i in ids if ids.count(i) > 1}):
        raise LinkcheckError(f"two profiles in the site have the same system id: {', '.join(twice)}")
    if not chosen:
        raise LinkcheckError("the site needs at least one system")
    return sorted(chosen, key=lambda s: s.id)


def _pages(systems: list[pages.System], config: EngineConfig, day: dt.date, printed: dt.date, lang: str,
           full_pair_reports: bool) -> Iterator[tuple[str, str | bytes]]:
    """(path in the site, content) for every file of the site: pages first, then the assets."""
    from .. import api
    from ..paths import report_templates_dir
    from ..reports import context as report_context
    from ..reports.render import html

    paths = SitePaths()

    def page(name: str, template: str, context: dict[str, Any], section: str) -> tuple[str, str]:
        site = {"root": root_from(name), "section": section, "kind": template.rsplit("/", 1)[-1]}
        return name, html(template, {"date": printed.isoformat(), "version": __version__, "as_of": day.isoformat(),
                                     **context, "site": site}, lang)

    assessments = api.matrix([s.current for s in systems], as_of=day, config=config)
    yield page(paths.index, "site/index", pages.index(systems, paths), "index")
    yield page(paths.matrix, "site/matrix", pages.matrix_page(systems, assessments, paths, day), "matrix")
    yield page(paths.rules, "site/rules", pages.rules_page(config), "rules")
    for system in systems:
        yield page(paths.system(system.id), "site/system", pages.system_page(system, paths), "index")
        for phase in system.phases:
            yield page(paths.phase(system.id, phase.phase_id), "site/phase", pages.phase_page(phase, paths), "index")
        for a, b in zip(system.phases, system.phases[1:]):
            differences = api.diff(a, b, linking_only=True)
            yield page(paths.diff(system.id, a.phase_id, b.phase_id), "site/diff",
                       pages.diff_page(a, b, differences, paths), "index")
        others = [s.current for s in systems if s is not system]
        if others:
            ranked = api.rank(system.current, others, as_of=day, config=config)
            context = report_context.ranking(system.current, ranked.partners, printed, config, ranked.as_of)
            yield page(paths.ranking(system.id), "site/ranking", {**context, "what_if": {}, "brief": not full_pair_reports},
                       "index")
    by_id = {s.id: s for s in systems}
    for x in assessments:
        steps = _timeline(by_id[x.a.system_id], by_id[x.b.system_id], config, day) if full_pair_reports else None
        yield page(paths.pair(x.a.system_id, x.b.system_id), "site/pair",
                   {**pages.pair_report(x, printed, steps), "brief": not full_pair_reports}, "matrix")
    templates = report_templates_dir()
    for asset in ASSETS:
        yield f"{paths.assets}/{Path(asset).name if asset.startswith('site/') else asset}", \
            (templates / asset).read_bytes()
    yield MARKER, MARKER_TEXT + f"linkcheck {__version__}\n"


def _timeline(system: pages.System, partner: pages.System, config: EngineConfig, day: dt.date) -> list[Any] | None:
    """The convergence chapter of a full pair report: each phase of the first system against the partner."""
    from ..timelines import timeline

    return timeline(system.loaded, partner.loaded, config=config, as_of=day) if len(system.phases) > 1 else None


# --- writing ------------------------------------------------------------------------------------------------

def _is_site(folder: Path) -> bool:
    return (folder / MARKER).is_file() and not (folder / MARKER).is_symlink()


def _check_destination(out: Path) -> None:
    """Refuse anything but a folder that does not exist yet, an empty one, or a site linkcheck wrote."""
    shown = printable(os.fspath(out))
    if out.is_symlink():
        raise LinkcheckError(f"{shown}: is a symbolic link; give the site's folder itself")
    if out.exists() and not out.is_dir():
        raise LinkcheckError(f"{shown}: is not a folder; the site is written to a folder")
    if out.is_dir() and any(out.iterdir()) and not _is_site(out):
        raise LinkcheckError(f"{shown}: the folder is not empty and is not a site linkcheck wrote (it has no "
                             f"{MARKER} file); give a new or empty folder")
    if not out.parent.is_dir():
        raise LinkcheckError(f"{shown}: folder {printable(os.fspath(out.parent))} does not exist")


def _check_not_inside(out: Path, inputs: Iterable[Path]) -> None:
    """Replacing the site's folder must not delete a profile it was built from."""
    root = out.resolve()
    for source in inputs:
        if Path(source).resolve().is_relative_to(root):
            raise LinkcheckError(f"{printable(os.fspath(out))}: holds an input profile "
                                 f"({printable(os.fspath(source))}); write the site elsewhere")


def _write_site(out: Path, documents: dict[str, str | bytes]) -> None:
    """Every file into a new folder beside `out`, then that folder renamed to `out` (the old site, if any, moved
    aside first and removed once the new one is in place)."""
    from ..writing import write_atomic

    with _partial_folder(out) as building:
        for name, content in documents.items():
            target = building / name
            target.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(target, content)
        _swap_into_place(building, out)


@contextmanager
def _partial_folder(out: Path) -> Iterator[Path]:
    try:
        building = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".linkcheck-partial", dir=out.parent))
    except OSError as exc:
        raise LinkcheckError(f"{printable(os.fspath(out))}: cannot write: {exc.strerror or exc}") from None
    try:
        yield building
    finally:
        shutil.rmtree(building, ignore_errors=True)  # gone by now unless the build failed


def _swap_into_place(building: Path, out: Path) -> None:
    os.chmod(building, 0o777 & ~_umask())  # mkdtemp makes a private folder; a site is as readable as any folder
    old = None
    if out.is_dir():
        _check_destination(out)  # it may have changed while the pages were rendered
        old = Path(tempfile.mkdtemp(prefix=f".{out.name}.", suffix=".linkcheck-old", dir=out.parent))
        os.replace(out, old / "site")
    try:
        os.replace(building, out)
    except OSError as exc:
        if old is not None:
            os.replace(old / "site", out)
        raise LinkcheckError(f"{printable(os.fspath(out))}: cannot write: {exc.strerror or exc}") from None
    finally:
        if old is not None:
            with suppress(OSError):
                shutil.rmtree(old)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
