"""What a tender needs: the rules that apply to it, the problems with its commitments, and the
evidence the provider's assessment already holds for each criterion. Pure functions.

The facts (regimes, thresholds, dates) and the numbers the checks use come from the rules file,
questions/tenders/rules.toml; docs/tenders.md explains every check.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any, NamedTuple

from svassess.assessment import Assessment
from svassess.bank import Bank
from svassess.bank_loader import BankError, Problem, read_toml
from svassess.guidance import recommendations
from svassess.scoring import score_assessment
from svassess.tender import (
    Commitment,
    Finding,
    LineIndex,
    Tender,
    at_line,
)
from svassess.tender_terms import BUYER_TYPES, NATIONS

STATUSES = ("verified", "secondary", "unverified")
KINDS = ("invalid", "not-measurable", "no-date", "outside-contract", "no-owner", "no-cost",
         "unsupported", "disproportionate", "kpi-rules")
_CONDITIONS = {"buyer_types", "nations", "value_at_least", "value_below", "value_over",
               "yearly_value_at_least", "light_touch"}


# --- the rules file ----------------------------------------------------------------------------

class Rule(NamedTuple):
    id: str
    title: str
    status: str
    as_of: dt.date
    means: str
    check: str
    """What is not settled; shown as "Check with the buyer: ..." (never as a rule)."""
    conditions: Mapping[str, Any]

    def to_json(self) -> dict[str, str]:
        return {"id": self.id, "title": self.title, "status": self.status,
                "as_of": self.as_of.isoformat(), "means": self.means,
                "check_with_the_buyer": self.check}


class Theme(NamedTuple):
    words: tuple[str, ...]
    sections: tuple[str, ...]


class Support(NamedTuple):
    section: str
    words: tuple[str, ...]
    needs: str


class TenderRules(NamedTuple):
    as_of: dt.date
    rules: tuple[Rule, ...]
    checks: Mapping[str, float]
    evidence_always: tuple[str, ...]
    themes: tuple[Theme, ...]
    support: tuple[Support, ...]


_CHECK_NUMBERS = ("kpi_value_over", "kpi_minimum", "share_of_weighted_value",
                  "default_weighting", "support_below", "largest_value", "longest_months")


def load_rules(path: Path) -> TenderRules:
    """Read and check the rules file. Raises BankError naming the file and what is wrong."""
    data, _ = read_toml(path)
    try:
        return parse_rules(data)
    except (KeyError, TypeError, ValueError) as exc:
        raise BankError([Problem(path, f"is not a valid tender rules file: {exc}")]) from None


def _strings(value: object, what: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise TypeError(f"{what} must be a list of text")
    return tuple(value)


def parse_rules(data: Mapping[str, Any]) -> TenderRules:
    if not isinstance(data.get("as_of"), dt.date):
        raise ValueError("as_of must be a date")
    checks = data["checks"]
    for key in _CHECK_NUMBERS:
        if not isinstance(checks.get(key), int | float) or isinstance(checks[key], bool):
            raise ValueError(f"checks.{key} must be a number")
    rules = []
    for entry in data["rules"]:
        for key in ("id", "title", "means"):
            if not isinstance(entry.get(key), str) or not entry[key]:
                raise ValueError(f"a rule has no {key}")
        if entry.get("status") not in STATUSES:
            raise ValueError(f"rule {entry['id']}: status must be one of {', '.join(STATUSES)}")
        if not isinstance(entry.get("as_of"), dt.date):
            raise ValueError(f"rule {entry['id']}: as_of must be a date")
        if entry["status"] == "unverified" and not entry.get("check"):
            raise ValueError(f"rule {entry['id']} is unverified, so it needs a check")
        unknown = set(entry) - _CONDITIONS - {"id", "title", "status", "as_of", "means", "check"}
        if unknown:
            raise ValueError(f"rule {entry['id']} has unknown keys {sorted(unknown)}")
        for key in ("buyer_types", "nations"):
            listed = _strings(entry.get(key, []), f"rule {entry['id']}: {key}")
            allowed = BUYER_TYPES if key == "buyer_types" else NATIONS
            if wrong := sorted(set(listed) - set(allowed)):
                raise ValueError(f"rule {entry['id']}: {key} has {wrong}")
        rules.append(Rule(entry["id"], entry["title"], entry["status"], entry["as_of"],
                          " ".join(entry["means"].split()),
                          " ".join(entry.get("check", "").split()),
                          {k: v for k, v in entry.items() if k in _CONDITIONS}))
    evidence = data["evidence"]
    themes = tuple(Theme(_strings(t["words"], "evidence words"),
                         _strings(t["sections"], "evidence sections"))
                   for t in evidence.get("themes", []))
    support = tuple(Support(s["section"], _strings(s.get("words", []), "support words"),
                            s["needs"]) for s in data.get("support", []))
    return TenderRules(data["as_of"], tuple(rules), dict(checks),
                       _strings(evidence.get("always", []), "evidence.always"), themes, support)


# --- the rules that apply ----------------------------------------------------------------------

def _applies(rule: Rule, tender: Tender) -> bool:
    c = rule.conditions
    if "buyer_types" in c and tender.buyer_type not in c["buyer_types"]:
        return False
    if "nations" in c and tender.nation not in c["nations"]:
        return False
    if "light_touch" in c:
        wanted = c["light_touch"]
        if (tender.light_touch is None) != (wanted == "unknown"):
            return False
        if wanted != "unknown" and tender.light_touch != wanted:
            return False
    value = tender.value
    if any(k in c for k in ("value_at_least", "value_below", "value_over")):
        if value is None:
            return False
        if "value_at_least" in c and not value >= c["value_at_least"]:
            return False
        if "value_below" in c and not value < c["value_below"]:
            return False
        if "value_over" in c and not value > c["value_over"]:
            return False
    if "yearly_value_at_least" in c:
        if value is None or not tender.months or tender.months <= 0:
            return False
        if value / tender.months * 12 < c["yearly_value_at_least"]:
            return False
    return True


def rules_that_apply(tender: Tender, rules: TenderRules) -> list[Rule]:
    """The rules for this buyer type, nation and value, in the rules file's order. With no buyer
    type or nation yet, only the rules that do not depend on them."""
    return [r for r in rules.rules if _applies(r, tender)]


# --- what the assessment says ------------------------------------------------------------------

class SectionView(NamedTuple):
    id: str
    title: str
    score: float | None


class Note(NamedTuple):
    section: str
    prompt: str
    note: str


class Readiness(NamedTuple):
    """What a tender draws on from the provider's assessment."""

    name: str
    sections: Mapping[str, SectionView]
    notes: tuple[Note, ...]
    recommendations: tuple[tuple[str, str], ...]
    """(section id, title) of each recommendation, in priority order."""


