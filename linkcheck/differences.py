"""Semantic diff of two resolved phases: field by field, lists matched by identity, statuses and sources too.

Each difference names the rules that read the field, so an analyst sees at once which changes matter for linking.
"""

from __future__ import annotations

import fnmatch
import re
from dataclasses import asdict, dataclass
from typing import Any


from .engine import plain
from .errors import LinkcheckError, Located, ProfileErrors
from .safe_text import find_control
from .model.display import format_value
from .model.fields import FIELD_SPECS
from .model.objects import Fact, Record
from .model.phases import ResolvedPhase
from .rules import REGISTRY

# How list items are recognised across the two sides: by a key, never by position. Where one side has several
# items with the same key (two instruments of one title), they are paired by their other fields, then by order.
IDENTITY_KEYS = {"LegalInstrument": "title", "MethodShare": "method", "Link": "partner", "Money": None}
SECONDARY = ("sources", "note")


@dataclass
class Difference:
    path: str
    label: str
    dimension: str
    change: str  # added | removed | changed | status | schedule | sources | note
    a: Any
    b: Any
    rules: list[str]

    @property
    def matters(self) -> bool:
        return bool(self.rules) and self.change not in SECONDARY

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def rules_reading() -> dict[str, list[str]]:
    """Field path -> codes of the rules that read it."""
    reading: dict[str, list[str]] = {}
    for code, rule in REGISTRY.items():
        for path in rule.reads:
            reading.setdefault(path, []).append(code)
    return reading


def _identity(item: Any) -> str:
    if isinstance(item, Record):
        key = IDENTITY_KEYS.get(type(item).__name__)
        return str(getattr(item, key)) if key else str(item)
    return str(item)


def _fields(item: Any) -> tuple:
    if isinstance(item, Record):
        return tuple(getattr(item, name) for name in type(item).model_fields)
    return (item,)


def _hashable(item: Any) -> Any:
    """A key equal for equal items, for pairing identical items in linear time."""
    key = (type(item).__name__, _fields(item))
    try:
        hash(key)
    except TypeError:
        return repr(key)
    return key


_SIMILARITY_LIMIT = 50  # items of one key per side past which equals are paired by order alone


def _pair_items(items_a: tuple, items_b: tuple) -> list[tuple[str, Any, Any]]:
    """Every item of both lists, paired across the sides: (path suffix, item of A or None, item of B or None).

    Items are paired by identity key. Where a key is not unique on a side, identical items pair first, then the
    items with the most fields in common (same date, same reference), then the rest in order; each is told apart
    by its place among A's items of that key (`[ETS Law#2]`; an item only B has is numbered after A's), so none
    is lost or matched twice, and every path is unique.
    """
    groups_a: dict[str, list] = {}
    groups_b: dict[str, list] = {}
    for item in items_a:
        groups_a.setdefault(_identity(item), []).append(item)
    for item in items_b:
        groups_b.setdefault(_identity(item), []).append(item)
    pairs: list[tuple[str, Any, Any]] = []
    for key in [*groups_a, *(k for k in groups_b if k not in groups_a)]:
        side_a, side_b = groups_a.get(key, []), groups_b.get(key, [])
        if len(side_a) <= 1 and len(side_b) <= 1:
            pairs.append((f"[{key}]", side_a[0] if side_a else None, side_b[0] if side_b else None))
            continue
        added = len(side_a)
        for i, j in _pair_equals(side_a, side_b):
            if i is None:  # numbered after A's items of this key, so that every path is unique
                added += 1
            where = f"[{key}#{i + 1 if i is not None else added}]"
            pairs.append((where, side_a[i] if i is not None else None, side_b[j] if j is not None else None))
    return pairs


