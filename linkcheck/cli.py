"""The `linkcheck` command line: parse, call the library, print. Exit 0 ok, 1 findings or differences, 2 bad input."""

from __future__ import annotations

import errno
import json
import os
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any

import click

from . import __version__
from .errors import LinkcheckError, Located, ProfileErrors

EXIT_OK, EXIT_FINDINGS, EXIT_INPUT = 0, 1, 2


def _handles_errors(command: Callable) -> Callable:
    """Bad input becomes a message and exit 2, never a traceback.

    An OSError is the user's environment, not a bug (a path that cannot be read or written, a full disk): it is
    reported with the path it concerns. Messages are made printable, so text from a file or a path cannot drive
    the terminal.
    """

    @wraps(command)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return command(*args, **kwargs)
        except ProfileErrors as exc:
            for error in exc.errors:
                _error_line(str(error))
            if exc.truncated:
                _error_line(exc.omitted())
            shown = len(exc.errors)
            _error_line(f"{shown}{'+' if exc.truncated else ''} error{'s' if shown != 1 else ''}")
            sys.exit(EXIT_INPUT)
        except LinkcheckError as exc:
            _error_line(f"error: {exc}")
            sys.exit(EXIT_INPUT)
        except OSError as exc:
            if exc.errno == errno.EPIPE:
                raise  # the reader of the output went away: click ends the run quietly
            _error_line(f"error: {_os_error_text(exc)}")
            sys.exit(EXIT_INPUT)

    return wrapper


def _error_line(text: str) -> None:
    from .safe_text import printable

    click.echo(printable(text, keep_newlines=True), err=True)


def _os_error_text(exc: OSError) -> str:
    """`PATH: reason` for an OS error on a user's path; the reason alone when the error names no path."""
    reason = exc.strerror or str(exc)
    names = [os.fsdecode(n) if isinstance(n, bytes) else str(n) for n in (exc.filename, exc.filename2) if n is not None]
    if names:
        return f"{' -> '.join(names)}: {reason}"
    if exc.errno in (errno.ENOSPC, errno.EDQUOT, errno.EFBIG, errno.EIO, errno.EBADF):
        return f"cannot write the output: {reason}"
    return reason


def _emit_json(data: Any) -> None:
    # Strict RFC 8259: a NaN or an infinity would be a bug, and must fail here rather than reach a client.
    click.echo(json.dumps(data, indent=2, ensure_ascii=False, allow_nan=False))


FORMAT_TEXT_JSON = click.Choice(["text", "json"])


def _parse_as_of(ctx: click.Context, param: click.Parameter, value: str | None) -> Any:
    if value is None:
        return None
    from .dates import parse_day

    try:
        return parse_day(value)
    except LinkcheckError as exc:
        raise click.BadParameter(str(exc).removeprefix("--as-of ")) from None


AS_OF_OPTION = click.option(
    "--as-of", "as_of", metavar="YYYY-MM-DD", callback=_parse_as_of,
    help="Assessment date: each system as it stood that day. Default: today where the phases are in force, else a "
         "day inside the years they share.")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="linkcheck")
def main() -> None:
    """Can two emissions trading systems link? What blocks them, and who must change what?

    Profiles are named SYSTEM (latest phase), SYSTEM@PHASE, or a path to a YAML file (optionally
    path.yaml@PHASE). Exit codes: 0 success, 1 findings or differences, 2 invalid input or usage.
    """


@main.command()
@click.argument("profiles", nargs=-1, required=True)
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True)
@click.option("--strict", is_flag=True,
              help="Also refuse defined facts that cite no source (the shipped library passes this).")
