#!/usr/bin/env python3
"""Compute participatory-budgeting outcomes with pabutools 1.2.x.

The reference for teilhabe-budget (crates/budget). For each .pb file and rule it
prints (or writes) a JSON object

    {"file": ..., "rule": ..., "selected": [sorted project ids],
     "total_cost": "N", "pabutools_version": ..., "cpu_seconds": {...}}

Usage:
    pabutools_expected.py FILE.pb RULE            # print JSON on stdout
    pabutools_expected.py --out DIR FILE.pb...    # all rules, DIR/<file>.<rule>.json
    pabutools_expected.py --out DIR --rules mes-add1-greedy --reuse-add1 FILE.pb

Rules (exact pabutools calls):

* score of a project on a ballot: approval 1; cumulative/scoring its points;
  ordinal ``max_length - position`` (META max_length, position 0-based).
* greedy:          greedy_utilitarian_welfare(instance, profile, sat_class=ScoreTimesCostSat)
* mes:             method_of_equal_shares(instance, profile, sat_class=MES_SAT)
* mes-add1:        method_of_equal_shares(instance, profile.as_multiprofile(),
                                          sat_class=MES_SAT, voter_budget_increment=1)
* mes-add1-greedy: completion_by_rule_combination(instance, profile.as_multiprofile(),
                       [method_of_equal_shares, greedy_utilitarian_welfare],
                       [{"sat_class": MES_SAT, "voter_budget_increment": 1},
                        {"sat_class": ScoreTimesCostSat}])

where MES_SAT is Cost_Sat for approval, Additive_Cardinal_Sat for cumulative
and scoring ballots, and PositionalPointsSat (max_length - position) for
ordinal ballots. Ties: pabutools' default lexico_tie_breaking; exact gmpy2
fractions (pabutools' default).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from importlib.metadata import version

from pabutools.election import (
    parse_pabulib,
    Cost_Sat,
    Additive_Cardinal_Sat,
    AbstractApprovalBallot,
    AbstractCardinalBallot,
    AbstractOrdinalBallot,
)
from pabutools.election.satisfaction.additivesatisfaction import AdditiveSatisfaction
from pabutools.rules import BudgetAllocation
from pabutools.rules import (
    greedy_utilitarian_welfare,
    method_of_equal_shares,
    completion_by_rule_combination,
)

RULES = ["greedy", "mes", "mes-add1", "mes-add1-greedy"]

# META max_length of the file being processed (ordinal ballots only).
ORDINAL_MAX_LENGTH = {"value": None}


def score(ballot, project):
    """Score of `project` on `ballot` (see module docstring)."""
    if isinstance(ballot, AbstractApprovalBallot):
        return int(project in ballot)
    if isinstance(ballot, AbstractCardinalBallot):
        return ballot.get(project, 0)
    if isinstance(ballot, AbstractOrdinalBallot):
        if project in ballot:
            return ORDINAL_MAX_LENGTH["value"] - ballot.index(project)
        return 0
    raise ValueError(f"unsupported ballot type {type(ballot)}")


class ScoreTimesCostSat(AdditiveSatisfaction):
    """Satisfaction score x cost: greedy then orders projects by total score."""

    def __init__(self, instance, profile, ballot):
        AdditiveSatisfaction.__init__(
            self,
            instance,
            profile,
            ballot,
            lambda inst, prof, b, p, pre: score(b, p) * p.cost,
        )


class PositionalPointsSat(AdditiveSatisfaction):
    """Ordinal ballots: max_length - position (0-based)."""

    def __init__(self, instance, profile, ballot):
        AdditiveSatisfaction.__init__(
            self, instance, profile, ballot, lambda inst, prof, b, p, pre: score(b, p)
        )


def mes_sat(vote_type):
    if vote_type in ("approval", "choose-1"):
        return Cost_Sat
    if vote_type in ("cumulative", "scoring"):
        return Additive_Cardinal_Sat
    if vote_type == "ordinal":
        return PositionalPointsSat
    raise ValueError(f"unsupported vote_type {vote_type}")


def load(path):
    instance, profile = parse_pabulib(path)
    if instance.meta["vote_type"] == "ordinal":
        if "max_length" in instance.meta:
            ORDINAL_MAX_LENGTH["value"] = int(instance.meta["max_length"])
        else:
            ORDINAL_MAX_LENGTH["value"] = max((len(b) for b in profile), default=0)
    return instance, profile


# Outcome of mes-add1 already computed for this file (see --reuse-add1): the
# first stage of mes-add1-greedy then returns it instead of recomputing the same
# method_of_equal_shares call (10+ minutes on the Warsaw files).
REUSED_ADD1 = {"outcome": None, "last": None}


def run_rule(instance, profile, rule):
    sat = mes_sat(instance.meta["vote_type"])
    if rule == "greedy":
        return greedy_utilitarian_welfare(instance, profile, sat_class=ScoreTimesCostSat)
    if rule == "mes":
        return method_of_equal_shares(instance, profile, sat_class=sat)
    if rule == "mes-add1":
        return method_of_equal_shares(
            instance, profile.as_multiprofile(), sat_class=sat, voter_budget_increment=1
        )
    if rule == "mes-add1-greedy":
        first = method_of_equal_shares
        if REUSED_ADD1["outcome"] is not None:
            stored = REUSED_ADD1["outcome"]

            def first(instance, profile, initial_budget_allocation=None, resoluteness=True, **kw):
                return BudgetAllocation(stored)

        return completion_by_rule_combination(
            instance,
            profile.as_multiprofile(),
            [first, greedy_utilitarian_welfare],
            [
                {"sat_class": sat, "voter_budget_increment": 1},
                {"sat_class": ScoreTimesCostSat},
            ],
        )
    raise ValueError(f"unknown rule {rule}")


def fmt_number(x):
    # gmpy2 mpq -> "123" or "123.45" (costs in .pb files are decimals)
    if x.denominator == 1:
        return str(x.numerator)
    from decimal import Decimal, getcontext

    getcontext().prec = 60
    return str((Decimal(int(x.numerator)) / Decimal(int(x.denominator))).normalize())


def compute(path, rule, instance=None, profile=None, parse_cpu=None):
    if instance is None:
        t0 = time.process_time()
        instance, profile = load(path)
        parse_cpu = time.process_time() - t0
    t0 = time.process_time()
    outcome = run_rule(instance, profile, rule)
    rule_cpu = time.process_time() - t0
    if rule == "mes-add1":
        REUSED_ADD1["last"] = list(outcome)
    selected = sorted(p.name for p in outcome)
    total = sum(p.cost for p in outcome)
    return {
        "file": os.path.basename(path),
        "rule": rule,
        "selected": selected,
        "total_cost": fmt_number(total) if selected else "0",
        "pabutools_version": version("pabutools"),
        "cpu_seconds": {"parse": round(parse_cpu, 3), "rule": round(rule_cpu, 3)},
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--out", help="write DIR/<file>.<rule>.json for every rule")
    ap.add_argument(
        "--rules", default=",".join(RULES), help="comma-separated rules (with --out)"
    )
    ap.add_argument(
        "--reuse-add1",
        action="store_true",
        help="mes-add1-greedy: take the mes-add1 stage from the mes-add1 result "
        "computed before (in this run, or DIR/<file>.mes-add1.json) instead of "
        "recomputing it",
    )
    ap.add_argument("args", nargs="+")
    a = ap.parse_args()
    if a.out is None:
        if len(a.args) != 2:
            ap.error("expected FILE.pb RULE")
        print(json.dumps(compute(a.args[0], a.args[1]), ensure_ascii=False))
        return
    os.makedirs(a.out, exist_ok=True)
    for path in a.args:
        t0 = time.process_time()
        instance, profile = load(path)
        parse_cpu = time.process_time() - t0
        name = os.path.basename(path)[: -len(".pb")]
        REUSED_ADD1["last"] = None
        for rule in a.rules.split(","):
            REUSED_ADD1["outcome"] = None
            if rule == "mes-add1-greedy" and a.reuse_add1:
                REUSED_ADD1["outcome"] = REUSED_ADD1["last"]
                stored = os.path.join(a.out, f"{name}.mes-add1.json")
                if REUSED_ADD1["outcome"] is None and os.path.exists(stored):
                    ids = json.load(open(stored, encoding="utf-8"))["selected"]
                    REUSED_ADD1["outcome"] = [instance.get_project(i) for i in ids]
            res = compute(path, rule, instance, profile, parse_cpu)
            if rule == "mes-add1-greedy" and REUSED_ADD1["outcome"] is not None:
                res["note"] = "mes-add1 stage reused from the mes-add1 result; cpu excludes it"
            target = os.path.join(a.out, f"{name}.{rule}.json")
            with open(target, "w", encoding="utf-8") as f:
                json.dump(res, f, ensure_ascii=False, indent=1)
                f.write("\n")
            print(f"{target}: {len(res['selected'])} projects, cpu {res['cpu_seconds']}",
                  file=sys.stderr, flush=True)


if __name__ == "__main__":
    main()