def _pair_equals(side_a: list, side_b: list) -> list[tuple[int | None, int | None]]:
    """Index pairs for items of one key: identical first, then most fields in common, then in order."""
    pairs: list[tuple[int | None, int | None]] = []
    by_value: dict[Any, list[int]] = {}
    for j, item in enumerate(side_b):
        by_value.setdefault(_hashable(item), []).append(j)
    left_a, taken = [], set()
    for i, item in enumerate(side_a):
        equal = by_value.get(_hashable(item))
        if equal:
            j = equal.pop(0)
            pairs.append((i, j))
            taken.add(j)
        else:
            left_a.append(i)
    left_b = [j for j in range(len(side_b)) if j not in taken]
    if len(left_a) <= _SIMILARITY_LIMIT and len(left_b) <= _SIMILARITY_LIMIT:
        for i in list(left_a):
            if not left_b:
                break
            fields_a = _fields(side_a[i])
            j = max(left_b, key=lambda j: (sum(x == y for x, y in zip(fields_a, _fields(side_b[j]))), -j))
            pairs.append((i, j))
            left_a.remove(i)
            left_b.remove(j)
    pairs += list(zip(left_a, left_b))
    pairs += [(i, None) for i in left_a[len(left_b):]] + [(None, j) for j in left_b[len(left_a):]]
    return sorted(pairs, key=lambda p: (p[0] is None, p[0] if p[0] is not None else p[1]))


def _detail(item: Any) -> Any:
    """Every field of a list item, for two items whose short forms read the same."""
    if not isinstance(item, Record):
        return _shown(item)
    fields = {name: getattr(item, name) for name in type(item).model_fields}
    return "; ".join(f"{name.replace('_', ' ')} {format_value(v)}" for name, v in fields.items() if v not in (None, ()))


def _shown(value: Any) -> Any:
    return plain(value) if not isinstance(value, str) else value


def _fact_differences(path: str, label: str, dimension: str, fa: Fact | None, fb: Fact | None,
                      rules: list[str]) -> list[Difference]:
    def diff(change: str, a: Any, b: Any, suffix: str = "", name: str = label) -> Difference:
        return Difference(path + suffix, name, dimension, change, a, b, rules)

    if fa is None and fb is None:
        return []
    if fa is None or fb is None:
        return [diff("added" if fa is None else "removed", _fact_shown(fa), _fact_shown(fb))]
    out: list[Difference] = []
    if fa.status != fb.status:
        # A status change is one difference; its values travel with it when a side has none to compare.
        if fa.value is None or fb.value is None:
            out.append(diff("status", _fact_shown(fa), _fact_shown(fb)))
        else:
            out.append(diff("status", fa.status.value, fb.status.value, ".status", f"{label} (status)"))
    if fa.value is None or fb.value is None:
        pass
    elif isinstance(fa.value, tuple) and isinstance(fb.value, tuple):
        pairs = _pair_items(fa.value, fb.value)
        for where, item_a, item_b in pairs:
            if item_a is not None and item_b is None:
                out.append(diff("removed", _shown(item_a), None, where))
        for where, item_a, item_b in pairs:
            if item_a is None and item_b is not None:
                out.append(diff("added", None, _shown(item_b), where))
        for where, item_a, item_b in pairs:
            if item_a is not None and item_b is not None and item_a != item_b:
                shown_a, shown_b = _shown(item_a), _shown(item_b)
                if shown_a == shown_b:  # they differ in a field their short form leaves out (a reference)
                    shown_a, shown_b = _detail(item_a), _detail(item_b)
                out.append(diff("changed", shown_a, shown_b, where, f"{label}: {where[1:-1]}"))
    elif fa.value != fb.value:
        out.append(diff("changed", _shown(fa.value), _shown(fb.value)))
    if _schedule(fa) != _schedule(fb):
        out.append(diff("schedule", _schedule(fa), _schedule(fb), ".changes", f"{label} (dated changes)"))
    if set(fa.sources) != set(fb.sources):
        out.append(diff("sources", list(fa.sources), list(fb.sources), ".sources", f"{label} (sources)"))
    if (fa.note or "") != (fb.note or ""):
        out.append(diff("note", fa.note, fb.note, ".note", f"{label} (note)"))
    return out


def _schedule(fact: Fact) -> list[str]:
    """A fact's dated changes inside its phase, as `YYYY-MM-DD: value` lines."""
    return [f"{c.from_.isoformat()}: {describe(c.value) if c.value is not None else c.status.value}"
            for c in fact.changes]


def _fact_shown(fact: Fact | None) -> Any:
    if fact is None:
        return None
    return _shown(fact.value) if fact.value is not None else fact.status.value


