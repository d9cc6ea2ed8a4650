#!/usr/bin/env bash
# The whole cluster on one machine, on loopback ports: PostgreSQL, the Artemis live/backup pair, two hub nodes
# and nginx in front of them. For trying the topology and for the cluster tests; a real deployment puts each part
# on its own servers (docs/operations.md, "Running a cluster"; deploy/systemd, deploy/Containerfile).
#
#   deploy/cluster.sh start  [dir]   start everything (builds the jar if target/ has none), wait until ready
#   deploy/cluster.sh stop   [dir]   stop everything this script started
#   deploy/cluster.sh clean  [dir]   stop, then delete the work directory and the database files (a fresh start)
#   deploy/cluster.sh status [dir]   what runs
#   deploy/cluster.sh kill node1|node2 [dir]   SIGKILL one hub node (failover tests); start brings it back
#   deploy/cluster.sh stop-node node1|node2 [dir]   stop one hub node cleanly (maintenance); start brings it back
#   deploy/cluster.sh pids   [dir]   "<part> <pid>" per running part (node1, node2, broker-live, broker-backup,
#                                    postgres, nginx): the roots of their process trees, for bench/run-cluster.sh
#
# dir: work directory (default target/cluster): database files, broker instances, node data, logs, pid files.
# Environment: CLUSTER_HTTP_PORT (proxy, 18090), NODE1_PORT/NODE2_PORT (18091/18092), PG_PORT (15432),
# BROKER_LIVE_PORT/BROKER_BACKUP_PORT (61716/61717; the nodes' broker URL is built from them unless
# DEGREEHUB_BROKER_URL is set), NODE_HEAP (512m), PG_BIN (a PostgreSQL bin directory). Other DEGREEHUB_* variables
# reach the nodes as Spring properties (e.g. DEGREEHUB_PUBLICATION_CRON).
# The nodes run the demo accounts and simulators on PostgreSQL with the broker pair (profiles postgres,cluster):
# a demo of the topology, not a production configuration (that is postgres,production,cluster).
set -euo pipefail

cd "$(dirname "$0")/.."
PROJECT=$(pwd)
COMMAND=${1:-status}
if [ "$COMMAND" = kill ] || [ "$COMMAND" = stop-node ]; then
  WHICH=${2:?$COMMAND node1|node2}
  DIR=${3:-target/cluster}
else
  DIR=${2:-target/cluster}
fi
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
HTTP_PORT=${CLUSTER_HTTP_PORT:-18090}
NODE1_PORT=${NODE1_PORT:-18091}
NODE2_PORT=${NODE2_PORT:-18092}
PG_PORT=${PG_PORT:-15432}
export BROKER_LIVE_PORT=${BROKER_LIVE_PORT:-61716} BROKER_BACKUP_PORT=${BROKER_BACKUP_PORT:-61717}
HEAP=${NODE_HEAP:-512m}
# the demo password of the hub's broker account (config/broker/demo); production sets its own
BROKER_PASSWORD=${DEGREEHUB_BROKER_PASSWORD:-hub-internal-pass}

log() { echo "cluster.sh: $*" >&2; }

# Files the database server and nginx's workers write run as other users when this script runs as root
# (postgres; nginx's unprivileged worker user): they live under /tmp then, which every user can traverse,
# since the work directory may sit below a directory only root may enter (e.g. /root).
if [ "$(id -u)" = 0 ]; then
  SHARED=/tmp/degree-hub-cluster-$(echo "$DIR" | cksum | cut -d' ' -f1)
else
  SHARED=$DIR
fi
PG_DATA=$SHARED/postgres
NGINX_TMP=$SHARED/nginx-tmp

pg_bin() {
  if [ -n "${PG_BIN:-}" ]; then echo "$PG_BIN"; return; fi
  local d
  d=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
  [ -n "$d" ] || { log "no PostgreSQL found: install Debian's postgresql package or set PG_BIN"; exit 1; }
  echo "$d"
}

# PostgreSQL refuses to run as root: then its files belong to, and it runs as, the postgres user
as_pg() {
  if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pid_alive() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }

start_postgres() {
  local bin data="$PG_DATA"
  bin=$(pg_bin)
  if [ ! -d "$data" ]; then
    mkdir -p "$data"
    [ "$(id -u)" = 0 ] && chown postgres "$data" && chmod 755 "$SHARED"
    as_pg "$bin/initdb" -D "$data" -U postgres -E UTF8 --locale=C -A trust > "$DIR/postgres-init.log"
  fi
  if as_pg "$bin/pg_ctl" -D "$data" status > /dev/null 2>&1; then
    log "postgres runs"
  else
    as_pg "$bin/pg_ctl" -D "$data" -l "$data/server.log" -w \
      -o "-p $PG_PORT -k /tmp -c listen_addresses=127.0.0.1" start > /dev/null
    log "postgres on 127.0.0.1:$PG_PORT"
  fi
  as_pg "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -tAc \
    "SELECT 1 FROM pg_database WHERE datname = 'degreehub'" | grep -q 1 \
    || as_pg "$bin/psql" -h 127.0.0.1 -p "$PG_PORT" -U postgres -qc \
      "CREATE DATABASE degreehub ENCODING 'UTF8' LC_COLLATE 'C' LC_CTYPE 'C' TEMPLATE template0"
}

stop_postgres() {
  local bin
  bin=$(pg_bin)
  [ -d "$PG_DATA" ] && as_pg "$bin/pg_ctl" -D "$PG_DATA" -m fast stop > /dev/null 2>&1 || true
}

jar() {
  local j
  j=$(ls "$PROJECT"/target/degree-hub-*.jar 2>/dev/null | grep -v original | head -1 || true)
  if [ -z "$j" ]; then
    log "building the jar"
    ./mvnw -q -o -DskipTests package > "$DIR/build.log" 2>&1 || ./mvnw -q -DskipTests package > "$DIR/build.log" 2>&1
    j=$(ls "$PROJECT"/target/degree-hub-*.jar | grep -v original | head -1)
  fi
  echo "$j"
}

start_node() { # $1 = node1|node2, $2 = port
  local name=$1 port=$2 pidf="$DIR/$1.pid"
  if pid_alive "$pidf"; then log "$name runs"; return; fi
  mkdir -p "$DIR/$name"
  DEGREEHUB_NODE_ID=$name DEGREEHUB_CLUSTER_NODES=2 DEGREEHUB_DATA_DIR="$DIR/$name" DEGREEHUB_BROKER_PASSWORD=$BROKER_PASSWORD \
  DEGREEHUB_BROKER_URL=${DEGREEHUB_BROKER_URL:-"(tcp://127.0.0.1:$BROKER_LIVE_PORT,tcp://127.0.0.1:$BROKER_BACKUP_PORT)?ha=true&reconnectAttempts=-1&retryInterval=500&retryIntervalMultiplier=1.5&maxRetryInterval=5000&confirmationWindowSize=1048576&callTimeout=30000"} \
  DEGREEHUB_DB_URL="jdbc:postgresql://127.0.0.1:$PG_PORT/degreehub" DEGREEHUB_DB_USER=postgres DEGREEHUB_DB_PASSWORD= \
  DEGREEHUB_SIGNING_KEYSTORE="$DIR/report-signing.p12" \
    nohup java -Xmx"$HEAP" -jar "$(jar)" --spring.profiles.active=postgres,cluster --server.port="$port" \
      > "$DIR/$name.log" 2>&1 &
  echo $! > "$pidf"
  wait_ready "$name" "$port"
}

wait_ready() { # $1 = name, $2 = port
  local i
  for i in $(seq 1 300); do
    if curl -sf "http://127.0.0.1:$2/actuator/health/readiness" > /dev/null 2>&1; then
      log "$1 ready on 127.0.0.1:$2"
      return
    fi
    pid_alive "$DIR/$1.pid" || { log "$1 exited: see $DIR/$1.log"; tail -20 "$DIR/$1.log" >&2; exit 1; }
    sleep 1
  done
  log "$1 not ready after 300 s: see $DIR/$1.log"
  exit 1
}

stop_node() {
  local pidf="$DIR/$1.pid" i
  pid_alive "$pidf" || return 0
  kill "$(cat "$pidf")"
  for i in $(seq 1 60); do pid_alive "$pidf" || break; sleep 1; done
  pid_alive "$pidf" && kill -9 "$(cat "$pidf")"
  rm -f "$pidf"
}