def readiness_of(bank: Bank, assessment: Assessment) -> Readiness:
    result = score_assessment(bank, assessment)
    sections = {s.section.id: SectionView(s.section.id, s.section.title, s.score)
                for s in result.sections}
    notes = []
    for question in bank.questions:
        answer = assessment.answers.get(question.id)
        if answer and answer.note.strip():
            notes.append(Note(question.section, question.prompt, answer.note.strip()))
    recs = tuple((r.section.id if r.section else "", r.rule.title)
                 for r in recommendations(bank, assessment, result))
    return Readiness(assessment.name, sections, tuple(notes), recs)


# --- checks ------------------------------------------------------------------------------------

class TenderProblem(NamedTuple):
    kind: str
    message: str
    commitment: str | None = None

    def to_json(self) -> dict[str, str | None]:
        return {"commitment": self.commitment, "kind": self.kind, "message": self.message}


def money(value: float) -> str:
    return f"£{round(value):,}"


def is_measurable(commitment: Commitment) -> bool:
    return bool(commitment.measure.strip()) and bool(re.search(r"\d", commitment.target))


def _invalid(tender: Tender, rules: TenderRules, findings: list[Finding],
             today: dt.date, lines: LineIndex | None) -> list[TenderProblem]:
    out = [TenderProblem("invalid", f.message, f.commitment) for f in findings]
    positions = {c.id: n for n, c in enumerate(tender.commitments)}
    criteria = {c.id: n for n, c in enumerate(tender.criteria)}

    def add(message: str, commitment: str | None = None, key: str = "",
            criterion: str | None = None) -> None:
        line = None
        if lines is not None and commitment is not None:
            line = lines.line("commitments", positions.get(commitment, -1), key or None)
        elif lines is not None and criterion is not None:
            line = lines.line("criteria", criteria.get(criterion, -1), key or None)
        elif lines is not None and key:
            line = lines.line("tender", 0, key)
        if line:
            message = f"{message[:-1]}{at_line(line)}{message[-1]}"
        out.append(TenderProblem("invalid", message, commitment))

    checks = rules.checks
    if not tender.title.strip():
        add("The tender has no title: give it the contract's name.")
    if tender.buyer_type not in BUYER_TYPES:
        add(f"buyer_type {tender.buyer_type!r} is not one of {', '.join(BUYER_TYPES)}, so the "
            f"rules that apply cannot be worked out." if tender.buyer_type else
            f"The tender has no buyer_type: choose one of {', '.join(BUYER_TYPES)}.",
            key="buyer_type")
    if tender.nation not in NATIONS:
        add(f"nation {tender.nation!r} is not one of {', '.join(NATIONS)}, so the rules that "
            f"apply cannot be worked out." if tender.nation else
            f"The tender has no nation: choose one of {', '.join(NATIONS)}.", key="nation")
    if tender.value is None:
        add("The tender has no value: give the contract's whole-life value in pounds.")
    elif not 0 < tender.value <= checks["largest_value"]:
        add(f"The value {money(tender.value)} cannot be right: give the whole-life value in "
            f"pounds, more than 0 and at most {money(checks['largest_value'])}.", key="value")
    if tender.months is None:
        add("The tender has no months: give how many months the contract lasts.")
    elif not 0 < tender.months <= checks["longest_months"]:
        add(f"months = {tender.months} cannot be right: a contract lasts between 1 and "
            f"{int(checks['longest_months'])} months.", key="months")
    if tender.weighting is None:
        add("The tender has no weighting: give the social value share of the total score, in "
            "per cent, from the tender documents.")
    elif not 0 < tender.weighting <= 100:
        add(f"weighting = {tender.weighting:g} cannot be right: it is a share of the total "
            f"score, more than 0 and at most 100 per cent.", key="weighting")
    if tender.deadline is None:
        add("The tender has no deadline: give the date bids are due.")
    elif tender.deadline < today:
        add(f"The deadline {tender.deadline.isoformat()} has passed: check the date.",
            key="deadline")
    if tender.word_limit is not None and tender.word_limit <= 0:
        add(f"word_limit = {tender.word_limit} cannot be right: leave it out if there is none.",
            key="word_limit")
    if not tender.question.strip():
        add("The tender has no question: paste the buyer's social value question as written.")
    if not tender.criteria:
        add("The tender has no criteria: add each award criterion as written in the tender.")
    seen: set[str] = set()
    for criterion in tender.criteria:
        if criterion.id in seen:
            add(f"Two criteria have the id {criterion.id!r}: give each its own.",
                criterion=criterion.id, key="id")
        seen.add(criterion.id)
        if not criterion.text.strip():
            add(f"Criterion {criterion.id} has no text: copy it from the tender.",
                criterion=criterion.id)
    for commitment in tender.commitments:
        if commitment.id in seen:
            add(f"Commitment {commitment.id}'s id is used twice: give each its own.",
                commitment.id)
        seen.add(commitment.id)
        if not commitment.what.strip():
            add(f"Commitment {commitment.id} does not say what you will do.", commitment.id)
        if not commitment.criterion:
            add(f"Commitment {commitment.id} is not against a criterion: set criterion to one "
                f"of the tender's criteria ids.", commitment.id)
        elif tender.criterion(commitment.criterion) is None:
            add(f"Commitment {commitment.id} is against criterion {commitment.criterion!r}, "
                f"which the tender does not have.", commitment.id, "criterion")
        if commitment.cost is not None and commitment.cost < 0:
            add(f"Commitment {commitment.id} has a negative cost: give what it costs you, in "
                f"pounds.", commitment.id, "cost")
    return out


