#!/usr/bin/env bash
# Our participatory-budget export read by pabutools 1.2.3 (issue 5).
#
# Starts `teilhabe serve --demo` on a fresh SQLite file, downloads the .pb
# export of each published demo budget (/budgets/ID/export/pb) and our
# published result (/api/budgets/ID/results), loads the .pb with pabutools
# (scripts/pabutools_expected.py: parse_pabulib and the rule's exact call)
# and checks that pabutools selects exactly the projects we selected, with
# the same total cost. Prints "N passed, M failed".
#
# Needs: python3 with venv and pip, network access to PyPI (once), curl, cargo.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="$ROOT/target/pabutools-venv"
mkdir -p "$ROOT/target"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c 'import pabutools, importlib.metadata as m; assert m.version("pabutools") == "1.2.3"' 2>/dev/null; then
  "$VENV/bin/pip" install --quiet 'pabutools==1.2.3'
fi

cargo build --quiet -p teilhabe
tmp=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TEILHABE_DATABASE_URL="sqlite:$tmp/demo.db" "$TARGET/debug/teilhabe" serve --demo --bind "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -sf "$base/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped:"; cat "$tmp/server.log"; exit 1; }
  sleep 0.5
done

passed=0
failed=0
# The demo's published budgets: Gesamtstadt (approval, mes-add1-greedy),
# Nordstadt (knapsack, mes-add1-greedy), Südstadt (cumulative, mes),
# Weststadt (ranking, greedy).
for id in 1 2 3 4; do
  curl -sf "$base/budgets/$id/export/pb" -o "$tmp/$id.pb"
  curl -sf "$base/api/budgets/$id/results" -o "$tmp/$id.json"
  rule=$("$VENV/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["rule"])' "$tmp/$id.json")
  "$VENV/bin/python" scripts/pabutools_expected.py "$tmp/$id.pb" "$rule" > "$tmp/$id.pabutools.json"
  if "$VENV/bin/python" - "$tmp/$id.pabutools.json" "$tmp/$id.json" "$tmp/$id.pb" <<'PY'
import json, sys
theirs = json.load(open(sys.argv[1]))
ours = json.load(open(sys.argv[2]))
a = sorted(theirs["selected"])
b = sorted(str(p) for p in ours["selected"])
ok = a == b and int(theirs["total_cost"]) == int(ours["total_cost"])
print(f"  budget {ours['budget_id']} ({ours['rule']}, {ours['voters']} voters): ours {b}, pabutools {a}")
if not ok:
    print(f"  totals: ours {ours['total_cost']}, pabutools {theirs['total_cost']}")
sys.exit(0 if ok else 1)
PY
  then
    passed=$((passed + 1)); echo "ok      budget $id $rule"
  else
    failed=$((failed + 1)); echo "FAILED  budget $id $rule"
  fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
