#!/usr/bin/env bash
# Runs schemathesis (PyPI, pinned) against the JSON API of a fresh
# `teilhabe serve --demo`, with every check (`--checks all`: no server
# errors, responses conform to /api/openapi.json in status, content type,
# headers and schema, bad input refused, valid input accepted, disallowed
# methods answered 405, endpoints that need a token refuse requests without
# one). Authenticated endpoints are called with an API token of the demo
# administrator, created through the profile page like a person would.
# The number of examples per operation is bounded (SCHEMATHESIS_EXAMPLES,
# default 40) so that the stage stays within a few minutes.
# Prints "N passed, N failed" (operations) and exits non-zero on any
# failure.
#
# Environment: CARGO_TARGET_DIR (default: the workspace target/),
#              SCHEMATHESIS_VENV (default target/schemathesis-venv),
#              SCHEMATHESIS_EXAMPLES, SCHEMATHESIS_SEED.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$ROOT/target}"
VENV="${SCHEMATHESIS_VENV:-$ROOT/target/schemathesis-venv}"
SCHEMATHESIS_VERSION="${SCHEMATHESIS_VERSION:-4.32.0}"
EXAMPLES="${SCHEMATHESIS_EXAMPLES:-40}"
SEED="${SCHEMATHESIS_SEED:-20261203}"
# One worker: hypothesis is not thread-safe in every corner (schemathesis
# 4.32 with two workers once failed inside hypothesis's lambda cache).

if [[ ! -x "$VENV/bin/st" ]] || ! "$VENV/bin/st" --version | grep -q "$SCHEMATHESIS_VERSION"; then
  echo "== installing schemathesis $SCHEMATHESIS_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
fi
"$VENV/bin/st" --version

echo "== building the server"
cargo build --quiet -p teilhabe

OUT="$(mktemp -d "${TMPDIR:-/tmp}/schemathesis.XXXXXX")"
server_pid=""
cleanup() {
  [[ -n "$server_pid" ]] && kill "$server_pid" 2>/dev/null
  rm -rf "$OUT"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
BASE="http://127.0.0.1:$port"
TEILHABE_DATABASE_URL="sqlite:$OUT/api.db" TEILHABE_LOGIN_PER_MINUTE=100000 \
  TEILHABE_CONTRIBUTIONS_PER_MINUTE=100000 \
  "$CARGO_TARGET_DIR/debug/teilhabe" serve --demo --bind "127.0.0.1:$port" >"$OUT/server.log" 2>&1 &
server_pid=$!
for _ in $(seq 1 120); do
  curl -sf "$BASE/health" >/dev/null 2>&1 && break
  kill -0 "$server_pid" 2>/dev/null || { echo "the server stopped:"; cat "$OUT/server.log"; exit 1; }
  sleep 0.5
done

echo "== creating an API token for the demo administrator"
TOKEN=$("$VENV/bin/python" - "$BASE" <<'PY'
import re, sys
import requests
base = sys.argv[1]
s = requests.Session()
def csrf(path):
    page = s.get(base + path)
    page.raise_for_status()
    m = re.search(r'name="_csrf" value="([^"]+)"', page.text)
    assert m, f"no CSRF token on {path}"
    return m.group(1)
r = s.post(base + "/login", data={"_csrf": csrf("/login"), "email": "admin@musterstadt.example", "password": "demo-passwort"}, allow_redirects=False)
assert r.status_code == 303 and not r.headers.get("location", "").startswith("/login"), f"login failed: {r.status_code}"
# Every write scope the profile offers, so that writes are tried too.
page = s.get(base + "/profile").text
scopes = [("scopes", sc) for sc in re.findall(r'name="scopes" value="([^"]+)"', page)]
assert scopes, "the profile offers no token scopes"
r = s.post(base + "/profile/tokens", data=[("_csrf", csrf("/profile")), ("name", "schemathesis")] + scopes)
m = re.search(r"<code>(th_[^<]+)</code>", r.text)
assert m, f"no token shown: {r.status_code}"
print(m.group(1))
PY
)

echo "== schemathesis: --checks all, $EXAMPLES examples per operation, seed $SEED"
set +e
# Run from the scratch folder: schemathesis keeps a cache in the current one.
(cd "$OUT" && "$VENV/bin/st" --config-file "$ROOT/tests/api/schemathesis.toml" run "$BASE/api/openapi.json" \
  --url "$BASE" \
  --checks all \
  --max-examples "$EXAMPLES" \
  --seed "$SEED" \
  --workers 1 \
  --generation-database none \
  --header "Authorization: Bearer $TOKEN" \
  --request-timeout 30 \
  --no-color \
  --report junit --report-junit-path "$OUT/junit.xml") \
  2>&1 | tee "$OUT/st.log"
rc=${PIPESTATUS[0]}
set -e

# The server must not have logged an internal error either.
internal=$(grep -c "internal error" "$OUT/server.log" || true)
if [[ "$internal" -gt 0 ]]; then
  echo "the server logged $internal internal errors:"
  grep "internal error" "$OUT/server.log" | head -20
  rc=1
fi

# Operations passed and failed, from the JUnit report.
read -r passed failed < <("$VENV/bin/python" - "$OUT/junit.xml" <<'PY'
import sys, xml.etree.ElementTree as ET
cases = ET.parse(sys.argv[1]).getroot().iter("testcase")
passed = failed = 0
for c in cases:
    if c.find("failure") is not None or c.find("error") is not None:
        failed += 1
    elif c.find("skipped") is None:
        passed += 1
print(passed, failed)
PY
)
[[ "$rc" -ne 0 && "$failed" -eq 0 ]] && failed=1
echo "$passed passed, $failed failed"
exit "$rc"