def _commitment_checks(tender: Tender, rules: TenderRules, readiness: Readiness | None,
                       commitment: Commitment) -> list[TenderProblem]:
    k = commitment.id
    out = []

    def add(kind: str, message: str) -> None:
        out.append(TenderProblem(kind, message, k))

    if not commitment.measure.strip():
        add("not-measurable", f"Commitment {k} has no measure: say what will be counted.")
    elif not re.search(r"\d", commitment.target):
        add("not-measurable", f"Commitment {k}'s target has no number: say how many, or how "
                              f"much, by when.")
    start, end = tender.starts or tender.deadline, tender.contract_end()
    if commitment.by is None:
        add("no-date", f"Commitment {k} has no date: say by when it will be done.")
    elif end is not None and commitment.by > end:
        add("outside-contract", f"Commitment {k} is due {commitment.by.isoformat()}, after the "
                                f"contract ends (about {end.isoformat()}).")
    elif start is not None and commitment.by < start:
        add("outside-contract", f"Commitment {k} is due {commitment.by.isoformat()}, before "
                                f"the contract starts ({start.isoformat()}).")
    if not commitment.owner.strip():
        add("no-owner", f"Commitment {k} has no owner: name the role that will deliver it.")
    if commitment.cost is None:
        add("no-cost", f"Commitment {k} has no cost: say what it will cost you over the "
                       f"contract, in pounds (0 if nothing).")
    if commitment.measure.strip() and not commitment.baseline.strip():
        add("unsupported", f"Commitment {k} has no baseline: say what the measure is now and "
                           f"where that number comes from.")
    if readiness is not None:
        text = " ".join((commitment.what, commitment.measure, commitment.evidence)).casefold()
        for support in rules.support:
            section = readiness.sections.get(support.section)
            if section is None or section.score is None:
                continue
            if section.score >= rules.checks["support_below"]:
                continue
            if support.words and not any(w.casefold() in text for w in support.words):
                continue
            add("unsupported", f"Commitment {k} needs {support.needs}, but your assessment "
                               f"scores {section.title} at {round(section.score)}/100: say how "
                               f"you will do it, or offer something you can evidence.")
    return out


