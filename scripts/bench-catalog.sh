#!/usr/bin/env bash
# Catalog benchmark (README, "Benchmarks"): a release build of `teilhabe`
# and the example catalog_seed, 10,000 datasets (each with a CSV file, every
# second with a JSON link) seeded into a fresh SQLite file with the demo,
# `teilhabe serve`, then wrk with 16 connections against
#   1. package_search with q, rows=100 (full text),
#   2. package_search with fq (organization and a metadata_modified range),
#      sort=id asc, rows=100 (the harvester's pattern),
#   3. /catalog.ttl (the DCAT-AP.de export's first page), if the route exists,
# each with the page cache on (the default) and off (TEILHABE_PAGE_CACHE_MS=0,
# every request computed).
# Needs wrk (Debian package). Usage: scripts/bench-catalog.sh [SECONDS] [N]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
secs=${1:-10}
n=${2:-10000}
command -v wrk >/dev/null || { echo "error: wrk is missing: apt-get install wrk" >&2; exit 1; }
cargo build --release -p teilhabe --bin teilhabe --example catalog_seed
dir=$(mktemp -d)
pid=""
trap '[ -n "$pid" ] && kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
start=$(date +%s)
target/release/examples/catalog_seed "sqlite:$dir/bench.db" "$n"
echo "seeded $n datasets in $(( $(date +%s) - start )) s"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
base="http://127.0.0.1:$port"
for cache in on off; do
  if [ "$cache" = off ]; then export TEILHABE_PAGE_CACHE_MS=0; fi
  TEILHABE_DATABASE_URL="sqlite:$dir/bench.db" TEILHABE_LOG=warn target/release/teilhabe serve --bind "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -sf "$base/health" >/dev/null && break; sleep 0.5; done
  org=$(curl -s "$base/api/3/action/organization_list" | python3 -c 'import json,sys; print(json.load(sys.stdin)["result"][0])')
  q="$base/api/3/action/package_search?q=messreihe&rows=100"
  fq="$base/api/3/action/package_search?fq=organization:$org%20metadata_modified:%5B2000-01-01T00:00:00Z%20TO%20*%5D&sort=id%20asc&rows=100"
  urls=("$q" "$fq")
  if [ "$(curl -s -o /dev/null -w '%{http_code}' "$base/catalog.ttl")" = 200 ]; then
    urls+=("$base/catalog.ttl")
  else
    echo "(/catalog.ttl is not there: not measured)"
  fi
  for url in "${urls[@]}"; do
    count=$(curl -s "$url" | python3 -c 'import json,sys
try: print(json.load(sys.stdin)["result"]["count"], "matches")
except Exception: print("not JSON")')
    echo "== page cache $cache: $url ($count)"
    wrk -t2 -c16 -d"${secs}s" --latency "$url" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors"
  done
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=""
done
