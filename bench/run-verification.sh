#!/usr/bin/env bash
# Verification benchmark (issue: degree verification for the portal, signed PDF/A reports).
#   bench/run-verification.sh [applications=400] [threads=4] [readRequests=5000]
# Builds the hub, starts it as its own process at -Xmx512m on loopback with a fresh data directory, and runs
# bench/VerificationBench.java against it: the instant path (submitApplication → signed report) over SOAP,
# ZH and ZH+EN, next to an in-process render+sign with a naive FopFactory; verifyReport and
# getApplicationStatus with WS-Security next to a bare CXF call — all measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
APPLICATIONS=${1:-400}
THREADS=${2:-4}
READS=${3:-5000}
HTTP_PORT=${BENCH_HTTP_PORT:-18080}
BROKER_PORT=${BENCH_BROKER_PORT:-61618}
HEAP=${BENCH_HUB_HEAP:-512m}

./mvnw -q -B -DskipTests compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:$(cat target/bench-classpath.txt)"
DATA=$(mktemp -d "${TMPDIR:-/tmp}/degreehub-bench-XXXXXX")
LOG="$DATA/hub.log"

# the look-up rate limit protects ID numbers in production; the benchmark measures raw read capacity
java -Xmx$HEAP ${BENCH_HUB_OPTS:-} -cp "$CP" cn.degreehub.DegreeHubApplication \
  --server.port=$HTTP_PORT --degreehub.data-dir="$DATA" --degreehub.demo.data=false \
  --degreehub.verification.lookups.per-second=1000000 --degreehub.verification.lookups.burst=1000000 \
  --degreehub.broker.tcp-url=tcp://127.0.0.1:$BROKER_PORT > "$LOG" 2>&1 &
HUB=$!
trap 'kill $HUB 2>/dev/null || true; wait $HUB 2>/dev/null || true' EXIT
for _ in $(seq 1 120); do
  curl -sf "http://127.0.0.1:$HTTP_PORT/actuator/health" > /dev/null && break
  kill -0 $HUB 2>/dev/null || { echo "hub did not start, see $LOG"; tail -30 "$LOG"; exit 1; }
  sleep 1
done
echo "hub up (pid $HUB, -Xmx$HEAP, data $DATA)"

java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" bench/VerificationBench.java \
  "http://127.0.0.1:$HTTP_PORT" "$APPLICATIONS" "$THREADS" "$READS"
kill -0 $HUB 2>/dev/null && echo "hub still running after the load: OK" || { echo "hub died"; tail -30 "$LOG"; exit 1; }
grep -c 'OutOfMemoryError' "$LOG" > /dev/null && { echo "OutOfMemoryError in hub log"; exit 1; } || true