start_proxy() {
  command -v nginx > /dev/null || { log "nginx not found: install Debian's nginx package"; exit 1; }
  mkdir -p "$DIR/nginx/logs" "$NGINX_TMP/body" "$NGINX_TMP/proxy"
  # nginx's workers drop to an unprivileged user when started as root: they must write the temporary files
  chmod 755 "$SHARED"
  chmod 777 "$NGINX_TMP" "$NGINX_TMP/body" "$NGINX_TMP/proxy"
  # the shipped site configuration with this script's ports, wrapped in a minimal main configuration
  sed -e "s/listen 8080;/listen 127.0.0.1:$HTTP_PORT;/" -e "s/127.0.0.1:8081/127.0.0.1:$NODE1_PORT/" \
      -e "s/127.0.0.1:8082/127.0.0.1:$NODE2_PORT/" deploy/nginx/degree-hub.conf > "$DIR/nginx/site.conf"
  cat > "$DIR/nginx/nginx.conf" <<EOF
worker_processes 1;
pid $DIR/nginx/nginx.pid;
error_log $DIR/nginx/logs/error.log;
events { worker_connections 1024; }
http {
  access_log $DIR/nginx/logs/access.log;
  client_body_temp_path $NGINX_TMP/body;
  proxy_temp_path $NGINX_TMP/proxy;
  include $DIR/nginx/site.conf;
}
EOF
  if pid_alive "$DIR/nginx/nginx.pid"; then
    nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -s reload
  else
    nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf"
  fi
  log "proxy on 127.0.0.1:$HTTP_PORT"
}

stop_proxy() {
  pid_alive "$DIR/nginx/nginx.pid" && nginx -p "$DIR/nginx" -c "$DIR/nginx/nginx.conf" -s quit || true
}

case "$COMMAND" in
  start)
    start_postgres
    deploy/broker.sh start "$DIR"
    # one after the other: the first node creates the schema and files the demo data
    start_node node1 "$NODE1_PORT"
    start_node node2 "$NODE2_PORT"
    start_proxy
    log "up: http://127.0.0.1:$HTTP_PORT (nodes $NODE1_PORT, $NODE2_PORT; database $PG_PORT; brokers $BROKER_LIVE_PORT, $BROKER_BACKUP_PORT)"
    ;;
  stop)
    stop_proxy
    stop_node node2
    stop_node node1
    deploy/broker.sh stop "$DIR"
    stop_postgres
    ;;
  clean)
    "$0" stop "$DIR"
    rm -rf "$DIR" "$PG_DATA" "$NGINX_TMP"
    [ "$SHARED" != "$DIR" ] && rmdir "$SHARED" 2>/dev/null || true
    log "removed $DIR and the database files"
    ;;
  stop-node)
    stop_node "$WHICH"
    log "$WHICH stopped"
    ;;
  kill)
    [ -f "$DIR/$WHICH.pid" ] && kill -9 "$(cat "$DIR/$WHICH.pid")" && log "$WHICH killed"
    ;;
  pids)
    for n in node1 node2; do pid_alive "$DIR/$n.pid" && echo "$n $(cat "$DIR/$n.pid")"; done
    for b in live backup; do pid_alive "$DIR/broker-$b.pid" && echo "broker-$b $(cat "$DIR/broker-$b.pid")"; done
    [ -f "$PG_DATA/postmaster.pid" ] && echo "postgres $(head -1 "$PG_DATA/postmaster.pid")"
    pid_alive "$DIR/nginx/nginx.pid" && echo "nginx $(cat "$DIR/nginx/nginx.pid")"
    true
    ;;
  status)
    for n in node1 node2; do pid_alive "$DIR/$n.pid" && echo "$n: running" || echo "$n: stopped"; done
    pid_alive "$DIR/nginx/nginx.pid" && echo "proxy: running" || echo "proxy: stopped"
    deploy/broker.sh status "$DIR" || true
    as_pg "$(pg_bin)/pg_ctl" -D "$PG_DATA" status > /dev/null 2>&1 && echo "postgres: running" || echo "postgres: stopped"
    ;;
  *)
    echo "usage: deploy/cluster.sh start|stop|clean|status|pids [dir] | kill|stop-node node1|node2 [dir]" >&2
    exit 2
    ;;
esac
