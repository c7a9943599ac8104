#!/usr/bin/env bash
# One side of an A/B comparison (issue 14): a fresh database and a fresh service from JAR, 64 clients POSTing the
# facts of public scenario 01 (Juan) to PATH for WARM seconds, then RUN measured seconds; prints one line with
# requests/s and the processor time per request (the JVM plus the PostgreSQL backends of its database, from /proc),
# the figure that holds on a shared machine. Alternate the two jars (A, B, A, B) and compare.
#   bench/ab.sh JAR PATH BODY WARM RUN     BODY: 1 = the facts as the body (screenings), 0 = {"facts": ...} (cases)
#   e.g. bench/ab.sh target/load-bench/refugio-0.1.0-SNAPSHOT.jar '/api/v1/screenings?view=summary' 1 60 30
set -euo pipefail
JAR=$(realpath "$1"); TARGET=$2; RAW=$3; WARM=$4; RUN=$5
cd "$(dirname "$0")/.."
PGHOST=127.0.0.1; PGUSER=postgres; DB=refugio_ab; PORT=18090
WORK=$(mktemp -d)
trap 'kill $(cat "$WORK/pid" 2>/dev/null) 2>/dev/null || true; sleep 2; rm -rf "$WORK"' EXIT
dropdb -h $PGHOST -U $PGUSER --if-exists $DB 2>/dev/null; createdb -h $PGHOST -U $PGUSER $DB
openssl genrsa -out "$WORK/key.pem" 2048 2>/dev/null
openssl rsa -in "$WORK/key.pem" -pubout -out "$WORK/pub.pem" 2>/dev/null
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
HEADER=$(printf '{"alg":"RS256","typ":"JWT"}' | b64url)
PAYLOAD=$(printf '{"sub":"load-generator","iss":"https://idp.bench","aud":"refugio","exp":%d,"roles":["INTAKE","CASEWORKER","ADMIN"]}' $(( $(date +%s) + 7200 )) | b64url)
TOKEN="$HEADER.$PAYLOAD.$(printf '%s.%s' "$HEADER" "$PAYLOAD" | openssl dgst -sha256 -sign "$WORK/key.pem" | b64url)"
java -Xms512m -Xmx1g -jar "$JAR" --spring.profiles.active=bench --server.port="$PORT" \
  --spring.datasource.url="jdbc:postgresql://$PGHOST:5432/$DB" --spring.datasource.username="$PGUSER" \
  --refugio.security.demo-users.enabled=false --refugio.security.jwt.public-key-location="file:$WORK/pub.pem" \
  --refugio.security.jwt.issuer=https://idp.bench --refugio.security.jwt.audience=refugio \
  --camunda.bpm.admin-user.password=x$RANDOM --refugio.identity.active-key-id=bench \
  --refugio.identity.keys.bench="$(openssl rand -base64 32)" --refugio.audit.hmac-key="$(openssl rand -base64 32)" \
  > "$WORK/service.log" 2>&1 &
echo $! > "$WORK/pid"
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break; sleep 1; done
python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['facts']))" src/test/resources/scenarios/public/01-juan-debt-bondage-farm-labor.json > "$WORK/facts.json"
if [ "$RAW" = 1 ]; then cp "$WORK/facts.json" "$WORK/body.json"; else echo "{\"facts\":$(cat "$WORK/facts.json")}" > "$WORK/body.json"; fi
cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open(os.getenv("BODY_FILE"), "r"); wrk.body = f:read("*a"); f:close()
LUA
jvm_ticks() { awk '{print $14 + $15}' "/proc/$(cat "$WORK/pid")/stat"; }
pg_ticks() { local t=0 p; for p in $(pgrep -f "postgres: .* $DB " || true); do t=$(( t + $(awk '{print $14 + $15}' "/proc/$p/stat" 2>/dev/null || echo 0) )); done; echo $t; }
BODY_FILE=$WORK/body.json wrk -t2 -c64 -d${WARM}s --timeout 10s -s "$WORK/post.lua" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$TARGET" >/dev/null
j0=$(jvm_ticks); p0=$(pg_ticks)
BODY_FILE=$WORK/body.json wrk -t2 -c64 -d${RUN}s --timeout 10s --latency -s "$WORK/post.lua" -H "Authorization: Bearer $TOKEN" "http://127.0.0.1:$PORT$TARGET" > "$WORK/run.txt"
j1=$(jvm_ticks); p1=$(pg_ticks)
python3 - "$WORK/run.txt" $((j1-j0)) $((p1-p0)) "$JAR" "$TARGET" <<'PY'
import re,sys
t=open(sys.argv[1]).read(); j,p=int(sys.argv[2]),int(sys.argv[3])
n=int(re.search(r"(\d+) requests in",t).group(1)); rps=float(re.search(r"Requests/sec:\s+([\d.]+)",t).group(1))
non=int((re.search(r"Non-2xx or 3xx responses: (\d+)",t) or [0,0])[1])
print(f"{sys.argv[4]} {sys.argv[5]} rps={rps:.0f} n={n} non2xx={non} cpu_ms/req={10*(j+p)/n:.2f} (jvm {10*j/n:.2f} + pg {10*p/n:.2f})")
PY
