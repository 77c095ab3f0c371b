"""The reports' sentences that are assembled from findings and scores: verdict summaries and the ranking conclusion.

They state nothing the findings do not: each sentence restates a verdict, a count, a rule code or a score gap.
Shared by the HTML and Markdown templates, which escape the result (system names are profile text).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..model.vocab import DIMENSION_LABELS
from .i18n import VERDICTS


class Prose:
    def __init__(self, gettext: Callable[[str], str], ngettext: Callable[[str, str, int], str],
                 num: Callable[[float], str]) -> None:
        self.gettext, self.ngettext, self.num = gettext, ngettext, num

    def _n(self, singular: str, plural: str, n: int, **values: Any) -> str:
        """ngettext, then the values; the catalogue extracts `_n` calls as plural messages."""
        return self.ngettext(singular, plural, n) % {"num": self.num(n), **values}

    def _verdict(self, verdict: str) -> str:
        return self.gettext(VERDICTS[verdict]).lower()

    def _dimension(self, dimension: str) -> str:
        label = self.gettext(DIMENSION_LABELS[dimension])
        return label if label[1:2].isupper() else label[:1].lower() + label[1:]  # "MRV and registry" stays

    def pairwise_summary(self, a: dict, b: dict, verdict: str, counts: dict[str, int]) -> str:
        _ = self.gettext
        names = {"a": a["display"], "b": b["display"]}
        if verdict == "blocked":
            sentences = [
                _("%(a)s and %(b)s cannot link as they stand.") % names,
                self._n("%(num)s blocker must be removed first.", "%(num)s blockers must be removed first.",
                        counts["blocker"]),
            ]
            if counts["major"]:
                sentences.append(self._n("%(num)s further adjustment is required.",
                                         "%(num)s further adjustments are required.", counts["major"]))
        elif verdict == "adjustments_needed":
            sentences = [
                _("No difference blocks a link between %(a)s and %(b)s.") % names,
                self._n("%(num)s adjustment is required before one.", "%(num)s adjustments are required before one.",
                        counts["major"]),
            ]
        else:
            sentences = [_("No blocker and no required adjustment stands between %(a)s and %(b)s; the remaining "
                           "differences can be settled in the linking agreement.") % names]
        return " ".join(sentences)

    def shortest_path(self, counts: dict[str, int]) -> str:
        sentences = [self.gettext("The verdict depends only on blockers and major findings, so removing the blockers "
                                  "and making the required adjustments below is the shortest path to a compatible "
                                  "pair.")]
        if counts["minor"]:
            sentences.append(self._n("The %(num)s minor difference can be settled in the linking agreement.",
                                     "The %(num)s minor differences can be settled in the linking agreement.",
                                     counts["minor"]))
        return " ".join(sentences)

    def ranking_conclusion(self, candidate: dict, partners: list[dict], shared: list[dict]) -> str:
        _ = self.gettext
        best = partners[0]
        names = {"a": candidate["display"], "best": best["b"]["display"]}
        sentences = [_("Of the partners assessed for %(a)s, %(best)s ranks first: %(verdict)s, with an overall score "
                       "of %(score)s out of 100.") % {**names, "verdict": self._verdict(best["verdict"]),
                                                       "score": self.num(best["score"])}]
        blockers = list(dict.fromkeys(f["rule"] for f in best["findings"] if f["severity"] == "blocker"))
        if blockers:
            sentences.append(self._n("Even with %(best)s, %(num)s blocker remains: %(list)s.",
                                     "Even with %(best)s, %(num)s blockers remain: %(list)s.", len(blockers),
                                     **names, list=", ".join(blockers)))
        elif best["counts"]["major"]:
            sentences.append(self._n("A link with %(best)s has no blocker but needs %(num)s adjustment.",
                                     "A link with %(best)s has no blocker but needs %(num)s adjustments.",
                                     best["counts"]["major"], **names))
        if shared:
            sentences.append(self._n(
                "%(num)s issue of %(a)s appears against every partner, so %(a)s must address it whichever partner "
                "it chooses: %(list)s.",
                "%(num)s issues of %(a)s appear against every partner, so %(a)s must address them whichever partner "
                "it chooses: %(list)s.",
                len(shared), **names, list=", ".join(f["rule"] for f in shared)))
        for p in partners[1:]:
            gaps = p["behind_best"][:2]
            values = {**names, "partner": p["b"]["display"], "score": self.num(p["score"])}
            if gaps:
                values.update(first=self._dimension(gaps[0]["dimension"]), first_points=self.num(gaps[0]["points"]))
            if len(gaps) == 2:
                values.update(second=self._dimension(gaps[1]["dimension"]), second_points=self.num(gaps[1]["points"]))
                sentences.append(_("%(partner)s (score %(score)s) trails %(best)s most in %(first)s (by "
                                   "%(first_points)s points) and %(second)s (by %(second_points)s points).") % values)
            elif gaps:
                sentences.append(_("%(partner)s (score %(score)s) trails %(best)s most in %(first)s (by "
                                   "%(first_points)s points).") % values)
            else:
                sentences.append(_("%(partner)s (score %(score)s) does not trail %(best)s in any dimension; it ranks "
                                   "lower on its verdict or blockers.") % values)
        return " ".join(sentences)

    def readiness_summary(self, phase: dict, items: list[dict], ready: bool, closest: dict | None) -> str:
        _ = self.gettext
        if ready:
            sentences = [_("Every prerequisite is defined: %(a)s has the legal, technical and institutional basis to "
                           "start trading.") % {"a": phase["display"]}]
        else:
            open_items = [_(item["title"]) for item in items if item["state"] != "ready"]
            sentences = [self._n("%(num)s prerequisite is still open: %(list)s.",
                                 "%(num)s prerequisites are still open: %(list)s.", len(open_items),
                                 list="; ".join(open_items))]
        if closest:
            sentences.append(_("Of the partners assessed, the closest is %(b)s: %(verdict)s, score %(score)s out of "
                               "100.") % {"b": closest["b"]["display"], "verdict": self._verdict(closest["verdict"]),
                                          "score": self.num(closest["score"])})
        return " ".join(sentences)
