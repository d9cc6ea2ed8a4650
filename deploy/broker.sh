#!/usr/bin/env bash
# The external Artemis broker pair of the cluster profile: a live (primary) and a backup broker, replicating,
# as two separate processes on this machine (loopback ports). For real servers run one instance per host
# with BROKER_HOST / the peer's address; see docs/operations.md, "Broker pair".
#
#   deploy/broker.sh start  [dir]   create (first time) and start both, wait until live accepts and backup replicates
#   deploy/broker.sh stop   [dir]   stop both (SIGTERM, then SIGKILL after 30 s)
#   deploy/broker.sh status [dir]   which of them run
#   deploy/broker.sh kill live|backup [dir]   SIGKILL one of them (failover tests)
#
# dir: work directory (default target/cluster); instances in <dir>/broker-live and <dir>/broker-backup, pid files
# <dir>/broker-*.pid. Environment:
#   ARTEMIS_VERSION                     distribution version (default: the hub's Artemis client, 2.40.0)
#   BROKER_LIVE_PORT, BROKER_BACKUP_PORT   acceptor ports (61716, 61717)
#   BROKER_HOST                         address both bind to (127.0.0.1)
#   DEGREEHUB_BROKER_USERS_DIR          directory with artemis-users.properties and artemis-roles.properties
#                                       (default config/broker/demo: DEMO passwords only)
#   DEGREEHUB_BROKER_CLUSTER_PASSWORD   password of the replication link (default: generated once into <dir>)
#   BROKER_HEAP                         -Xmx of each broker (256m)
set -euo pipefail

cd "$(dirname "$0")/.."
PROJECT=$(pwd)
COMMAND=${1:-status}
if [ "$COMMAND" = kill ]; then
  WHICH=${2:?kill live|backup}
  DIR=${3:-target/cluster}
else
  DIR=${2:-target/cluster}
fi
mkdir -p "$DIR"
DIR=$(cd "$DIR" && pwd)
VERSION=${ARTEMIS_VERSION:-2.40.0}
HOST=${BROKER_HOST:-127.0.0.1}
LIVE_PORT=${BROKER_LIVE_PORT:-61716}
BACKUP_PORT=${BROKER_BACKUP_PORT:-61717}
USERS_DIR=${DEGREEHUB_BROKER_USERS_DIR:-$PROJECT/config/broker/demo}
HEAP=${BROKER_HEAP:-256m}

log() { echo "broker.sh: $*" >&2; }

# the distribution: from the local Maven repository, else fetched by Maven (offline first)
distribution() {
  local tar="$HOME/.m2/repository/org/apache/activemq/apache-artemis/$VERSION/apache-artemis-$VERSION-bin.tar.gz"
  if [ ! -f "$tar" ]; then
    local artifact="org.apache.activemq:apache-artemis:$VERSION:tar.gz:bin"
    ./mvnw -q -B -o dependency:get -Dartifact="$artifact" -Dtransitive=false >/dev/null 2>&1 \
      || ./mvnw -q -B dependency:get -Dartifact="$artifact" -Dtransitive=false >&2 \
      || { log "cannot get the Artemis distribution $artifact"; return 1; }
  fi
  local home="$DIR/apache-artemis-$VERSION"
  if [ ! -x "$home/bin/artemis" ]; then
    tar xzf "$tar" -C "$DIR"
  fi
  echo "$home"
}

pid_of() {
  local f="$DIR/broker-$1.pid"
  [ -f "$f" ] && kill -0 "$(cat "$f")" 2>/dev/null && cat "$f"
}

port_of() { [ "$1" = live ] && echo "$LIVE_PORT" || echo "$BACKUP_PORT"; }
peer_of() { [ "$1" = live ] && echo "$BACKUP_PORT" || echo "$LIVE_PORT"; }

create() {
  local role=$1 home=$2 instance="$DIR/broker-$1"
  if [ ! -f "$instance/etc/login.config" ]; then
    # a throw-away admin user: replaced by the users file below
    "$home/bin/artemis" create --silent --force --no-web --nio --require-login --user setup --password "$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')" \
      --host "$HOST" --name "degreehub-$role" --no-amqp-acceptor --no-mqtt-acceptor --no-stomp-acceptor \
      --no-hornetq-acceptor --no-autotune "$instance" >"$DIR/create-$role.log" 2>&1 \
      || { log "artemis create failed, see $DIR/create-$role.log"; return 1; }
  fi
  # the configuration is the repository's, copied on every start
  cp "$PROJECT/config/broker/$role.xml" "$instance/etc/broker.xml"
  cp "$PROJECT"/config/broker/hub-*.xml "$PROJECT/config/broker/management.xml" "$instance/etc/"
  cp "$USERS_DIR/artemis-users.properties" "$USERS_DIR/artemis-roles.properties" "$instance/etc/"
  chmod 600 "$instance/etc/artemis-users.properties"
}

