#!/usr/bin/env bash
# Filing throughput benchmark (issue: hub foundation and filing).
#   bench/run.sh [httpRecords] [queueRecords] [threads]
# Builds the hub, starts it as its own process at -Xmx256m on loopback with a fresh data directory,
# and runs bench/FilingBench.java against it: submitFilingBatch over HTTP (1,000-record batches,
# WS-Security, all checks) and one large batch over the queue, each next to a bare JDBC batch insert
# of the same rows into a fresh H2 database of the same schema, measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
HTTP_RECORDS=${1:-100000}
QUEUE_RECORDS=${2:-100000}
THREADS=${3:-4}
HTTP_PORT=${BENCH_HTTP_PORT:-18080}
BROKER_PORT=${BENCH_BROKER_PORT:-61618}
HEAP=${BENCH_HUB_HEAP:-256m}          # BENCH_HUB_OPTS adds JVM options (e.g. a JFR recording)

./mvnw -q -B -DskipTests compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:$(cat target/bench-classpath.txt)"
DATA=$(mktemp -d "${TMPDIR:-/tmp}/degreehub-bench-XXXXXX")
LOG="$DATA/hub.log"

java -Xmx$HEAP ${BENCH_HUB_OPTS:-} -cp "$CP" cn.degreehub.DegreeHubApplication \
  --server.port=$HTTP_PORT --degreehub.data-dir="$DATA" --degreehub.demo.data=false \
  --degreehub.broker.tcp-url=tcp://127.0.0.1:$BROKER_PORT > "$LOG" 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null || true; wait $HUB 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/actuator/health" > /dev/null && break
  kill -0 $HUB 2>/dev/null || { echo "hub did not start, see $LOG"; tail -30 "$LOG"; exit 1; }
  sleep 1
done
echo "hub up (pid $HUB, -Xmx$HEAP, data $DATA)"

java -Xmx1g -cp "$CP" bench/FilingBench.java "http://127.0.0.1:$HTTP_PORT" "tcp://127.0.0.1:$BROKER_PORT" \
  "$HTTP_RECORDS" "$QUEUE_RECORDS" "$THREADS" "$DATA/baseline"
kill -0 $HUB 2>/dev/null && echo "hub still running after the load: OK" || { echo "hub died"; tail -30 "$LOG"; exit 1; }
grep -c 'OutOfMemoryError' "$LOG" > /dev/null && { echo "OutOfMemoryError in hub log"; exit 1; } || true
