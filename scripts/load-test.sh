#!/usr/bin/env bash
# Load test of a running decision service on loopback with wrk (Debian package wrk): every
# connection alternates rank and the matching reward, for a bounded time. Afterwards the server's
# counters must line up with what wrk saw acknowledged.
#   ./proxima serve --data /tmp/load-data &   then   scripts/load-test.sh [URL] [SECONDS] [CONNECTIONS]
set -euo pipefail
URL="${1:-http://127.0.0.1:8637}"
SECONDS_="${2:-60}"
CONNECTIONS="${3:-128}"
command -v wrk >/dev/null || { echo "load-test: needs wrk (apt-get install wrk)" >&2; exit 2; }
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
wrk -t2 -c"$CONNECTIONS" -d"${SECONDS_}s" --latency -s "$HERE/load-test.lua" "$URL"
echo "server counters:"
curl -s "$URL/metrics" | grep -E '^proxima_(decisions_logged_total|rewards_joined_total|http_responses_total)'
