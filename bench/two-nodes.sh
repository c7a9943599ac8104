#!/usr/bin/env bash
# Two Refugio nodes on one PostgreSQL database behind HAProxy, on this machine, for a person to try what
# compose.yaml deploys: the same jar, the same settings (as environment variables), the same balancer config.
#   bench/two-nodes.sh            start (builds the jar when missing), print where to point a browser
#   bench/two-nodes.sh stop       stop the nodes and the balancer
# Needs PostgreSQL on 127.0.0.1:5432 (user postgres, trust auth, as the tests use) and haproxy (Debian package).
set -euo pipefail
cd "$(dirname "$0")/.."

WORK=${REFUGIO_TWO_NODES_DIR:-/tmp/refugio-two-nodes}
PGHOST=${PGHOST:-127.0.0.1}; PGPORT=${PGPORT:-5432}; PGUSER=${PGUSER:-postgres}
DB=${REFUGIO_TWO_NODES_DB:-refugio_two_nodes}
BALANCER_PORT=${BALANCER_PORT:-8080}; PORT_A=${PORT_A:-8081}; PORT_B=${PORT_B:-8082}

stop() {
  for p in "$WORK"/*.pid; do [ -f "$p" ] && kill "$(cat "$p")" 2>/dev/null || true; rm -f "$p"; done
}
if [ "${1:-}" = stop ]; then stop; echo "stopped"; exit 0; fi

command -v haproxy >/dev/null || { echo "haproxy is missing: apt-get install haproxy" >&2; exit 1; }
mkdir -p "$WORK"
stop

JAR=$(ls target/refugio-*.jar 2>/dev/null | grep -v original | head -1 || true)
if [ -z "$JAR" ]; then ./mvnw -q -DskipTests package; JAR=$(ls target/refugio-*.jar | grep -v original | head -1); fi

psql -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -tAc "select 1 from pg_database where datname = '$DB'" \
  | grep -q 1 || createdb -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" "$DB"

# One set of secrets for both nodes, kept between runs so the data stays readable and the chain verifiable.
if [ ! -f "$WORK/secrets.env" ]; then
  umask 077
  cat > "$WORK/secrets.env" <<SECRETS
REFUGIO_AUDIT_HMAC_KEY=$(openssl rand -base64 32)
REFUGIO_IDENTITY_KEY=$(openssl rand -base64 32)
REFUGIO_OPERATOR_PASSWORD=$(openssl rand -hex 12)
SECRETS
fi
# shellcheck disable=SC1091
. "$WORK/secrets.env"

# A local stand-in for the identity provider: a signing key, and a caseworker's token as the provider would issue.
[ -f "$WORK/idp.pem" ] || { openssl genrsa -out "$WORK/idp.pem" 2048 2>/dev/null;
  openssl rsa -in "$WORK/idp.pem" -pubout -out "$WORK/idp.pub.pem" 2>/dev/null; }
# shellcheck source=bench/jwt.sh
. bench/jwt.sh
token() { jwt "$WORK/idp.pem" https://idp.local 28800 "$1" "[\"$2\"]"; } # subject role

# The settings compose.yaml gives each node. The demo users stay off, as they must next to PostgreSQL.
export SPRING_DATASOURCE_URL="jdbc:postgresql://$PGHOST:$PGPORT/$DB" SPRING_DATASOURCE_USERNAME="$PGUSER"
export REFUGIO_AUDIT_HMAC_KEY REFUGIO_OPERATOR_PASSWORD REFUGIO_OPERATOR_USER=operator
export REFUGIO_SECURITY_DEMOUSERS_ENABLED=false REFUGIO_WEB_PASSWORDSIGNIN=false
export REFUGIO_SECURITY_JWT_ISSUER=https://idp.local REFUGIO_SECURITY_JWT_AUDIENCE=refugio
export REFUGIO_SECURITY_JWT_PUBLICKEYLOCATION="file:$WORK/idp.pub.pem"
export SPRING_APPLICATION_JSON="{\"refugio\":{\"identity\":{\"active-key-id\":\"local-1\",\"keys\":{\"local-1\":\"$REFUGIO_IDENTITY_KEY\"}}}}"

start_node() {
  SERVER_PORT=$2 nohup java @deploy/jvm.options ${REFUGIO_NODE_JVM:-} -jar "$JAR" > "$WORK/node-$1.log" 2>&1 &
  echo $! > "$WORK/node-$1.pid"
}
wait_ready() {
  for _ in $(seq 1 ${REFUGIO_START_TIMEOUT:-300}); do
    curl -sf "http://127.0.0.1:$1/actuator/health/readiness" >/dev/null && return 0
    sleep 1
  done
  echo "node on port $1 did not get ready; see $WORK/node-*.log" >&2; exit 1
}

# Node a first: on an empty database the workflow engine creates its tables at start-up, and two engines
# creating them at once collide (compose.yaml starts node-b once node-a is healthy, for the same reason).
start_node a "$PORT_A"
wait_ready "$PORT_A"
start_node b "$PORT_B"
wait_ready "$PORT_B"

export BALANCER_PORT NODE_A="127.0.0.1:$PORT_A" NODE_B="127.0.0.1:$PORT_B"
haproxy -f deploy/haproxy.cfg -D -p "$WORK/balancer.pid" 2>/dev/null

for role in caseworker admin auditor supervisor; do
  token "$role-local" "$(echo "$role" | tr '[:lower:]' '[:upper:]')" > "$WORK/$role.token"
done

cat <<DONE
Two nodes are up on one database ($DB):
  balancer  http://localhost:$BALANCER_PORT/   (API: token per request to either node; browsers stick to one)
  node a    http://localhost:$PORT_A/           log $WORK/node-a.log
  node b    http://localhost:$PORT_B/           log $WORK/node-b.log
  Cockpit   http://localhost:$BALANCER_PORT/camunda/app/  operator / see $WORK/secrets.env
Tokens for curl (8 hours), e.g. curl -H "Authorization: Bearer \$(cat $WORK/caseworker.token)" \\
  http://localhost:$BALANCER_PORT/api/v1/cases   (also admin.token, auditor.token, supervisor.token)
Try a failover: kill -9 \$(cat $WORK/node-a.pid); the balancer sends everything to node b within 4 s, and jobs
node a held (a referral send, a deadline) are taken up by node b within 45 s. Stop: bench/two-nodes.sh stop
DONE
