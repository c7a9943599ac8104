#!/usr/bin/env bash
# Load benchmark (issue 6): the packaged service on PostgreSQL, driven by wrk from a second process.
#   bench/load.sh [seconds] [connections]        REFUGIO_BENCH_WARMUP=150 (seconds of screening warm-up)
# Measures screenings over REST (every decision persisted) in the full view, in the summary view (view=summary)
# and with one language's texts (lang=en), an echo endpoint of the full answer's size as the ceiling of this
# stack, and cases opened to their first wait state (full, then view=summary). Prints a Markdown table for BENCHMARKS.md.
set -euo pipefail
cd "$(dirname "$0")/.."

SECONDS_PER_RUN=${1:-30}
CONNECTIONS=${2:-64}
# The JIT needs about two and a half minutes of this load before throughput stops rising (see BENCHMARKS.md).
WARMUP_SECONDS=${REFUGIO_BENCH_WARMUP:-150}
PGHOST=${PGHOST:-127.0.0.1}
PGPORT=${PGPORT:-5432}
PGUSER=${PGUSER:-postgres}
DB=${REFUGIO_BENCH_DB:-refugio_bench}
PORT=${REFUGIO_BENCH_PORT:-18080}
WORK=$(mktemp -d)
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; rm -rf "$WORK"' EXIT

command -v wrk >/dev/null || { echo "installing wrk (Debian package)"; apt-get install -y -qq wrk >/dev/null; }
# The service's jar plus the echo endpoint of bench/src (profile load-bench, built into target/load-bench).
ls target/load-bench/refugio-*.jar >/dev/null 2>&1 || ./mvnw -q -B -Pload-bench -DskipTests package
JAR=$(ls target/load-bench/refugio-*.jar | grep -v -e plain -e original | head -1)

# shellcheck source=bench/service.sh
. bench/service.sh
bench_fresh_database
bench_tokens
bench_start_service

bench_request_files
RESPONSE_BYTES=$(curl -s -o "$WORK/one.json" -w '%{size_download}' -X POST "http://127.0.0.1:$PORT/api/v1/screenings" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data @"$WORK/facts.json")

run() { # name path seconds [body file]
  local jvm0 pg0
  jvm0=$(jvm_ticks); pg0=$(pg_ticks)
  BODY_FILE="${4:-$WORK/facts.json}" wrk -t2 -c"$CONNECTIONS" -d"$3"s --timeout 10s --latency -s "$WORK/post.lua" \
    -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$2" > "$WORK/$1.txt" 2>&1
  echo "cpu-ticks: jvm $(( $(jvm_ticks) - jvm0 )) pg $(( $(pg_ticks) - pg0 )) hz $(getconf CLK_TCK)" >> "$WORK/$1.txt"
}

