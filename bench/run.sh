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
HEAP=${BENCH_HUB_HEAP:-256m}
. bench/hub.sh
start_hub

java -Xmx1g -cp "$CP" bench/FilingBench.java "http://127.0.0.1:$HTTP_PORT" "tcp://127.0.0.1:$BROKER_PORT" \
  "$HTTP_RECORDS" "$QUEUE_RECORDS" "$THREADS" "$DATA/baseline"
check_hub_survived