def diff_phases(a: ResolvedPhase, b: ResolvedPhase, ignore: list[str] | None = None,
                linking_only: bool = False) -> list[Difference]:
    reading = rules_reading()
    out: list[Difference] = []
    for spec in FIELD_SPECS:
        out.extend(_fact_differences(spec.path, spec.title, spec.dimension, a.get(spec.path), b.get(spec.path),
                                     reading.get(spec.path, [])))
    if ignore:
        matcher = GlobSet(ignore)
        out = [d for d in out if not matcher.matches(d.path)]
    if linking_only:
        out = [d for d in out if d.matters]
    return out


MAX_IGNORE_PATTERNS = 100_000
MAX_PATTERN_CHARS = 500
MAX_TESTED_SETS = 200  # distinct [...] sets with a range or a `!` (`[a-z]`, `[!x]`) over all patterns
MAX_MATCH_STEPS = 5_000_000  # trie nodes visited while matching: about two seconds; patterns needing more are refused

def read_ignore_file(text: str, name: str = "ignore file") -> list[str]:
    """One glob pattern per line; blank lines and `#` comments are skipped. Problems are located: `name:line`.

    At most MAX_IGNORE_PATTERNS patterns of MAX_PATTERN_CHARS characters each (the file itself is read with the
    loader's size limit, 1 MB).
    """
    patterns: list[str] = []
    for number, line in enumerate(text.split("\n"), 1):  # lines as an editor counts them
        line = line.removesuffix("\r")
        pattern = line.split("#", 1)[0].strip(" \t")
        if not pattern:
            continue
        bad = find_control(pattern, allow_tab=True)
        if bad:
            raise ProfileErrors([Located(name, number, line.index(bad.group()) + 1, "",
                                         f"contains the control character U+{ord(bad.group()):04X}; a pattern is "
                                         "one line of text")])
        if len(pattern) > MAX_PATTERN_CHARS:
            raise ProfileErrors([Located(name, number, 1, "", f"a pattern of {len(pattern):,} characters; patterns "
                                                              f"are limited to {MAX_PATTERN_CHARS}")])
        patterns.append(pattern)
        if len(patterns) > MAX_IGNORE_PATTERNS:
            raise ProfileErrors([Located(name, number, 1, "", f"more than {MAX_IGNORE_PATTERNS:,} patterns; an "
                                                              f"ignore file is limited to {MAX_IGNORE_PATTERNS:,}")])
    return patterns


# A trie node is a dict: a character leads to the node after it; these keys (not strings) hold the rest.
# A `[...]` set is indexed by the characters it lists (`_BY_CHAR`) when it is a plain list of characters; a
# negated or ranged set (`[!x]`, `[a-z]`) is tested (`_TESTED`), once per node and character (`_MEMO`).
# `_PENDING` holds the patterns (and where in them) that pass through a node not yet expanded.
_ANY, _STAR, _END, _SETS, _BY_CHAR, _TESTED, _LOOPS, _MEMO, _PENDING = range(9)


