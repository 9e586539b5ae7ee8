#!/usr/bin/env bash
# Validates the register exports of teilhabe-register against the upstream
# JSON Schemas with the third-party validator check-jsonschema (PyPI):
#   - ATS 0.3.1 export of the 12 Musterstadt sample entries, record by record
#   - NL Algoritmeregister Publicatiestandaard 1.0 export, record by record
#   - the standard's own example record (sanity check of the schema)
#   - two deliberately broken records, which the validator must reject
#   - ATS round trip: export -> import -> export gives the same file
#   - `teilhabe register export --format ats|nl` of the demo database,
#     record by record, and `teilhabe register import` of our own export
#     (nothing changes) and of a broken file (refused, errors per record
#     and field, nothing written)
# Prints "N passed, 0 failed" and exits non-zero on any failure.
#
# Environment: CARGO_TARGET_DIR (default: the workspace target/),
#              REGISTER_VENV (default target/register-venv).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$(cd "$(dirname "$0")/.." && pwd)/target}"
VENV="${REGISTER_VENV:-$ROOT/target/register-venv}"
SCHEMAS="$ROOT/testdata/algorithm-register"
ATS_SCHEMA="$SCHEMAS/eurocities-ats-0.3.1/ats-0.3.1.schema.json"
NL_SCHEMA="$SCHEMAS/nl-publicatiestandaard-1.0/schema.json"
CHECK_JSONSCHEMA_VERSION="${CHECK_JSONSCHEMA_VERSION:-0.39.0}"

for f in "$ATS_SCHEMA" "$NL_SCHEMA"; do
  [[ -f "$f" ]] || { echo "FATAL: schema $f missing" >&2; exit 1; }
done

if [[ ! -x "$VENV/bin/check-jsonschema" ]]; then
  echo "== installing check-jsonschema $CHECK_JSONSCHEMA_VERSION into $VENV"
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet --disable-pip-version-check "check-jsonschema==$CHECK_JSONSCHEMA_VERSION"
fi
CHECK="$VENV/bin/check-jsonschema"
PY="$VENV/bin/python"
"$CHECK" --version

OUT="$(mktemp -d "${TMPDIR:-/tmp}/register-schemas.XXXXXX")"
trap 'rm -rf "$OUT"' EXIT

echo "== building the exports"
run_export() {
  nice -n 15 cargo run --quiet -p teilhabe-register --example export -- "$@"
}
run_export --format ats --output "$OUT/ats.json"
run_export --format nl --output "$OUT/nl.json"
run_export --format ats --input "$OUT/ats.json" --output "$OUT/ats-roundtrip.json"

# One file per record, so each record is validated (and counted) alone.
split_records() { # $1 array file, $2 out dir
  mkdir -p "$2"
  "$PY" - "$1" "$2" <<'PY'
import json, sys, os
records = json.load(open(sys.argv[1], encoding="utf-8"))
assert isinstance(records, list) and records, "export is not a non-empty JSON array"
for i, r in enumerate(records, 1):
    with open(os.path.join(sys.argv[2], f"record-{i:02d}.json"), "w", encoding="utf-8") as f:
        json.dump(r, f, ensure_ascii=False, indent=1)
print(len(records))
PY
}

passed=0
failed=0
pass() { passed=$((passed + 1)); echo "PASS $1"; }
fail() { failed=$((failed + 1)); echo "FAIL $1" >&2; }

expect_valid() { # $1 schema, $2 file, $3 label
  if "$CHECK" --schemafile "$1" "$2" >"$OUT/log" 2>&1; then
    pass "$3"
  else
    fail "$3"; cat "$OUT/log" >&2
  fi
}
expect_invalid() { # $1 schema, $2 file, $3 label
  if "$CHECK" --schemafile "$1" "$2" >"$OUT/log" 2>&1; then
    fail "$3 (validator accepted an invalid record)"
  else
    pass "$3 (rejected as expected)"
  fi
}

n_ats=$(split_records "$OUT/ats.json" "$OUT/ats")
n_nl=$(split_records "$OUT/nl.json" "$OUT/nl")
echo "== $n_ats ATS records, $n_nl NL records"
[[ "$n_ats" -ge 12 && "$n_ats" == "$n_nl" ]] || fail "record counts (ats=$n_ats nl=$n_nl, want >= 12 and equal)"

for f in "$OUT"/ats/record-*.json; do
  expect_valid "$ATS_SCHEMA" "$f" "ATS 0.3.1 $(basename "$f")"
done
for f in "$OUT"/nl/record-*.json; do
  expect_valid "$NL_SCHEMA" "$f" "NL 1.0 $(basename "$f")"
