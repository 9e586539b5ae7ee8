#!/usr/bin/env bash
# Live comparison of teilhabe-budget with pabutools 1.2.3.
#
# Creates a venv in target/pabutools-venv, installs pabutools==1.2.3, and for
# every file x rule that pabutools computes in under about a minute, recomputes
# the outcome with pabutools (scripts/pabutools_expected.py) and compares the
# selected set and total cost with ours (`cargo run -p teilhabe-budget --example
# tally -- FILE --rule RULE --format json`). The slow combinations (mes-add1 and
# mes-add1-greedy on the Warsaw files, 11 to 14 minutes each in pabutools, and
# Łódź mes-add1-greedy, 60 s)
# are compared against the precomputed testdata/pabulib/expected/*.json by
# `cargo test -p teilhabe-budget --test pabutools` and, with ALL=1, live here too.
#
# Needs: python3 with venv and pip (Debian: python3-venv python3-pip), network
# access to PyPI, cargo.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=target/pabutools-venv
DATA=testdata/pabulib
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import pabutools, importlib.metadata as m; assert m.version("pabutools") == "1.2.3"' 2>/dev/null; then
  "$VENV/bin/pip" install --quiet 'pabutools==1.2.3'
fi

cargo build --quiet --release -p teilhabe-budget --example tally
TALLY=(cargo run --quiet --release -p teilhabe-budget --example tally --)

# file|rules compared live (pabutools CPU seconds per rule, measured on a
# 2-core machine, in the comment)
COMBOS=(
  "Canada_Stanford_Dataset_PB_Dieppe_2018_vote_approvals|greedy mes mes-add1 mes-add1-greedy" # < 1 s
  "France_Toulouse_2019|greedy mes mes-add1 mes-add1-greedy"        # add1: 12 s
  "Poland_Czestochowa_2024|greedy mes mes-add1 mes-add1-greedy"     # add1: 14 s
  "Poland_Krakow_2025_Podgorze|greedy mes mes-add1 mes-add1-greedy" # 2 / 2 / 24 / 24 s
  "Poland_Warszawa_2021_Mokotow|greedy mes"                         # 5 s each
  "Poland_Lodz_2022|greedy mes mes-add1"                            # 43 / 33 / 54 s (+ parse 5 s)
  "Poland_Warszawa_2026|greedy mes"                                 # 15 / 16 s (+ parse 3 s)
  # a vote names a project twice (read as pabutools does, with a warning)
  "Poland_Warszawa_2026_Blonia_Wilanowskie|greedy mes mes-add1 mes-add1-greedy" # add1: 2 s
  "Poland_Czestochowa_2020|greedy mes mes-add1 mes-add1-greedy"     # 5 / 3 / 24 / 24 s
)
# our small format-variant files (testdata/pabulib/variants/README.md), all rules
for f in "$DATA"/variants/*.pb; do
  f=${f#"$DATA"/}
  COMBOS+=("${f%.pb}|greedy mes mes-add1 mes-add1-greedy")
done
if [ "${ALL:-0}" = 1 ]; then
  COMBOS+=(
    "Poland_Warszawa_2021_Mokotow|mes-add1 mes-add1-greedy"
    "Poland_Lodz_2022|mes-add1-greedy"
    "Poland_Warszawa_2026|mes-add1 mes-add1-greedy"
  )
fi

passed=0
failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for combo in "${COMBOS[@]}"; do
  file=${combo%%|*}
  for rule in ${combo#*|}; do
    pb="$DATA/$file.pb"
    "$VENV/bin/python" scripts/pabutools_expected.py "$pb" "$rule" > "$tmp/theirs.json"
    "${TALLY[@]}" "$pb" --rule "$rule" --format json > "$tmp/ours.json"
    if "$VENV/bin/python" - "$tmp/theirs.json" "$tmp/ours.json" <<'PY'
import json, sys
from fractions import Fraction
theirs = json.load(open(sys.argv[1]))
ours = json.load(open(sys.argv[2]))
a, b = sorted(theirs["selected"]), sorted(ours["selected"])
ok = a == b and Fraction(str(theirs["total_cost"])) == Fraction(str(ours["total_cost"]))
if not ok:
    print(f"  pabutools: {a} total {theirs['total_cost']}")
    print(f"  ours:      {b} total {ours['total_cost']}")
    print(f"  only pabutools: {sorted(set(a) - set(b))}, only ours: {sorted(set(b) - set(a))}")
sys.exit(0 if ok else 1)
PY
    then
      passed=$((passed + 1))
      echo "ok      $file $rule"
    else
      failed=$((failed + 1))
      echo "FAILED  $file $rule"
    fi
  done
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
