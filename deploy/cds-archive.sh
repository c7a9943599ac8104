#!/usr/bin/env bash
# A class-data-sharing archive for the service (issue 14 item 5, BENCHMARKS.md): start-up loads and verifies
# about 16,000 classes; a JVM given this archive maps them ready-made instead.
#   deploy/cds-archive.sh target/refugio-*.jar DIR
# writes DIR/refugio.jar (the jar extracted, its libraries in DIR/lib) and DIR/refugio.jsa; then run, naming the
# jar by the same absolute path as the last line printed (JDK 17 checks the class path against the one recorded):
#   java -XX:SharedArchiveFile=/abs/DIR/refugio.jsa -jar /abs/DIR/refugio.jar
# The archive fits only the JVM build that wrote it, these exact jars at this path: write it again with any of
# them changed. A JVM that finds it does not fit starts without it, as before (-Xlog:cds shows why).
set -euo pipefail
JAR=$(realpath "$1")
OUT=$2
if [ -e "$OUT" ] && [ -n "$(ls -A "$OUT")" ]; then
  echo "cds-archive: $OUT is not empty" >&2
  exit 1
fi
mkdir -p "$OUT"
OUT=$(realpath "$OUT")
java -Djarmode=tools -jar "$JAR" extract --destination "$OUT" --application-filename refugio.jar
TRAINING=$(mktemp -d)
trap 'rm -rf "$TRAINING"' EXIT
# The training run: the embedded default in a scratch directory (its H2 data stays there), stopped once the
# application context is refreshed, so every class of start-up is loaded and nothing serves requests.
(cd "$TRAINING" && java -XX:DumpLoadedClassList="$TRAINING/classes.lst" -Dspring.context.exit=onRefresh \
  -jar "$OUT/refugio.jar" --server.port=0 > "$TRAINING/training.log" 2>&1) || true
grep -q 'org/refugio/RefugioApplication' "$TRAINING/classes.lst" 2>/dev/null \
  || { tail -40 "$TRAINING/training.log"; echo "cds-archive: the training run loaded no application class" >&2; exit 1; }
# JDK 17 crashes writing an archive with the lambda classes of this class path (SIGSEGV in
# SystemDictionaryShared::adjust_lambda_proxy_class_dictionary, seen with 17.0.15): they are left out, and made
# at run time as without an archive.
grep -v '^@lambda-proxy' "$TRAINING/classes.lst" > "$TRAINING/classes-archived.lst"
java -Xshare:dump -XX:SharedClassListFile="$TRAINING/classes-archived.lst" -XX:SharedArchiveFile="$OUT/refugio.jsa" \
  -Xlog:cds=error -cp "$OUT/refugio.jar" > "$TRAINING/dump.log" 2>&1 || { tail -40 "$TRAINING/dump.log"; exit 1; }
# Proof that a JVM maps it with this class path (-Xshare:on refuses to start otherwise).
java -Xshare:on -XX:SharedArchiveFile="$OUT/refugio.jsa" -cp "$OUT/refugio.jar" -version > /dev/null 2>&1 \
  || { echo "cds-archive: the archive written does not map" >&2; exit 1; }
echo "cds-archive: $OUT/refugio.jsa ($(du -m "$OUT/refugio.jsa" | cut -f1) MB); run: java -XX:SharedArchiveFile=$OUT/refugio.jsa -jar $OUT/refugio.jar"