run warm-screening /api/v1/screenings "$WARMUP_SECONDS"
run screening /api/v1/screenings "$SECONDS_PER_RUN"
RSS_KB=$(ps -o rss= -p "$(cat "$WORK/pid")" | tr -d ' ')
STORED=$(psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d "$DB" -tAc "select count(*) from screening_decision")
# Issue 14: the same screenings answered compactly (every decision still stored in full, both languages).
SUMMARY_BYTES=$(curl -s -o /dev/null -w '%{size_download}' -X POST "http://127.0.0.1:$PORT/api/v1/screenings?view=summary" \
  -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' --data @"$WORK/facts.json")
run summary "/api/v1/screenings?view=summary" "$SECONDS_PER_RUN"
run lang "/api/v1/screenings?lang=en" "$SECONDS_PER_RUN"
run warm-echo "/bench/echo?responseBytes=$RESPONSE_BYTES" 10
run echo "/bench/echo?responseBytes=$RESPONSE_BYTES" "$SECONDS_PER_RUN"
if curl -s -o /dev/null -w '%{http_code}' -X POST "http://127.0.0.1:$PORT/api/v1/cases" -H "Authorization: Bearer $TOKEN" \
     -H 'Content-Type: application/json' --data @"$WORK/case.json" | grep -q '^20'; then
  run warm-cases /api/v1/cases 30 "$WORK/case.json"
  # Issue 12: meanwhile one caseworker opens and confirms cases; how long until the provider's webhook has each.
  python3 bench/delivery-delay.py "http://127.0.0.1:$PORT" "$TOKEN" "$SECONDS_PER_RUN" "$WORK/delivery.txt" &
  DELAY_PID=$!
  run cases /api/v1/cases "$SECONDS_PER_RUN" "$WORK/case.json"
  wait "$DELAY_PID" || echo "delivery-delay.py failed"
  # Issue 14: the same cases answered without the embedded decision (screeningRef only).
  run cases-summary "/api/v1/cases?view=summary" "$SECONDS_PER_RUN" "$WORK/case.json"
fi

# Issue 14: the audit chain written under all that load verifies end to end (every record's HMAC, no gap, every
# screening's stored facts and decision against its digests), as an auditor would check it.
curl -s --max-time 1200 "http://127.0.0.1:$PORT/api/v1/audit/verify" -H "Authorization: Bearer $AUDITOR_TOKEN" \
  > "$WORK/verify.json" || echo '{}' > "$WORK/verify.json"

python3 - "$WORK" "$RESPONSE_BYTES" "$RSS_KB" "$STORED" "$CONNECTIONS" "$SECONDS_PER_RUN" "$SUMMARY_BYTES" <<'PY'
import json, re, sys, os
work, size, rss, stored, conns, secs, summary_size = sys.argv[1:]
def parse(name):
    path = os.path.join(work, name + ".txt")
    if not os.path.exists(path):
        return None
    text = open(path).read()
    unit = {"us": 0.001, "ms": 1.0, "s": 1000.0}
    lat = {p: float(v) * unit[u] for p, v, u in re.findall(r"^\s+(50|99)%\s+([\d.]+)(us|ms|s)", text, re.M)}
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", text).group(1))
    total = int(re.search(r"(\d+) requests in", text).group(1))
    non2xx = int((re.search(r"Non-2xx or 3xx responses: (\d+)", text) or [0, 0])[1])
    errors = re.search(r"Socket errors: (.*)", text)
    ticks = re.search(r"cpu-ticks: jvm (\d+) pg (\d+) hz (\d+)", text)
    cpu = {k: 1000.0 * int(ticks.group(i)) / int(ticks.group(3)) / max(total, 1)
           for k, i in (("jvm", 1), ("pg", 2))} if ticks else {"jvm": float("nan"), "pg": float("nan")}
    return dict(rps=rps, p50=lat.get("50"), p99=lat.get("99"), total=total, non2xx=non2xx,
                errors=errors.group(1) if errors else "none", jvm_ms=cpu["jvm"], pg_ms=cpu["pg"])
s, e, c = parse("screening"), parse("echo"), parse("cases")
sm, lg, cs = parse("summary"), parse("lang"), parse("cases-summary")
w = parse("warm-screening")
print(f"| run | requests/s | p50 ms | p99 ms | requests | non-2xx | socket errors | CPU ms/request (JVM + PostgreSQL) |")
print(f"|---|---:|---:|---:|---:|---:|---|---:|")
for name, r in (("screenings (persisted), full view", s), ("screenings, view=summary", sm),
                ("screenings, lang=en (one language)", lg), ("echo, same payload as full", e),
                ("cases to first wait state", c), ("cases, view=summary", cs)):
    if r:
        print(f"| {name} | {r['rps']:.0f} | {r['p50']:.1f} | {r['p99']:.1f} | {r['total']} | {r['non2xx']} | {r['errors']}"
              f" | {r['jvm_ms'] + r['pg_ms']:.2f} ({r['jvm_ms']:.2f} + {r['pg_ms']:.2f}) |")
print()
print(f"- {conns} connections, {secs} s per run, response {size} bytes (summary {summary_size} bytes); "
      f"ratio screenings/echo = {s['rps'] / e['rps']:.2f}")
print(f"- resident memory after the screening run: {int(rss) // 1024} MiB")
try:
    v = json.load(open(os.path.join(work, "verify.json")))
    print(f"- audit chain verified after the load: {json.dumps(v.get('verified'))} ({v.get('recordsChecked')} records, "
          f"{v.get('decisionsChecked')} decisions checked against their digests, first broken link: "
          f"{v.get('firstBroken', 'none')})")
except ValueError:
    print("- audit chain verification: no answer")
if os.path.exists(os.path.join(work, "delivery.txt")):
    print("- " + open(os.path.join(work, "delivery.txt")).read().strip())
acknowledged = s['total'] - s['non2xx'] + w['total'] - w['non2xx'] + 1
print(f"- screening_decision rows after the screening runs: {stored}; 2xx screenings (warm-up + run + probe): {acknowledged}"
      f"; wrk socket errors during them: {w['errors']} / {s['errors']}")
PY