class GlobSet:
    """Paths matched against many `fnmatch` globs at once, in time linear in the path, whatever their number.

    Globs without wildcards are looked up in a set. The others form one trie of their tokens (a character, `?`,
    `*`, `[...]`), walked once per path, keeping the set of nodes reached. The trie is built lazily: a node is
    expanded (its patterns sorted by their next token) only when a path reaches it, so patterns no path comes
    near cost one step each. Nothing is compiled per pattern (a regex each, or one of all of them, costs seconds
    for tens of thousands), only each distinct ranged or negated set. The matching work is capped
    (MAX_MATCH_STEPS), so patterns that all stay alive along every path are refused in bounded time instead of
    slowing to a crawl. Matches what `fnmatch.fnmatchcase` matches.
    """

    def __init__(self, patterns: list[str]) -> None:
        self.exact: set[str] = set()
        self.root: dict = {_PENDING: []}
        self._tested = 0
        self._steps = 0
        for pattern in dict.fromkeys(patterns):
            if "*" in pattern or "?" in pattern or "[" in pattern:
                self.root[_PENDING].append((pattern, 0))
            else:
                self.exact.add(pattern)

    def _count(self, steps: int) -> None:
        self._steps += steps
        if self._steps > MAX_MATCH_STEPS:
            raise LinkcheckError(f"the ignore patterns are too many and too alike to match quickly (over "
                                 f"{MAX_MATCH_STEPS:,} steps); use fewer patterns, or fewer `*` and [...] in them")

    def _expand(self, node: dict) -> None:
        """Sort the node's pending patterns by their next token, as `fnmatch.translate` reads it: `*` (a run of
        them is one), `?`, a `[...]` set (an unclosed `[` is a character), or one literal character."""
        pending = node.pop(_PENDING)
        self._count(len(pending))
        for pattern, i in pending:
            n = len(pattern)
            if i == n:
                node[_END] = True
                continue
            char = pattern[i]
            i += 1
            if char == "*":
                while i < n and pattern[i] == "*":
                    i += 1
                child = node.get(_STAR)
                if child is None:
                    child = node[_STAR] = {_LOOPS: True}
            elif char == "?":
                child = node.get(_ANY)
                if child is None:
                    child = node[_ANY] = {}
            else:
                child = None
                if char == "[":
                    j = i + 1 if i < n and pattern[i] == "!" else i
                    if j < n and pattern[j] == "]":
                        j += 1
                    j = pattern.find("]", j)
                    if j >= 0:
                        child, i = self._set_child(node, pattern[i - 1:j + 1]), j + 1
                if child is None:
                    child = node.get(char)
                    if child is None:
                        child = node[char] = {}
            child.setdefault(_PENDING, []).append((pattern, i))

    def _set_child(self, node: dict, text: str) -> dict:
        """The node after the set `text` (`[...]`, brackets included), made and indexed the first time."""
        sets = node.setdefault(_SETS, {})
        child = sets.get(text)
        if child is not None:
            return child
        child = sets[text] = {}
        inside = text[1:-1]
        if "-" not in inside and not inside.startswith("!"):
            for listed in set(inside):  # a plain list of characters, as fnmatch reads it
                node.setdefault(_BY_CHAR, {}).setdefault(listed, []).append(child)
            return child
        self._tested += 1
        if self._tested > MAX_TESTED_SETS:
            raise LinkcheckError(f"ignore patterns use more than {MAX_TESTED_SETS} different [...] sets with a range "
                                 "or a `!` (such as [a-z] or [!x]); that is the limit")
        if "-" not in inside:
            listed = inside[1:].__contains__  # `[!abc]`: any character but those
            node.setdefault(_TESTED, []).append((lambda c, listed=listed: not listed(c), child))
        else:
            node.setdefault(_TESTED, []).append((re.compile(fnmatch.translate(text)).match, child))
        node.pop(_MEMO, None)
        return child

    def _through_sets(self, node: dict, char: str) -> list[dict]:
        reached = list(node.get(_BY_CHAR, {}).get(char, ()))
        if _TESTED in node:
            memo = node.setdefault(_MEMO, {})
            tested = memo.get(char)
            if tested is None:
                tested = memo[char] = [child for test, child in node[_TESTED] if test(char)]
                self._count(len(node[_TESTED]))
            reached += tested
        return reached

    def _closure(self, nodes: list[dict]) -> dict[int, dict]:
        """The nodes, expanded, and for each the node after a `*` that follows it (a `*` may match nothing)."""
        out: dict[int, dict] = {}
        for node in nodes:
            if _PENDING in node:
                self._expand(node)
            out[id(node)] = node
            star = node.get(_STAR)
            if star is not None:
                if _PENDING in star:
                    self._expand(star)
                out[id(star)] = star
        return out

    def matches(self, path: str) -> bool:
        if path in self.exact:
            return True
        active = self._closure([self.root])
        for char in path:
            self._count(len(active))
            reached: list[dict] = []
            for node in active.values():
                if _LOOPS in node:
                    if _END in node:
                        return True  # a pattern ending in `*` has matched: the rest of the path does not matter
                    reached.append(node)
                child = node.get(char)
                if child is not None:
                    reached.append(child)
                child = node.get(_ANY)
                if child is not None:
                    reached.append(child)
                if _SETS in node:
                    reached.extend(self._through_sets(node, char))
            if not reached:
                return False
            active = self._closure(reached)
        return any(_END in node for node in active.values())

def describe(value: Any) -> str:
    return "—" if value is None else format_value(value)
