# Sourced by the bench/run*.sh scripts: builds the hub and starts it as its own process on loopback with a
# fresh data directory. Set HEAP first; pass extra hub arguments to start_hub.
#   BENCH_HTTP_PORT (18080), BENCH_BROKER_PORT (61618), BENCH_HUB_OPTS (JVM options, e.g. a JFR recording),
#   BENCH_HUB_ARGS (more hub arguments, e.g. --degreehub.checks.consumers=8)
HTTP_PORT=${BENCH_HTTP_PORT:-18080}
BROKER_PORT=${BENCH_BROKER_PORT:-61618}

./mvnw -q -B -DskipTests compile
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:$(cat target/bench-classpath.txt)"
DATA=$(mktemp -d "${TMPDIR:-/tmp}/degreehub-bench-XXXXXX")
LOG="$DATA/hub.log"

start_hub() {
  java -Xmx$HEAP ${BENCH_HUB_OPTS:-} -cp "$CP" cn.degreehub.DegreeHubApplication \
    --server.port=$HTTP_PORT --degreehub.data-dir="$DATA" --degreehub.demo.data=false \
    --degreehub.broker.tcp-url=tcp://127.0.0.1:$BROKER_PORT "$@" ${BENCH_HUB_ARGS:-} > "$LOG" 2>&1 &
  HUB=$!
  trap 'kill $HUB 2>/dev/null || true; wait $HUB 2>/dev/null || true' EXIT
  for _ in $(seq 1 120); do
    curl -sf "http://127.0.0.1:$HTTP_PORT/actuator/health" > /dev/null && break
    kill -0 $HUB 2>/dev/null || { echo "hub did not start, see $LOG"; tail -30 "$LOG"; exit 1; }
    sleep 1
  done
  echo "hub up (pid $HUB, -Xmx$HEAP, data $DATA)"
}

check_hub_survived() {
  kill -0 $HUB 2>/dev/null && echo "hub still running after the load: OK" || { echo "hub died"; tail -30 "$LOG"; exit 1; }
  if grep -q 'OutOfMemoryError' "$LOG"; then echo "OutOfMemoryError in hub log"; exit 1; fi
}