@_handles_errors
def validate(profiles: tuple[str, ...], fmt: str, strict: bool) -> None:
    """Check profile files (or shipped systems) and report every problem, located."""
    from .loading.library import locate_reference, missing_facts, unsourced_facts

    results: list[dict[str, Any]] = []
    for reference in profiles:
        try:
            loaded, phase_id = locate_reference(reference)
            phase_ids = [phase_id] if phase_id else list(loaded.profile.phases)
            absent = {pid: missing_facts(loaded.resolve(pid)) for pid in phase_ids}
            unsourced = unsourced_facts(loaded)
            if strict and unsourced:
                raise ProfileErrors(unsourced)
        except ProfileErrors as exc:
            results.append({"profile": reference, "valid": False, "errors": [e.to_dict() for e in exc.errors],
                            "truncated": exc.truncated, "omitted": exc.omitted() if exc.truncated else None})
            continue
        except LinkcheckError as exc:
            results.append({"profile": reference, "valid": False, "errors": [{"message": str(exc)}]})
            continue
        results.append({
            "profile": reference, "valid": True, "file": loaded.document.file, "phases": phase_ids,
            "not_stated": {pid: paths for pid, paths in absent.items() if paths},
            "unsourced": len(unsourced),
        })
    failed = any(not r["valid"] for r in results)
    if fmt == "json":
        _emit_json(results)
    else:
        for result in results:
            if result["valid"]:
                remarks = []
                if result["not_stated"]:
                    count = sum(len(p) for p in result["not_stated"].values())
                    remarks.append(f"{count} fields not stated: write `unknown` or `undefined` for them")
                if result["unsourced"]:
                    remarks.append(f"{result['unsourced']} defined facts cite no source: "
                                   "`linkcheck validate --strict` lists them")
                note = f" ({'; '.join(remarks)})" if remarks else ""
                click.echo(f"{result['file']}: ok, phases {', '.join(result['phases'])}{note}")
            else:
                for error in result["errors"]:
                    if "file" in error:
                        click.echo(str(Located(**error)), err=True)
                    else:
                        click.echo(f"error: {error['message']}", err=True)
                if result.get("truncated"):
                    click.echo(f"{result['profile']}: {result['omitted']}", err=True)
    sys.exit(EXIT_INPUT if failed else EXIT_OK)


@main.command()
@click.argument("profile")
@click.option("--format", "fmt", type=click.Choice(["text", "json", "yaml"]), default="text", show_default=True)
@AS_OF_OPTION
@_handles_errors
def show(profile: str, fmt: str, as_of: Any) -> None:
    """Show a resolved phase (inheritance applied), each fact with its status and sources, as of a date."""
    from .loading.library import load_reference
    from .model.profile import phase_to_dict

    phase = load_reference(profile, as_of)
    _say_if_moved(phase, as_of)
    if fmt == "json":
        _emit_json(phase_to_dict(phase))
    elif fmt == "yaml":
        import yaml

        click.echo(yaml.safe_dump(phase_to_dict(phase), sort_keys=False, allow_unicode=True), nl=False)
    else:
        from .formats.profile_text import phase_text

        click.echo(phase_text(phase), nl=False)


@main.command(name="list")
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True)
@_handles_errors
def list_profiles(fmt: str) -> None:
    """List the shipped systems and phases: reference, name, jurisdiction, period, status."""
    from .loading.library import load_file, shipped_files

    rows = []
    for system_id, path in shipped_files().items():
        loaded = load_file(path, f"system_profiles/{path.name}")
        for phase_id in loaded.profile.phases:
            phase = loaded.resolve(phase_id)
            status = phase.get("system.status")
            rows.append({
                "ref": phase.ref, "name": phase.system_name, "jurisdiction": phase.jurisdiction,
                "phase": phase.label or phase_id, "start": phase.period.start, "end": phase.period.end,
                "status": status.value if status and status.value else (status.status.value if status else None),
            })
    if fmt == "json":
        _emit_json(rows)
        return
    width = max((len(r["ref"]) for r in rows), default=10)
    for r in rows:
        period = f"{r['start']}–{r['end'] or ''}"
        click.echo(f"{r['ref']:<{width}}  {period:<10} {r['status'] or '':<10} {r['name']} ({r['phase']})")


@main.command()
@_handles_errors
def schema() -> None:
    """Print the JSON Schema of a profile file, for editors and other tools."""
    from .model.profile import ProfileFile

    _emit_json(ProfileFile.model_json_schema())


