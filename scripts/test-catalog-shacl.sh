#!/usr/bin/env bash
# Validates the DCAT-AP.de export (/catalog.ttl) with pyshacl 0.40.1 (PyPI)
# against the SEMIC DCAT-AP 3.0.0 shapes plus GovData's DCAT-AP.de 3.0
# shapes (testdata/dcat-ap-de/, see its README for the files combined and
# why no inference and no downloaded vocabularies are needed):
#   (a) every page of /catalog.ttl of `teilhabe serve --demo` on a fresh
#       SQLite file, fetched by following hydra:next (else hydra:nextPage)
#       from page 1 as GovData's harvester (ckanext-dcat) does;
#   (b) the Turtle the Rust test
#       catalog_export::export_has_every_property_in_three_serialisations_with_the_same_triples
#       writes to target/catalog-shacl/ (a catalog covering every variant:
#       file and link distributions, with and without a period, own landing
#       page, regional key and contributor id set, a participation result).
# Any SHACL result, a warning too, fails. scripts/catalog_shacl_check.py
# does the checking and prints "N passed, N failed".
#
# Creates a venv in target/catalog-shacl-venv (CATALOG_SHACL_VENV).
# Environment: TEILHABE_BIN (default target/debug/teilhabe, built here).
# Needs: python3 with venv and pip, network access to PyPI on the first run,
# cargo, curl.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

PYSHACL_VERSION=0.40.1
VENV="${CATALOG_SHACL_VENV:-$ROOT/target/catalog-shacl-venv}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import pyshacl, importlib.metadata as m; assert m.version('pyshacl') == '$PYSHACL_VERSION'" 2>/dev/null; then
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "pyshacl==$PYSHACL_VERSION"
fi
"$VENV/bin/python" -c "import importlib.metadata as m; v = m.version('pyshacl'); assert v == '$PYSHACL_VERSION', v; print('pyshacl', v)"

SHAPES="$ROOT/testdata/dcat-ap-de"
OUT="$ROOT/target/catalog-shacl"
LOG_DIR="$ROOT/target/test-log"
mkdir -p "$LOG_DIR"

# (b) the variant catalog, written by the Rust test
rm -rf "$OUT"
cargo test --quiet --workspace --test app catalog_export::export_has_every_property >/dev/null
files=("$OUT"/*.ttl)
[ -e "${files[0]}" ] || { echo "FAILED  the Rust test wrote no Turtle to $OUT"; echo "0 passed, 1 failed"; exit 1; }
rc_b=0
"$VENV/bin/python" scripts/catalog_shacl_check.py "$SHAPES" "${files[@]}" | sed -E 's/^([0-9]+ passed, [0-9]+ failed)/variants: \1/' || rc_b=$?

# (a) the demo's catalog, page by page
BIN="${TEILHABE_BIN:-}"
if [ -z "$BIN" ]; then
  cargo build --quiet -p teilhabe
  BIN="${CARGO_TARGET_DIR:-$ROOT/target}/debug/teilhabe"
fi
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
db="$ROOT/target/catalog-shacl-demo.db"
rm -f "$db" "$db-wal" "$db-shm" "$db.key"
TEILHABE_DATABASE_URL="sqlite:$db" TEILHABE_BASE_URL="http://127.0.0.1:$port" \
  "$BIN" serve --demo --bind "127.0.0.1:$port" >"$LOG_DIR/catalog-shacl-server.log" 2>&1 &
server_pid=$!
trap 'kill "$server_pid" 2>/dev/null; true' EXIT
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped:"; cat "$LOG_DIR/catalog-shacl-server.log"; exit 1; }
  sleep 0.5
done
rc_a=0
"$VENV/bin/python" scripts/catalog_shacl_check.py "$SHAPES" --url "http://127.0.0.1:$port/catalog.ttl" \
  | sed -E 's/^([0-9]+ passed, [0-9]+ failed)/demo: \1/' || rc_a=$?
kill "$server_pid" 2>/dev/null || true

# One closing line over both parts for scripts/test's totals.
"$VENV/bin/python" - "$rc_a" "$rc_b" <<'PY'
import sys
failed = sum(1 for rc in sys.argv[1:] if rc != "0")
print(f"{2 - failed} passed, {failed} failed")
PY
[ "$rc_a" = 0 ] && [ "$rc_b" = 0 ]