cluster_password() {
  if [ -n "${DEGREEHUB_BROKER_CLUSTER_PASSWORD:-}" ]; then
    echo "$DEGREEHUB_BROKER_CLUSTER_PASSWORD"
    return
  fi
  local f="$DIR/cluster-password"
  if [ ! -f "$f" ]; then
    (umask 077 && head -c 24 /dev/urandom | od -An -tx1 | tr -d ' \n' >"$f")
  fi
  cat "$f"
}

start_one() {
  local role=$1 instance="$DIR/broker-$1"
  if pid_of "$role" >/dev/null; then
    log "$role already runs (pid $(pid_of "$role"))"
    return
  fi
  mkdir -p "$instance/log"
  # JAVA_ARGS replaces the profile's defaults (etc/artemis.profile keeps them only when unset)
  JAVA_ARGS="-Xms64m -Xmx$HEAP -XX:+UseG1GC -Dlog4j2.disableJmx=true --add-opens java.base/jdk.internal.misc=ALL-UNNAMED \
-Dbroker.host=$HOST -Dbroker.port=$(port_of "$role") -Dbroker.peer=tcp://$HOST:$(peer_of "$role") \
-Dbroker.cluster.password=$(cluster_password)" \
    nohup "$instance/bin/artemis" run >"$instance/log/console.log" 2>&1 </dev/null &
  echo $! >"$DIR/broker-$role.pid"
  log "$role started (pid $!, port $(port_of "$role"), log $instance/log/console.log)"
}

wait_for() {
  local role=$1 pattern=$2 seconds=$3 log="$DIR/broker-$1/log/console.log"
  for _ in $(seq 1 "$seconds"); do
    if grep -q "$pattern" "$log" 2>/dev/null; then
      return 0
    fi
    if ! pid_of "$role" >/dev/null; then
      log "$role stopped; see $log"
      tail -20 "$log" >&2 || true
      return 1
    fi
    sleep 1
  done
  log "$role: no \"$pattern\" within $seconds s; see $log"
  return 1
}

# a TCP connection to the acceptor (bash's /dev/tcp), a few tries
accepts() {
  for _ in $(seq 1 10); do
    if (exec 3<>"/dev/tcp/$1/$2") 2>/dev/null; then
      return 0
    fi
    sleep 1
  done
  return 1
}

stop_one() {
  local role=$1 pid
  if pid=$(pid_of "$role"); then
    kill "$pid"
    for _ in $(seq 1 30); do
      kill -0 "$pid" 2>/dev/null || break
      sleep 1
    done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    log "$role stopped"
  fi
  rm -f "$DIR/broker-$role.pid"
}

case "$COMMAND" in
  start)
    home=$(distribution)
    create live "$home"
    create backup "$home"
    start_one live
    # AMQ221007: Server is now active; AMQ221034: waiting to obtain the primary lock — the live one accepts
    wait_for live "AMQ221007\|Server is now active" 120
    accepts "$HOST" "$LIVE_PORT" || { log "live does not accept on $HOST:$LIVE_PORT"; exit 1; }
    start_one backup
    # AMQ221024: backup synchronized with the primary; AMQ221031: backup announced
    wait_for backup "AMQ221024" 120
    log "live on $HOST:$LIVE_PORT, backup on $HOST:$BACKUP_PORT replicating"
    ;;
  stop)
    stop_one backup
    stop_one live
    ;;
  kill)
    if pid=$(pid_of "$WHICH"); then
      kill -9 "$pid"
      log "$WHICH killed (pid $pid)"
    fi
    ;;
  status)
    rc=0
    for role in live backup; do
      if pid=$(pid_of "$role"); then
        echo "$role: running (pid $pid, port $(port_of "$role"))"
      else
        echo "$role: stopped"
        rc=3
      fi
    done
    exit $rc
    ;;
  *)
    echo "usage: $0 start|stop|status [dir] | kill live|backup [dir]" >&2
    exit 2
    ;;
esac