@main.command()
@click.argument("jurisdiction")
@click.option("-o", "--output", type=click.Path(path_type=Path), required=True, help="File to write.")
@click.option("--force", is_flag=True, help="Replace the file if it exists (it keeps its permissions).")
@click.option("--id", "system_id", metavar="ID",
              help="System id, e.g. ukraine (default: made from JURISDICTION's Latin letters and digits).")
@_handles_errors
def new(jurisdiction: str, output: Path, force: bool, system_id: str | None) -> None:
    """Write a starter profile for a state drafting its own ETS: every field present and `undefined`.

    The file is checked with linkcheck's own loader before it is written. It names its schema for editors by a
    relative path when it is written inside a linkcheck checkout; elsewhere a comment says how to add one.
    """
    import shlex

    from .safe_text import printable
    from .starter import schema_reference, starter_profile
    from .writing import write_atomic

    # os.path's tests say False on any OSError (a name too long...), which write_atomic then reports.
    plain_target = not os.path.islink(output) and (os.path.isfile(output) or not os.path.lexists(output))
    if plain_target and not output.name.lower().endswith((".yaml", ".yml")):
        # The starter is YAML; under another name editors and tools would read it as something it is not. Devices,
        # streams and links are left to write_atomic, which says what they are.
        raise LinkcheckError(f"new writes a YAML profile: name the file .yaml or .yml (got '{printable(output)}')")
    text = starter_profile(jurisdiction, output.name, schema=schema_reference(output), id_=system_id)
    write_atomic(output, text, overwrite=force)
    shown = printable(output)
    click.echo(f"wrote {shown}; fill it in, then run `linkcheck readiness {shlex.quote(shown)}`", err=True)


def _register_report_command() -> None:
    # The report command lives with the reports; it imports Jinja2 and WeasyPrint only when it runs.
    from .reports.command import report

    main.add_command(report)


_register_report_command()


def run() -> None:
    """Console-script entry point; LINKCHECK_DEBUG=1 shows tracebacks of internal errors.

    "internal error" is kept for bugs in linkcheck. Errors of the environment that escape a command (an OSError
    while click opens a file, output to a full disk) are the user's to fix and are reported as such, exit 2.
    """
    try:
        main(standalone_mode=True)
    except OSError as exc:
        if os.environ.get("LINKCHECK_DEBUG"):
            raise
        _error_line(f"error: {_os_error_text(exc)}")
        sys.exit(EXIT_INPUT)
    except Exception as exc:  # an internal error, not bad input: say so plainly
        if os.environ.get("LINKCHECK_DEBUG"):
            raise
        _error_line(f"internal error: {exc!r}; rerun with LINKCHECK_DEBUG=1 and report it")
        sys.exit(EXIT_INPUT)


