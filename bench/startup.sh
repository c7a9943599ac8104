#!/usr/bin/env bash
# Start to ready (issue 14 item 5): N runs of each JAR, alternated (A, B, A, B, ...), each `java -jar JAR` on the
# embedded default in a directory of its own whose ./data already holds the H2 database (migrated by a first run
# not counted). Ready = wall time from launching java until /actuator/health/readiness answers 200; CPU = the JVM's
# user + system seconds at that moment (/proc/PID/stat); RSS its resident size then. Each run waits (up to 60 s)
# until the machine has been under 25% busy for 3 s, and prints the load average it started at. Prints every run,
# then the median ready and CPU seconds per jar.
#   bench/startup.sh N JAR [JAR...]      e.g. bench/startup.sh 3 /tmp/me/A.jar /tmp/me/B.jar
# REFUGIO_STARTUP_JVM: JVM flags (default none); REFUGIO_STARTUP_ARGS: application arguments (e.g. a PostgreSQL
# datasource); REFUGIO_STARTUP_FRESH=1: a fresh ./data for every run (measures the first start, migrations too);
# REFUGIO_STARTUP_QUIET_WAIT: the most seconds to wait for a quiet machine (default 60); REFUGIO_BENCH_PORT: the
# port (default 18090).
set -euo pipefail
N=$1; shift
JARS=(); for j in "$@"; do JARS+=("$(realpath "$j")"); done
PORT=${REFUGIO_BENCH_PORT:-18090}
WORK=$(mktemp -d)
PID=
trap '[ -n "$PID" ] && kill "$PID" 2>/dev/null; rm -rf "$WORK"' EXIT
HZ=$(getconf CLK_TCK)

busy_percent() { # over the next second, all processors
  local a b
  read -r _ u1 n1 s1 i1 w1 q1 sq1 st1 _ < /proc/stat
  sleep 1
  read -r _ u2 n2 s2 i2 w2 q2 sq2 st2 _ < /proc/stat
  a=$(( (u2 + n2 + s2 + q2 + sq2 + st2) - (u1 + n1 + s1 + q1 + sq1 + st1) ))
  b=$(( a + (i2 + w2) - (i1 + w1) ))
  echo $(( b > 0 ? 100 * a / b : 0 ))
}
wait_quiet() {
  local quiet=0 waited=0
  while [ "$quiet" -lt 3 ] && [ "$waited" -lt "${REFUGIO_STARTUP_QUIET_WAIT:-60}" ]; do
    if [ "$(busy_percent)" -lt 25 ]; then quiet=$((quiet + 1)); else quiet=0; fi
    waited=$((waited + 1))
  done
}

# One start: prints "ready_s cpu_s rss_mib load1"
start_once() { # jar dir
  local jar=$1 dir=$2 t0 now ticks rss load
  wait_quiet
  load=$(cut -d' ' -f1 /proc/loadavg)
  cd "$dir"
  t0=$(date +%s%N)
  # shellcheck disable=SC2086
  java ${REFUGIO_STARTUP_JVM:-} -jar "$jar" --server.port="$PORT" ${REFUGIO_STARTUP_ARGS:-} > "$dir/service.log" 2>&1 &
  PID=$!
  cd - >/dev/null
  while :; do
    if curl -sf -o /dev/null "http://127.0.0.1:$PORT/actuator/health/readiness"; then break; fi
    kill -0 "$PID" 2>/dev/null || { tail -40 "$dir/service.log" >&2; exit 1; }
    sleep 0.1
  done
  now=$(date +%s%N)
  ticks=$(awk '{print $14 + $15}' "/proc/$PID/stat")
  rss=$(awk '/VmRSS/ {print int($2 / 1024)}' "/proc/$PID/status")
  kill "$PID"; wait "$PID" 2>/dev/null || true; PID=
  awk -v ns=$((now - t0)) -v t="$ticks" -v hz="$HZ" -v r="$rss" -v l="$load" \
    'BEGIN { printf "%.2f %.2f %d %s\n", ns / 1e9, t / hz, r, l }'
}

for i in "${!JARS[@]}"; do
  mkdir -p "$WORK/$i"
  if [ "${REFUGIO_STARTUP_FRESH:-0}" != 1 ]; then
    echo "warm-up (not counted, migrates ./data): ${JARS[$i]}" >&2
    start_once "${JARS[$i]}" "$WORK/$i" >/dev/null
  fi
done
for run in $(seq 1 "$N"); do
  for i in "${!JARS[@]}"; do
    [ "${REFUGIO_STARTUP_FRESH:-0}" = 1 ] && rm -rf "$WORK/$i/data"
    line=$(start_once "${JARS[$i]}" "$WORK/$i")
    echo "$line" >> "$WORK/results.$i"
    echo "$(date -u +%H:%M:%S) run $run $(basename "${JARS[$i]}"): ready ${line% * * *} s, cpu $(echo "$line" | cut -d' ' -f2) s, rss $(echo "$line" | cut -d' ' -f3) MiB, load $(echo "$line" | cut -d' ' -f4)"
  done
done
median() { sort -n | awk '{ v[NR] = $1 } END { printf "%.2f", NR % 2 ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
for i in "${!JARS[@]}"; do
  f=$WORK/results.$i
  echo "$(basename "${JARS[$i]}"): median ready $(cut -d' ' -f1 "$f" | median) s" \
    "(runs: $(cut -d' ' -f1 "$f" | tr '\n' ' ')), median cpu $(cut -d' ' -f2 "$f" | median) s"
done
