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
HEAP=${BENCH_HUB_HEAP:-512m}
. bench/hub.sh
# the look-up rate limit protects ID numbers in production; the benchmark measures raw read capacity
start_hub --degreehub.verification.lookups.per-second=1000000 --degreehub.verification.lookups.burst=1000000

java -Xmx1g -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp "$CP" bench/VerificationBench.java \
  "http://127.0.0.1:$HTTP_PORT" "$APPLICATIONS" "$THREADS" "$READS" "$DATA/read-ids.properties"

# Reads again with wrk (a C load generator, far lighter than the Java loader above), same envelopes:
# WS-Security UsernameToken (PasswordText, cached check) for the hub's reads, none for the bare call.
if command -v wrk > /dev/null; then
  . "$DATA/read-ids.properties"
  envelope() { # $1 = security header or empty, $2 = body
    printf '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Header>%s</soapenv:Header><soapenv:Body>%s</soapenv:Body></soapenv:Envelope>' "$1" "$2"
  }
  WSSE='<wsse:Security xmlns:wsse="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-wssecurity-secext-1.0.xsd"><wsse:UsernameToken><wsse:Username>portal</wsse:Username><wsse:Password Type="http://docs.oasis-open.org/wss/2004/01/oasis-200401-wss-username-token-profile-1.0#PasswordText">portal-pass</wsse:Password></wsse:UsernameToken></wsse:Security>'
  envelope "$WSSE" "<v:verifyReportRequest xmlns:v=\"urn:degreehub:verification:v1\"><v:reportNo>$REPORT_NO</v:reportNo></v:verifyReportRequest>" > "$DATA/verify.xml"
  envelope "$WSSE" "<v:getApplicationStatusRequest xmlns:v=\"urn:degreehub:verification:v1\"><v:applicationNo>$APPLICATION_NO</v:applicationNo></v:getApplicationStatusRequest>" > "$DATA/status.xml"
  envelope "" '<p:notifyApplicationStatusRequest xmlns:p="urn:degreehub:portal-callback:v1"><p:eventId>bench</p:eventId><p:applicationNo>A202601010000001</p:applicationNo><p:status>RECEIVED</p:status><p:changedAt>2026-01-01T08:00:00+08:00</p:changedAt></p:notifyApplicationStatusRequest>' > "$DATA/echo.xml"
  WRK_SECONDS=${BENCH_WRK_SECONDS:-15}
  PEAK="$DATA/peak-heap"; echo 0 > "$PEAK"
  ( while :; do
      used=$(curl -s -u admin:admin-pass "http://127.0.0.1:$HTTP_PORT/actuator/metrics/jvm.memory.used?tag=area:heap" \
        | grep -o '"value":[0-9.E+]*' | head -1 | cut -d: -f2)
      [ -n "$used" ] && awk -v u="$used" -v p="$(cat "$PEAK")" 'BEGIN{ if (u+0 > p+0) print u+0; else print p+0 }' > "$PEAK.tmp" && mv "$PEAK.tmp" "$PEAK"
      sleep 0.5
    done ) &
  WATCH=$!
  rate() { # $1 = path, $2 = body file → requests/s; fails on any non-200 answer
    wrk -t2 -c16 -d3s -s bench/soap-post.lua "http://127.0.0.1:$HTTP_PORT$1" -- "$2" > /dev/null  # warm-up
    out=$(wrk -t2 -c16 -d${WRK_SECONDS}s --latency -s bench/soap-post.lua "http://127.0.0.1:$HTTP_PORT$1" -- "$2")
    if grep -q 'Non-2xx' <<< "$out"; then echo "non-200 answers from $1:" >&2; echo "$out" >&2; exit 1; fi
    echo "$(awk '/Requests\/sec/{print $2}' <<< "$out") $(awk '$1=="99%"{print $2}' <<< "$out")"
  }
  read -r V V99 <<< "$(rate /services/verification "$DATA/verify.xml")"
  read -r S S99 <<< "$(rate /services/verification "$DATA/status.xml")"
  read -r E E99 <<< "$(rate /services/portal-simulator "$DATA/echo.xml")"
  kill $WATCH 2>/dev/null || true
  echo
  echo "== reads with wrk (2 threads, 16 connections, ${WRK_SECONDS}s each, on the same 2 cores) =="
  printf 'verifyReport (WS-Security):         %8.0f req/s, p99 %s\n' "$V" "$V99"
  printf 'getApplicationStatus (WS-Security): %8.0f req/s, p99 %s\n' "$S" "$S99"
  printf 'bare CXF call (no security, no DB): %8.0f req/s, p99 %s\n' "$E" "$E99"
  awk -v v="$V" -v s="$S" -v e="$E" 'BEGIN{ printf "      ratio verifyReport / bare = %.2f, getApplicationStatus / bare = %.2f   (goal >= 2,500 req/s, ratio >= 0.6)\n", v/e, s/e }'
  awk -v p="$(cat "$PEAK")" 'BEGIN{ printf "hub peak heap during the wrk reads: %d MB\n", p/1024/1024 }'
else
  echo "(wrk not installed: apt-get install wrk for the read figures with a lighter load generator)"
fi
check_hub_survived
