#!/usr/bin/env bash
# Load benchmark (README, "Benchmarks"): `teilhabe serve --demo` in release
# mode on a fresh SQLite file, then wrk with 64 connections against
#   1. the process page listing 50 proposals, and
#   2. a proposal page with 20 comments, and
#   3. the results page of the demo opinion map (SVG map of 420 people).
# Needs wrk (Debian package). Usage: scripts/bench-load.sh [SECONDS]
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
secs=${1:-20}
command -v wrk >/dev/null || { echo "error: wrk is missing: apt-get install wrk" >&2; exit 1; }
cargo build --release -p teilhabe
dir=$(mktemp -d)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TEILHABE_DATABASE_URL="sqlite:$dir/bench.db" TEILHABE_LOG=warn target/release/teilhabe serve --demo --bind "127.0.0.1:$port" >"$dir/server.log" 2>&1 &
pid=$!
trap 'kill $pid 2>/dev/null; rm -rf "$dir"' EXIT
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/health" >/dev/null && break; sleep 0.5; done
base="http://127.0.0.1:$port"
proposal=$(sqlite3 "$dir/bench.db" "SELECT id FROM proposals WHERE comment_count >= 20 ORDER BY id LIMIT 1")
list="$base/processes/radverkehrsnetz-2030?per_page=50"
items=$(curl -s "$list" | grep -c 'class="proposal-item"')
comments=$(curl -s "$base/proposals/$proposal" | grep -c 'class="comment ')
echo "list page: $items proposals; proposal page /proposals/$proposal: $comments comments"
opinion="$base/processes/zukunft-innenstadt/opinion/results"
for url in "$list" "$base/proposals/$proposal" "$opinion"; do
  curl -s -o /dev/null "$url"
  echo "== $url"
  wrk -t2 -c64 -d"${secs}s" --latency "$url" | grep -E "Requests/sec|Latency|50%|90%|99%|Non-2xx|Socket errors"
done