def check_tender(tender: Tender, rules: TenderRules, readiness: Readiness | None,
                 today: dt.date, findings: list[Finding] | None = None,
                 assessment_problem: str = "",
                 lines: LineIndex | None = None) -> list[TenderProblem]:
    """Every problem, in this order: the file's values, each commitment's, then the whole
    offer's. `readiness` is None when the linked assessment cannot be read (say why in
    `assessment_problem`). `lines`, from the file as read, adds line numbers to messages."""
    out = _invalid(tender, rules, list(findings or []), today, lines)
    if not tender.assessment:
        out.append(TenderProblem("invalid", "The tender is not linked to an assessment, so "
                                            "nothing can be checked against your readiness."))
    elif readiness is None:
        out.append(TenderProblem("invalid", assessment_problem or (
            f"The assessment {tender.assessment!r} does not exist in this data folder, so "
            f"nothing can be checked against your readiness.")))
    if not tender.commitments:
        out.append(TenderProblem("invalid", "The tender has no commitments yet: add what you "
                                            "will deliver against each criterion."))
    for commitment in tender.commitments:
        out += _commitment_checks(tender, rules, readiness, commitment)
    out += _offer_checks(tender, rules)
    return out


def proportion_cap(tender: Tender, rules: TenderRules) -> float | None:
    """The most the commitments should cost in total: share_of_weighted_value of the part of
    the contract's value that the social value weighting stands for."""
    if not tender.value or tender.value <= 0:
        return None
    weighting = tender.weighting if tender.weighting and 0 < tender.weighting <= 100 else \
        rules.checks["default_weighting"]
    return tender.value * weighting / 100 * rules.checks["share_of_weighted_value"]