FORMAT_REPORT = click.Choice(["text", "json", "markdown"])
CONFIG_OPTION = click.option("--config", "config_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                             help="YAML file with rule severities, options, weights and penalties.")
RATES_HELP = ("YAML table of exchange rates, US CPI or index values, each with its source, added to the shipped "
              "reference data (and replacing its figure for the same currency and year).")
RATES_OPTION = click.option("--rates", "rates_path", type=click.Path(exists=True, dir_okay=False, path_type=Path),
                            metavar="FILE", help=RATES_HELP)


def _load_pair(a: str, b: str, assignments: tuple[str, ...], as_of: Any = None):
    from .whatif import load_pair

    return load_pair(a, b, assignments, as_of)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--format", "fmt", type=FORMAT_REPORT, default="text", show_default=True)
@CONFIG_OPTION
@RATES_OPTION
@click.option("--fail-on", type=click.Choice(["blocker", "major", "minor"]), default="blocker", show_default=True,
              help="Exit 1 when a finding is at or above this severity.")
@click.option("--direction", type=click.Choice(["two-way", "a-accepts-b", "b-accepts-a"]), default="two-way",
              show_default=True, help="A two-way link, or a one-way link in which one side accepts the other's units.")
@click.option("--set", "assignments", multiple=True, metavar="SIDE.PATH=VALUE",
              help="What-if: change one fact of side a or b, e.g. a.cost_containment.price_floor=none. Repeatable.")
@AS_OF_OPTION
@_handles_errors
def assess(a: str, b: str, fmt: str, config_path: Path | None, rates_path: Path | None, fail_on: str,
           direction: str, assignments: tuple[str, ...], as_of: Any) -> None:
    """Assess whether A and B can link, as of a date: verdict, score, blockers, open questions, who must change what.

    Exit 1 when a difference reaches --fail-on, or when the verdict is undetermined.
    """
    from .config import load_config
    from .engine import assess as run_assessment
    from .rules.base import Severity

    config = load_config(config_path, rates_path)
    phase_a, phase_b, changed = _load_pair(a, b, assignments, as_of)
    result = run_assessment(phase_a, phase_b, config, direction.replace("-", "_"), as_of)
    result.what_if = changed
    if fmt == "json":
        _emit_json(result.to_dict())
    elif fmt == "markdown":
        from .formats.markdown import assessment_markdown

        click.echo(assessment_markdown(result), nl=False)
    else:
        from .formats.text import assessment_text

        click.echo(assessment_text(result), nl=False)
    threshold = Severity(fail_on).rank
    failing = any(Severity(f.severity).rank <= threshold for f in result.differences)
    sys.exit(EXIT_FINDINGS if failing or result.verdict == "undetermined" else EXIT_OK)


@main.command()
@click.argument("candidate")
@click.argument("partners", nargs=-1, required=True)
@click.option("--format", "fmt", type=FORMAT_REPORT, default="text", show_default=True)
@CONFIG_OPTION
@RATES_OPTION
@click.option("--direction", type=click.Choice(["two-way", "a-accepts-b", "b-accepts-a"]), default="two-way",
              show_default=True, help="Two-way links, or one-way links in which the candidate (a) accepts each "
              "partner's (b) units, or the reverse.")
@click.option("--set", "assignments", multiple=True, metavar="a.PATH=VALUE",
              help="What-if: change one fact of the candidate, e.g. a.offsets.domestic.limit_pct=10. Repeatable.")
@AS_OF_OPTION
@_handles_errors
def rank(candidate: str, partners: tuple[str, ...], fmt: str, config_path: Path | None, rates_path: Path | None,
         direction: str, assignments: tuple[str, ...], as_of: Any) -> None:
    """Rank partners for one candidate system (the PETER question), with ties and the reasons.

    Partners whose order is not separated by a meaningful margin are tied; partners whose verdict is
    undetermined are listed last, not ranked. `--set a.PATH=VALUE` changes a fact of the candidate (a scenario,
    said so in every format).
    """
    from .config import load_config
    from .loading.library import load_references
    from .ranking import rank as run_rank
    from .whatif import change_candidate

    config = load_config(config_path, rates_path)
    phases = load_references([candidate, *partners], as_of)
    phases[0], changed = change_candidate(phases[0], assignments)
    ranking = run_rank(phases[0], phases[1:], config, direction.replace("-", "_"), as_of=as_of)
    ranking.what_if = changed
    for entry in ranking.partners:
        entry.assessment.what_if = {"a": changed} if changed else {}
    if fmt == "json":
        _emit_json(ranking.to_dict())
    elif fmt == "markdown":
        from .formats.markdown import ranking_markdown

        click.echo(ranking_markdown(ranking), nl=False)
    else:
        from .formats.text import ranking_text

        click.echo(ranking_text(ranking), nl=False)


@main.command()
@click.argument("profiles", nargs=-1)
@click.option("--format", "fmt", type=click.Choice(["text", "json", "csv"]), default="text", show_default=True)
@CONFIG_OPTION
@RATES_OPTION
@AS_OF_OPTION
@_handles_errors
def matrix(profiles: tuple[str, ...], fmt: str, config_path: Path | None, rates_path: Path | None,
           as_of: Any) -> None:
    """Every pair's verdict and score. No arguments: the phase of every shipped system in force on --as-of (default
    today), else its latest, all on that one date. Named phases without --as-of: each pair on the date `assess`
    would choose for it."""
    from .config import load_config
    from .dates import today
    from .engine import matrix as run_matrix
    from .loading.library import load_references, shipped_files

    config = load_config(config_path, rates_path)
    if profiles and as_of is None:
        # Named phases, no date: each pair on the day `assess` would choose for it.
        from itertools import combinations

        from .engine import assess as run_assessment

        load_references(list(profiles))  # every bad reference reported at once
        results = [run_assessment(*load_references([a, b]), config) for a, b in combinations(profiles, 2)]
    else:
        day = as_of or today()
        references = list(profiles) or _shipped_in_force(shipped_files(), as_of)
        results = run_matrix(load_references(references, day, latest_if_none=as_of is None), config, day)
    rows = [{"a": x.a.ref, "b": x.b.ref, "as_of": x.as_of.isoformat(), "a_as_of": x.a.as_of.isoformat(),
             "b_as_of": x.b.as_of.isoformat(), "verdict": x.verdict, "score": x.score,
             "score_floor": x.score_floor, "completeness": x.completeness, **x.counts,
             **{f"open_{s}": n for s, n in x.open_counts.items()}} for x in results]
    if fmt == "json":
        _emit_json(rows)
    elif fmt == "csv":
        import csv

        writer = csv.DictWriter(sys.stdout, fieldnames=list(rows[0]) if rows else ["a", "b"], lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        from .formats.text import matrix_text

        click.echo(matrix_text(results), nl=False)


def _say_if_moved(phase: Any, asked: Any) -> None:
    """On stderr: the phase was not in force on the day asked for, so it is shown as it stood on its nearest day."""
    if asked is not None and phase.as_of != asked:
        click.echo(f"note: {phase.ref} ({phase.period}) is not in force on {asked.isoformat()}; it is shown as it "
                   f"stood on {phase.as_of.isoformat()}", err=True)


def _shipped_in_force(files: dict[str, Path], as_of: Any) -> list[str]:
    """All shipped systems; on an explicit date, those with a phase in force that day (the rest said on stderr)."""
    if as_of is None:
        return list(files)
    from .dates import covers
    from .loading.library import load_file

    kept = [sid for sid, path in files.items()
            if any(covers(p.period, as_of) for p in load_file(path, f"system_profiles/{path.name}").profile.phases.values())]
    left_out = [sid for sid in files if sid not in kept]
    if len(kept) < 2:
        raise LinkcheckError(f"fewer than two shipped systems have a phase in force on {as_of.isoformat()}; "
                             "`linkcheck list` shows their years")
    if left_out:
        click.echo(f"no phase in force on {as_of.isoformat()}, left out: {', '.join(left_out)}", err=True)
    return kept


@main.command()
@click.argument("profile")
@click.option("--format", "fmt", type=FORMAT_REPORT, default="text", show_default=True)
@click.option("--against", multiple=True, metavar="PARTNER",
              help="Partners to rank for the drafting state, as `rank` does. Repeatable.")
@AS_OF_OPTION
@_handles_errors
def readiness(profile: str, fmt: str, against: tuple[str, ...], as_of: Any) -> None:
    """Pre-launch checklist for a drafting state: what is defined, under development or undefined; with --against,
    its partners ranked too."""
    from .loading.library import load_reference, load_references
    from .prerequisites import readiness as run_readiness

    phases = load_references([profile, *against], as_of) if against else [load_reference(profile, as_of)]
    phase = phases[0]
    _say_if_moved(phase, as_of)
    result = run_readiness(phase)
    ranking = None
    if against:
        from .ranking import rank as run_rank

        ranking = run_rank(phase, phases[1:], as_of=as_of)
    if fmt == "json":
        _emit_json({**result.to_dict(), **({"ranking": ranking.to_dict()} if ranking else {})})
    elif fmt == "markdown":
        from .formats.markdown import ranking_markdown, readiness_markdown

        click.echo(readiness_markdown(result) + (("\n" + ranking_markdown(ranking)) if ranking else ""), nl=False)
    else:
        from .formats.text import ranking_text, readiness_text

        click.echo(readiness_text(result) + (("\n" + ranking_text(ranking)) if ranking else ""), nl=False)


@main.command(name="rules")
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True)
@_handles_errors
def list_rules(fmt: str) -> None:
    """The rule catalogue: code, default severity, dimension, title."""
    from .rules import REGISTRY

    if fmt == "json":
        _emit_json([_rule_dict(r) for r in REGISTRY.values()])
    else:
        from .formats.text import rules_text

        click.echo(rules_text(list(REGISTRY.values())), nl=False)


def _rule_dict(r) -> dict[str, Any]:
    return {"code": r.code, "name": r.name, "dimension": r.dimension, "severity": r.severity.value, "title": r.title,
            "checks": r.doc, "rationale": r.rationale, "citation": r.citation, "remedy": r.remedy, "reads": list(r.reads),
            "options": {k: {"default": o.default, "description": o.description} for k, o in r.options.items()}}


@main.command()
@click.argument("code")
@click.option("--format", "fmt", type=FORMAT_TEXT_JSON, default="text", show_default=True)
@_handles_errors
def explain(code: str, fmt: str) -> None:
    """Explain one rule: what it checks, why, its citation, options and remedy."""
    import difflib

    from .formats.text import rule_explanation
    from .rules import REGISTRY

    rule = REGISTRY.get(code.upper())
    if rule is None:
        close = difflib.get_close_matches(code.upper(), list(REGISTRY), n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise LinkcheckError(f"unknown rule code '{code}'{hint}; `linkcheck rules` lists them")
    if fmt == "json":
        _emit_json({**_rule_dict(rule), "question": rule.question, "at_stake": rule.gravest.value})
    else:
        click.echo(rule_explanation(rule), nl=False)


@main.command()
@click.argument("a")
@click.argument("b")
@click.option("--format", "fmt", type=FORMAT_REPORT, default="text", show_default=True)
@click.option("--linking-only", is_flag=True, help="Only differences that a linking rule reads; no sources or notes.")
@click.option("--ignore", "patterns", multiple=True, metavar="GLOB",
              help="Leave out paths matching GLOB, e.g. 'coverage.*' or '*.note'. Repeatable.")
@click.option("--ignore-file", type=click.Path(path_type=Path),
              help="File of GLOB patterns, one per line; # starts a comment. At most 100,000 patterns, 1 MB.")
@click.option("--as-of", "as_of", metavar="YYYY-MM-DD", multiple=True,
              help="Date both sides are taken at; given twice, A's date then B's, to see one phase change over time.")
@_handles_errors
def diff(a: str, b: str, fmt: str, linking_only: bool, patterns: tuple[str, ...], ignore_file: Path | None,
         as_of: tuple[str, ...]) -> None:
    """Semantic diff of two profiles or phases, as of a date. Exit 0 same, 1 different, 2 error."""
    from .dates import parse_day
    from .differences import diff_phases, read_ignore_file
    from .loading.library import load_references

    if len(as_of) > 2:
        raise LinkcheckError("--as-of is given once (both sides) or twice (A's date, then B's)")
    days = [parse_day(text) for text in as_of]
    ignore = list(patterns)
    if ignore_file is not None:
        from .safe_text import printable
        from .loading.safe_yaml import read_source

        name = printable(ignore_file)
        ignore += read_ignore_file(read_source(ignore_file, name), name)  # a regular file only, checked first
    if len(days) == 2:
        phase_a, phase_b = load_references([a], days[0])[0], load_references([b], days[1])[0]
    else:
        phase_a, phase_b = load_references([a, b], days[0] if days else None)
    for phase, day in zip((phase_a, phase_b), days * 2 if len(days) == 1 else days):
        _say_if_moved(phase, day)
    differences = diff_phases(phase_a, phase_b, ignore, linking_only)
    if fmt == "json":
        _emit_json([d.to_dict() for d in differences])
    elif fmt == "markdown":
        from .formats.markdown import diff_markdown

        click.echo(diff_markdown(f"{phase_a.title} (as of {phase_a.as_of.isoformat()})",
                                 f"{phase_b.title} (as of {phase_b.as_of.isoformat()})", differences), nl=False)
    else:
        from .formats.text import diff_text

        click.echo(diff_text(f"{phase_a.ref}  {phase_a.title}  as of {phase_a.as_of.isoformat()}",
                             f"{phase_b.ref}  {phase_b.title}  as of {phase_b.as_of.isoformat()}", differences), nl=False)
    sys.exit(EXIT_FINDINGS if differences else EXIT_OK)


@main.command()
@click.argument("system")
@click.option("--against", "partner", required=True,
              help="PARTNER@PHASE to hold the partner fixed, or PARTNER to follow the partner phase in force.")
@click.option("--format", "fmt", type=FORMAT_REPORT, default="text", show_default=True)
@CONFIG_OPTION
@RATES_OPTION
@AS_OF_OPTION
@_handles_errors
def timeline(system: str, partner: str, fmt: str, config_path: Path | None, rates_path: Path | None,
             as_of: Any) -> None:
    """Every phase of SYSTEM assessed against PARTNER: which differences opened, closed, or became open questions.

    Each phase is assessed on the day nearest --as-of (default today) inside the years it shares with its partner.
    """
    from .config import load_config
    from .loading.library import locate_reference, split_reference
    from .timelines import timeline as run_timeline

    loaded, phase_id = locate_reference(system)
    if phase_id:
        raise LinkcheckError(f"timeline takes a whole system, not one phase: use '{split_reference(system)[0]}'")
    partner_file, partner_phase = locate_reference(partner)
    follow = partner_phase is None
    if partner_phase:
        partner_file.resolve(partner_phase)  # an unknown phase is an error before any work
    steps = run_timeline(loaded, partner_file, partner_phase, load_config(config_path, rates_path), as_of)
    partner_label = partner_file.profile.name + ("" if follow else f" ({partner_phase})")
    if fmt == "json":
        _emit_json({"system": loaded.profile.id, "partner": partner, "follow": follow,
                    "phases": [s.to_dict() for s in steps]})
    elif fmt == "markdown":
        from .formats.markdown import timeline_markdown

        click.echo(timeline_markdown(loaded.profile.name, partner_label, steps), nl=False)
    else:
        from .formats.text import timeline_text

        click.echo(timeline_text(loaded.profile.name, partner_label, steps), nl=False)


@main.command()
@click.option("--format", "fmt", type=FORMAT_REPORT, default="text", show_default=True)
@_handles_errors
def coverage(fmt: str) -> None:
    """The library's coverage: for each system and phase, facts per dimension by status, and the date each file
    was last reviewed with its age in days, so a stale file shows at a glance."""
    from .dates import today
    from .loading.library import load_file, shipped_files
    from .model.vocab import DIMENSIONS

    day = today()
    rows = []
    for path in shipped_files().values():
        loaded = load_file(path, f"system_profiles/{path.name}")
        for phase_id in loaded.profile.phases:
            phase = loaded.resolve(phase_id)
            counts = {d: {"defined": 0, "under_development": 0, "undefined": 0, "unknown": 0} for d in DIMENSIONS}
            for fact_path, fact in phase.facts():
                counts[fact_path[0]][fact.status.value] += 1
            reviewed = loaded.profile.reviewed
            rows.append({"ref": phase.ref, "reviewed": reviewed.isoformat(),
                         "age_days": max(0, (day - reviewed).days), "dimensions": counts})
    if fmt == "json":
        _emit_json(rows)
    elif fmt == "markdown":
        from .formats.markdown import coverage_markdown

        click.echo(coverage_markdown(rows), nl=False)
    else:
        from .formats.text import coverage_text

        click.echo(coverage_text(rows), nl=False)
