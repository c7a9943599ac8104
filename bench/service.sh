# Sourced by bench/load.sh and bench/ab.sh: the one way a benchmark gets a fresh database, a token as an identity
# provider would issue it, the packaged service running on them, the request body and the processor counters.
# Expects PGHOST, PGPORT, PGUSER, DB, PORT, JAR and WORK (a temporary directory) to be set.

# shellcheck source=bench/jwt.sh
. bench/jwt.sh

bench_fresh_database() {
  pg_isready -h "$PGHOST" -p "$PGPORT" -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  dropdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" --if-exists "$DB" 2>/dev/null
  createdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$DB"
}

# A signing key of our own; TOKEN (intake, caseworker, admin) and AUDITOR_TOKEN signed with it.
bench_tokens() {
  openssl genrsa -out "$WORK/key.pem" 2048 2>/dev/null
  openssl rsa -in "$WORK/key.pem" -pubout -out "$WORK/pub.pem" 2>/dev/null
  TOKEN=$(jwt "$WORK/key.pem" https://idp.bench 7200 load-generator '["INTAKE","CASEWORKER","ADMIN"]')
  AUDITOR_TOKEN=$(jwt "$WORK/key.pem" https://idp.bench 7200 bench-auditor '["AUDITOR"]')
}

# The jar on the fresh database, trusting the tokens above; waits until it is ready (exits with its log if not).
bench_start_service() {
  java @deploy/jvm.options ${REFUGIO_BENCH_JVM:-} -jar "$JAR" --spring.profiles.active=bench --server.port="$PORT" \
    --spring.datasource.url="jdbc:postgresql://$PGHOST:$PGPORT/$DB" --spring.datasource.username="$PGUSER" \
    --refugio.security.demo-users.enabled=false \
    --refugio.security.jwt.public-key-location="file:$WORK/pub.pem" \
    --refugio.security.jwt.issuer=https://idp.bench --refugio.security.jwt.audience=refugio \
    --camunda.bpm.admin-user.password="$(openssl rand -hex 16)" \
    --refugio.identity.active-key-id=bench --refugio.identity.keys.bench="$(openssl rand -base64 32)" \
    --refugio.audit.hmac-key="$(openssl rand -base64 32)" \
    > "$WORK/service.log" 2>&1 &
  echo $! > "$WORK/pid"
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null && break
    sleep 1
  done
  curl -sf "http://127.0.0.1:$PORT/actuator/health/readiness" >/dev/null || { tail -50 "$WORK/service.log"; exit 1; }
}

# $WORK/facts.json (public scenario 01, Juan), $WORK/case.json ({"facts": ...}) and $WORK/post.lua (wrk POSTs the
# file named by BODY_FILE).
bench_request_files() {
  python3 -c "import json,sys; print(json.dumps(json.load(open(sys.argv[1]))['facts']))" \
    src/test/resources/scenarios/public/01-juan-debt-bondage-farm-labor.json > "$WORK/facts.json"
  printf '{"facts":%s}\n' "$(cat "$WORK/facts.json")" > "$WORK/case.json"
  cat > "$WORK/post.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open(os.getenv("BODY_FILE"), "r"); wrk.body = f:read("*a"); f:close()
LUA
}

# Processor time (clock ticks) of the service's JVM and of the PostgreSQL backends serving its database: per
# request, the one figure that holds on a shared machine, where requests/s measures the neighbours too.
jvm_ticks() { awk '{print $14 + $15}' "/proc/$(cat "$WORK/pid")/stat"; }
pg_ticks() {
  local total=0 pid
  for pid in $(pgrep -f "postgres: .* $DB " || true); do
    total=$(( total + $(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0) ))
  done
  echo "$total"
}