done
expect_valid "$ATS_SCHEMA" "$SCHEMAS/eurocities-ats-0.3.1/example-record.json" "ATS example record of the standard"

# Negative controls: the validator must notice broken records.
"$PY" - "$OUT/ats/record-01.json" "$OUT/bad-ats.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
del r["name"]
r["contact_email"] = "not an e-mail"
r["status"] = "in use"
json.dump(r, open(sys.argv[2], "w", encoding="utf-8"))
PY
expect_invalid "$ATS_SCHEMA" "$OUT/bad-ats.json" "ATS broken record"
"$PY" - "$OUT/nl/record-01.json" "$OUT/bad-nl.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
r["start_date"] = "2024-03-01"
r["status"] = "operational"
json.dump(r, open(sys.argv[2], "w", encoding="utf-8"))
PY
expect_invalid "$NL_SCHEMA" "$OUT/bad-nl.json" "NL broken record"

if cmp -s "$OUT/ats.json" "$OUT/ats-roundtrip.json"; then
  pass "ATS round trip (export -> import -> export identical)"
else
  fail "ATS round trip"; diff "$OUT/ats.json" "$OUT/ats-roundtrip.json" | head -20 >&2 || true
fi

# The platform itself: `teilhabe register export/import` on a database
# with the demo municipality (the register as staff edited it, with
# versions), validated record by record like the crate's exports above.
echo "== teilhabe register export/import on the demo database"
nice -n 15 cargo build --quiet -p teilhabe
BIN="$CARGO_TARGET_DIR/debug/teilhabe"
export TEILHABE_DATABASE_URL="sqlite:$OUT/demo.db"
"$BIN" demo >"$OUT/demo.log" 2>&1 || { cat "$OUT/demo.log" >&2; fail "loading the demo"; }
"$BIN" register export --format ats --output "$OUT/cli-ats.json"
"$BIN" register export --format nl --output "$OUT/cli-nl.json" 2>/dev/null
n_cli=$(split_records "$OUT/cli-ats.json" "$OUT/cli-ats")
split_records "$OUT/cli-nl.json" "$OUT/cli-nl" >/dev/null
for f in "$OUT"/cli-ats/record-*.json; do
  expect_valid "$ATS_SCHEMA" "$f" "CLI ATS 0.3.1 $(basename "$f")"
done
for f in "$OUT"/cli-nl/record-*.json; do
  expect_valid "$NL_SCHEMA" "$f" "CLI NL 1.0 $(basename "$f")"
done
"$PY" - "$OUT/cli-ats.json" <<'PY' && pass "CLI ATS export: lang de, one record per entry ($n_cli)" || fail "CLI ATS export: lang/uuid"
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
assert all(x["lang"] == "de" for x in r), "lang"
assert len({x["uuid"] for x in r}) == len(r), "uuid per entry"
PY
# Importing our own export recognises every entry and changes nothing.
if "$BIN" register import "$OUT/cli-ats.json" 2>/dev/null | grep -q "0 new entries, 0 new versions, $n_cli unchanged"; then
  pass "CLI import of our own export: every entry recognised, nothing changed"
else
  fail "CLI import of our own export"
fi
# A file with errors: every error with record and field, nothing written.
"$PY" - "$OUT/cli-ats.json" "$OUT/cli-bad.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1], encoding="utf-8"))
r[0]["status"] = "in use"
del r[2]["name"]
r[3]["contact_email"] = "keine-adresse"
r.append({"name": "Ohne alles"})
json.dump(r, open(sys.argv[2], "w", encoding="utf-8"))
PY
if "$BIN" register import "$OUT/cli-bad.json" >"$OUT/bad.out" 2>&1; then
  fail "CLI import of a broken file (accepted)"
else
  if grep -q "record 1, field status" "$OUT/bad.out" && grep -q "record 3, field name" "$OUT/bad.out" \
     && grep -q "record 4, field contact_email" "$OUT/bad.out" && grep -q "record $((n_cli + 1)), field" "$OUT/bad.out" \
     && grep -q "nothing was imported" "$OUT/bad.out"; then
    pass "CLI import of a broken file: refused, each error with record and field"
  else
    fail "CLI import of a broken file: messages"; cat "$OUT/bad.out" >&2
  fi
fi
"$BIN" register export --format ats --output "$OUT/cli-ats-after.json" 2>/dev/null
if cmp -s "$OUT/cli-ats.json" "$OUT/cli-ats-after.json"; then
  pass "CLI: the refused import wrote nothing"
else
  fail "CLI: the refused import changed the register"
fi

echo "$passed passed, $failed failed"
[[ "$failed" -eq 0 ]]
