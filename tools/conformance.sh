#!/usr/bin/env bash
# 一致性检查 / partner conformance checker (docs/partners/README.md): sends a partner's PortalNotificationService or
# UnitCheckReceiver what the hub sends it, with the hub's own code from its jar, without starting the hub.
#   tools/conformance.sh portal|unit <url> [user password] [--password-type=DIGEST|TEXT] [--timestamp=true]
#                        [--timestamp-ttl=PT5M] [--timeout-ms=5000] [--contract=v1|v2]
# One line per check (PASS|FAIL|WARN <check> <detail>), then a summary; exit code 0 only when no check failed.
# The jar: target/degree-hub-*.jar (./mvnw -DskipTests package), or DEGREEHUB_JAR.
set -euo pipefail

usage() {
  sed -n '4,5p' "$0" | sed 's/^#//' >&2
  exit 2
}

[ $# -ge 2 ] || usage
role=$1
url=$2
shift 2
args=(--conformance="$role" --url="$url")
if [ $# -ge 2 ] && [[ $1 != --* ]]; then
  args+=(--user="$1" --password="$2")
  shift 2
fi

root=$(cd "$(dirname "$0")/.." && pwd)
jar=${DEGREEHUB_JAR:-}
if [ -z "$jar" ]; then
  for candidate in "$root"/target/degree-hub-*.jar; do
    [ -f "$candidate" ] && jar=$candidate && break
  done
fi
if [ -z "$jar" ] || [ ! -f "$jar" ]; then
  echo "没有找到 jar / no jar: build it with ./mvnw -DskipTests package, or set DEGREEHUB_JAR" >&2
  exit 2
fi
exec java -jar "$jar" "${args[@]}" "$@"