def _offer_checks(tender: Tender, rules: TenderRules) -> list[TenderProblem]:
    out = []
    costed = [c for c in tender.commitments if c.cost and c.cost > 0]
    total = sum(c.cost or 0 for c in costed)
    cap = proportion_cap(tender, rules)
    if cap is not None and total > cap:
        dearest = max(costed, key=lambda c: c.cost or 0)
        weighting = tender.weighting if tender.weighting and 0 < tender.weighting <= 100 else \
            rules.checks["default_weighting"]
        out.append(TenderProblem(
            "disproportionate",
            f"Your commitments cost {money(total)} in total, more than {money(cap)} "
            f"({rules.checks['share_of_weighted_value']:.0%} of the {weighting:g}% of "
            f"{money(tender.value or 0)} that the social value weighting stands for); "
            f"commitment {dearest.id} costs most ({money(dearest.cost or 0)}): check the "
            f"contract can carry it, or scale it down.", dearest.id))
    over = rules.checks["kpi_value_over"]
    if tender.value is not None and tender.value > over and tender.light_touch is not True:
        measurable = sum(1 for c in tender.commitments if is_measurable(c))
        minimum = int(rules.checks["kpi_minimum"])
        if measurable < minimum:
            out.append(TenderProblem(
                "kpi-rules",
                f"The contract is worth more than {money(over)}, so the buyer will set at least "
                f"{minimum} KPIs and publish performance at least every 12 months; only "
                f"{measurable} of your commitments have a measure and a numeric target: offer "
                f"at least {minimum} you can report on."))
    return out


def total_cost(tender: Tender) -> int:
    return sum(c.cost for c in tender.commitments if c.cost and c.cost > 0)


# --- the evidence map --------------------------------------------------------------------------

class CriterionEvidence(NamedTuple):
    criterion_id: str
    criterion: str
    sections: tuple[SectionView, ...]
    notes: tuple[Note, ...]
    recommendations: tuple[str, ...]


def evidence_map(tender: Tender, rules: TenderRules,
                 readiness: Readiness | None) -> list[CriterionEvidence]:
    """For each criterion: the readiness sections that speak to it (always, and by theme words
    in the criterion and its commitments), their scores, the provider's own notes in them, and
    the recommendations that would close the gap."""
    out = []
    for criterion in tender.criteria:
        words = " ".join([criterion.text] + [
            f"{k.what} {k.measure} {k.evidence}" for k in tender.commitments
            if k.criterion == criterion.id]).casefold()
        wanted = list(rules.evidence_always)
        for theme in rules.themes:
            if any(w.casefold() in words for w in theme.words):
                wanted += [s for s in theme.sections if s not in wanted]
        if readiness is None:
            out.append(CriterionEvidence(criterion.id, criterion.text, (), (), ()))
            continue
        sections = tuple(readiness.sections[s] for s in wanted if s in readiness.sections)
        ids = {s.id for s in sections}
        out.append(CriterionEvidence(
            criterion.id, criterion.text, sections,
            tuple(n for n in readiness.notes if n.section in ids),
            tuple(title for section, title in readiness.recommendations if section in ids)))
    return out


def report_line(path: Path | str, problem: TenderProblem) -> str:
    """One printable line for a problem."""
    who = f" {problem.commitment}" if problem.commitment else ""
    return f"{path}: {problem.kind}{who}: {problem.message}"

