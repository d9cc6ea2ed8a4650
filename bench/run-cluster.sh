#!/usr/bin/env bash
# Cluster benchmark (issue: run as a cluster): one hub node against two on the same machine, the same PostgreSQL
# and the same Artemis live/backup pair, every call through nginx (deploy/cluster.sh).
#   bench/run-cluster.sh [httpRecords=40000] [queueBatches=8] [queueBatchRecords=5000] [applications=300]
#                        [reads=4000] [threads=8]
# Starts a fresh cluster in target/bench-cluster on its own ports, files and publishes the records the
# applications will match, then runs bench/ClusterBench.java: with node2 killed (one node), then with node2
# started again (two nodes), each after a warm-up: filing over SOAP, filing over the queue, the verification
# instant path and verifyReport reads. It prints both rates with the ratio, the CPU milliseconds each part spent
# per unit of work (from /proc: where the time goes) and a projection for separate machines. Stops the cluster.
set -euo pipefail
cd "$(dirname "$0")/.."
HTTP_RECORDS=${1:-40000}
QUEUE_BATCHES=${2:-8}
QUEUE_BATCH_RECORDS=${3:-5000}
APPLICATIONS=${4:-300}
READS=${5:-4000}
THREADS=${6:-8}

DIR=${BENCH_CLUSTER_DIR:-target/bench-cluster}
export CLUSTER_HTTP_PORT=${CLUSTER_HTTP_PORT:-18190} NODE1_PORT=${NODE1_PORT:-18191} NODE2_PORT=${NODE2_PORT:-18192}
export PG_PORT=${PG_PORT:-15532} BROKER_LIVE_PORT=${BROKER_LIVE_PORT:-61816} BROKER_BACKUP_PORT=${BROKER_BACKUP_PORT:-61817}
export NODE_HEAP=${NODE_HEAP:-512m}
# the look-up rate limit protects ID numbers in production; the benchmark measures capacity
export DEGREEHUB_LOOKUPS_PER_SECOND=1000000 DEGREEHUB_LOOKUPS_BURST=1000000

./mvnw -q -B -DskipTests package
./mvnw -q -B dependency:build-classpath -Dmdep.includeScope=runtime -Dmdep.outputFile=target/bench-classpath.txt
CP="target/classes:$(cat target/bench-classpath.txt)"

deploy/cluster.sh clean "$DIR" > /dev/null 2>&1 || true
trap 'deploy/cluster.sh stop "$DIR" > /dev/null 2>&1 || true' EXIT
deploy/cluster.sh start "$DIR"

java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" bench/ClusterBench.java \
  "http://127.0.0.1:$CLUSTER_HTTP_PORT" \
  "(tcp://127.0.0.1:$BROKER_LIVE_PORT,tcp://127.0.0.1:$BROKER_BACKUP_PORT)?ha=true&reconnectAttempts=-1" \
  "$DIR" "$HTTP_RECORDS" "$QUEUE_BATCHES" "$QUEUE_BATCH_RECORDS" "$APPLICATIONS" "$READS" "$THREADS"
