#!/usr/bin/env bash
# Checks the CKAN Action API (/api/3/action/…) with the real ckanapi client
# (PyPI ckanapi 4.11): on a fresh SQLite database with the demo and 250
# seeded datasets (example catalog_seed), `teilhabe serve` is started and
# scripts/ckan_check.py runs status_show, package_list, package_show,
# resource_show, package_search paging with start/rows until an empty page,
# the harvester's fq=metadata_modified:[… TO *] with sort=id asc,
# organization_list(all_fields=True), facets and the NotFound,
# SearchQueryError and ValidationError cases, with POST and with
# get_only=True; then `ckanapi dump datasets --all` is compared with
# package_list and package_show. Ends with "N passed, N failed".
#
# Environment: CKANAPI_VENV (default target/ckanapi-venv), CARGO_TARGET_DIR.
# Needs: python3 with venv and pip, network access to PyPI on the first run.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
TARGET="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="${CKANAPI_VENV:-$TARGET/ckanapi-venv}"
VERSION=4.11
SEEDED=250

if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
if ! "$VENV/bin/python" -c "import importlib.metadata as m; assert m.version('ckanapi') == '$VERSION'" 2>/dev/null; then
  "$VENV/bin/pip" install --quiet "ckanapi==$VERSION"
fi
"$VENV/bin/python" -c "import importlib.metadata as m; v = m.version('ckanapi'); assert v == '$VERSION', v; print('ckanapi', v)"

cargo build --quiet -p teilhabe --bin teilhabe --example catalog_seed
BIN="$TARGET/debug/teilhabe"
SEED="$TARGET/debug/examples/catalog_seed"

work=$(mktemp -d)
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT

db="$work/ckan.db"
"$SEED" "sqlite:$db" "$SEEDED"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
TEILHABE_DATABASE_URL="sqlite:$db" TEILHABE_BASE_URL="$base" \
  "$BIN" serve --bind "127.0.0.1:$port" >"$work/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf "$base/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped:"; cat "$work/server.log"; exit 1; }
  sleep 0.5
done

# dump starts its workers as `ckanapi` from PATH.
PATH="$VENV/bin:$PATH" "$VENV/bin/ckanapi" dump datasets --all -r "$base" -q -O "$work/dump.jsonl"
"$VENV/bin/python" scripts/ckan_check.py "$base" "$work/dump.jsonl" "$SEEDED"
