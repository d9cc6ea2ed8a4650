#!/usr/bin/env bash
# Check round-trip benchmark (issue: manual verification, check requests to units).
#   bench/run-checks.sh [tasks=2000] [setupThreads=4]
# Starts the hub at -Xmx512m with report rendering deferred (degreehub.report.render-on-issue=false: the goal
# excludes rendering) and the demo unit simulators off, then runs bench/CheckBench.java from outside:
# N check tasks dispatched over Artemis to unit 10056's queue, answered at once by a plain JMS client on
# degreehub.check.result, each answer issuing a report in the hub — next to bare Artemis send/receive of the
# same documents through the same broker, measured in the same run.
set -euo pipefail
cd "$(dirname "$0")/.."
TASKS=${1:-2000}
THREADS=${2:-4}
HEAP=${BENCH_HUB_HEAP:-512m}
PORTAL_PORT=${BENCH_PORTAL_PORT:-18090}
. bench/hub.sh
# the portal is a stub in the loader process: the hub's in-process portal simulator would spend hub CPU
start_hub --degreehub.report.render-on-issue=false --degreehub.demo.unit-simulator.enabled=false \
  --degreehub.demo.portal-simulator=false --degreehub.portal.notification-url=http://127.0.0.1:$PORTAL_PORT/portal \
  --degreehub.checks.outbox-poll-ms=100 --degreehub.verification.lookups.per-second=1000000

java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" bench/CheckBench.java \
  "http://127.0.0.1:$HTTP_PORT" "tcp://127.0.0.1:$BROKER_PORT" "$TASKS" "$THREADS" "$PORTAL_PORT"
check_hub_survived
