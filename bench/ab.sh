#!/usr/bin/env bash
# One side of an A/B comparison (issue 14): a fresh database and a fresh service from JAR, 64 clients POSTing the
# facts of public scenario 01 (Juan) to PATH for WARM seconds, then RUN measured seconds; prints one line with
# requests/s and the processor time per request (the JVM plus the PostgreSQL backends of its database, from /proc),
# the figure that holds on a shared machine, the latency's p50 and p99, and the service's resident memory after the
# run. Alternate the two jars (A, B, A, B) and compare. REFUGIO_BENCH_JVM (bench/service.sh) and the environment
# reach the JVM.
#   bench/ab.sh JAR PATH BODY WARM RUN     BODY: 1 = the facts as the body (screenings), 0 = {"facts": ...} (cases)
#   e.g. bench/ab.sh target/load-bench/refugio-0.1.0-SNAPSHOT.jar '/api/v1/screenings?view=summary' 1 60 30
set -euo pipefail
JAR=$(realpath "$1"); TARGET=$2; RAW=$3; WARM=$4; RUN=$5
cd "$(dirname "$0")/.."
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}
DB=${REFUGIO_BENCH_DB:-refugio_ab}; PORT=${REFUGIO_BENCH_PORT:-18090}
WORK=$(mktemp -d)
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; sleep 2; rm -rf "$WORK"' EXIT

# shellcheck source=bench/service.sh
. bench/service.sh
bench_fresh_database
bench_tokens
bench_start_service
bench_request_files
if [ "$RAW" = 1 ]; then BODY="$WORK/facts.json"; else BODY="$WORK/case.json"; fi

load() { # seconds -> wrk's report
  BODY_FILE=$BODY wrk -t2 -c64 -d"$1"s --timeout 10s --latency -s "$WORK/post.lua" \
    -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$TARGET"
}
load "$WARM" >/dev/null
j0=$(jvm_ticks); p0=$(pg_ticks)
load "$RUN" > "$WORK/run.txt"
j1=$(jvm_ticks); p1=$(pg_ticks)
RSS_KB=$(ps -o rss= -p "$(cat "$WORK/pid")" | tr -d ' ')
python3 - "$WORK/run.txt" $((j1 - j0)) $((p1 - p0)) "$(getconf CLK_TCK)" "$JAR" "$TARGET" "$RSS_KB" <<'PY'
import re, sys
text = open(sys.argv[1]).read()
jvm, pg, hz = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
n = int(re.search(r"(\d+) requests in", text).group(1))
rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
non2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", text) or [0, 0])[1])
def latency_ms(pct):  # wrk --latency: "99%  123.45ms" (us, ms or s)
    value, unit = re.search(pct + r"%\s+([\d.]+)(us|ms|s)", text).groups()
    return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]
ms = lambda ticks: 1000.0 * ticks / hz / max(n, 1)
print(f"{sys.argv[5]} {sys.argv[6]} rps={rps:.0f} n={n} non2xx={non2xx} "
      f"p50={latency_ms('50'):.0f}ms p99={latency_ms('99'):.0f}ms "
      f"cpu_ms/req={ms(jvm + pg):.2f} (jvm {ms(jvm):.2f} + pg {ms(pg):.2f}) rss={int(sys.argv[7]) // 1024}MiB")
PY
