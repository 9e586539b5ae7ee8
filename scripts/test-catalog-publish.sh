#!/usr/bin/env bash
# The demo's participation results as open data, read by pabutools 1.2.3
# (issue #13).
#
# Loads the demo into a fresh SQLite file (its end publishes the results of
# the closed processes), lists the files of the dataset
# buergerhaushalt-2026-abstimmung with `teilhabe catalog files` (id, name,
# SHA-256, download address), starts `teilhabe serve` on that database and
# downloads each file through the catalog's download address
# /daten/{name}/dateien/{id}. Checks:
#   1. every download has the SHA-256 the catalog states;
#   2. pabutools reads the published .pb (scripts/pabutools_expected.py:
#      parse_pabulib and the budget rule's exact call) and selects exactly
#      the projects the published result CSV marks as selected;
#   3. the turnout by district and channel has no count of 1 to 4.
# Prints "N passed, M failed".
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
BIN="$TARGET/debug/teilhabe"
tmp=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  rm -rf "$tmp"
}
trap cleanup EXIT
export TEILHABE_DATABASE_URL="sqlite:$tmp/demo.db"
export TEILHABE_LOG=warn
"$BIN" demo >"$tmp/demo.log" 2>&1 || { cat "$tmp/demo.log"; echo "0 passed, 1 failed"; exit 1; }
dataset=buergerhaushalt-2026-abstimmung
"$BIN" catalog files "$dataset" "$tmp/cli" >"$tmp/files.tsv"

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
"$BIN" serve --bind "127.0.0.1:$port" >"$tmp/server.log" 2>&1 &
server_pid=$!
base="http://127.0.0.1:$port"
for _ in $(seq 1 120); do
  curl -sf "$base/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped:"; cat "$tmp/server.log"; exit 1; }
  sleep 0.5
done

passed=0
failed=0
check() { # name, command...
  local name=$1; shift
  if "$@"; then passed=$((passed + 1)); echo "ok      $name"; else failed=$((failed + 1)); echo "FAILED  $name"; fi
}
mkdir -p "$tmp/web"
while IFS=$'\t' read -r id file sha url; do
  download() {
    curl -sf "$base$url" -o "$tmp/web/$file" &&
      [ "$(sha256sum "$tmp/web/$file" | cut -d' ' -f1)" = "$sha" ]
  }
  check "download $url ($file) has the stated SHA-256" download
done <"$tmp/files.tsv"

pb=$(ls "$tmp/web"/*.pb 2>/dev/null | head -1 || true)
result=$(ls "$tmp/web"/*-ergebnis.csv 2>/dev/null | head -1 || true)
pabutools_agrees() {
  [ -n "$pb" ] && [ -n "$result" ] || { echo "  no .pb or result downloaded"; return 1; }
  rule=$(sed -n 's/^rule;//p' "$pb")
  "$VENV/bin/python" scripts/pabutools_expected.py "$pb" "$rule" >"$tmp/pabutools.json"
  "$VENV/bin/python" - "$tmp/pabutools.json" "$result" <<'PY'
import csv, json, sys
theirs = json.load(open(sys.argv[1]))
with open(sys.argv[2], newline="") as f:
    ours = sorted(r["projekt"] for r in csv.DictReader(f) if r["ausgewaehlt"] == "ja")
a = sorted(theirs["selected"])
print(f"  published result {ours}, pabutools {a}")
sys.exit(0 if a == ours and ours else 1)
PY
}
check "pabutools reads the published .pb and selects the published projects" pabutools_agrees

no_small_cells() {
  "$VENV/bin/python" - "$tmp/web/nach-stadtteil-und-kanal.csv" <<'PY'
import csv, sys
rows = list(csv.DictReader(open(sys.argv[1], newline="")))
bad = [r for r in rows if r["stimmzettel"].isdigit() and 0 < int(r["stimmzettel"]) < 5]
print(f"  {len(rows)} rows, {len(bad)} under 5")
sys.exit(0 if rows and not bad else 1)
PY
}
check "turnout by district and channel has no count under 5" no_small_cells
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
