#!/usr/bin/env bash
# The asynchronous figures of issue 16 against a running stack, each from the services' own timers or the rebuild
# job's own timestamps (not from polling): command to user_view at a steady rate, OtpRequested to the SMS hand-off,
# and rebuilding user_view from 100 000 events. Each driver prints one line starting "ASYNC " and appends a section
# to $ASYNC_RESULTS (default bench/results/<date>-async.md). Run from the repository root, after
# `./mvnw -B -o -q -DskipTests package` (Rebuild takes kafka-clients and the events module from query-service's jar).
#
# The stack must be a throwaway bench stack (Rebuild writes synthetic events to its topic) started with:
#   TWILIO_SID=ACbench0000000000000000000000000000 TWILIO_AUTH_TOKEN=bench-token TWILIO_PHONE_NUMBER=+15005550006
#   TWILIO_API_BASE_URL=http://127.0.0.1:$TWILIO_STANDIN_PORT   (OtpHandoff answers there as Twilio's API)
#   AUTH_SMS_PER_HOUR=100000                                      (the default 1000/hour is spent in two runs)
#   AUTH_BOOTSTRAP_ADMIN_EMAIL, AUTH_BOOTSTRAP_ADMIN_PHONE_NUMBER, AUTH_BOOTSTRAP_ADMIN_PASSWORD (Rebuild's admin)
# Services are called on their own ports: the gateway allows an address 300 requests a minute.
#
# Environment (defaults are the standalone stack's ports):
#   COMMAND (http://127.0.0.1:8081) QUERY (http://127.0.0.1:8082) NOTIFIER (http://127.0.0.1:8083)
#   KAFKA (127.0.0.1:9092) TWILIO_STANDIN_PORT (7884)
#   STEADY_RATE (200) STEADY_SECONDS (30) STEADY_WARMUP_SECONDS (30: a first run at the same rate whose figures are
#   printed as the warm-up's and not kept, as bench/run's wrk warm-ups; 0 for none) OTP_RATE (20) OTP_SECONDS (20)
#   REBUILD_EVENTS (100000)
#   ASYNC_ONLY (steady,otp,rebuild: which to run) ASYNC_RESULTS (file appended to)
set -euo pipefail
cd "$(dirname "$0")/.."

COMMAND=${COMMAND:-http://127.0.0.1:8081}
QUERY=${QUERY:-http://127.0.0.1:8082}
NOTIFIER=${NOTIFIER:-http://127.0.0.1:8083}
KAFKA=${KAFKA:-127.0.0.1:9092}
TWILIO_STANDIN_PORT=${TWILIO_STANDIN_PORT:-7884}
ASYNC_ONLY=${ASYNC_ONLY:-steady,otp,rebuild}
STEADY_WARMUP_SECONDS=${STEADY_WARMUP_SECONDS:-30}
ASYNC_RESULTS=${ASYNC_RESULTS:-bench/results/$(date -u +%F)-async.md}

# A rate the stack cannot keep (the steady run at 200/s) leaves requests queued in command-service after its driver
# gave up on them; the drivers after it would measure that backlog, not their own scenario. So between drivers: wait
# (at most 3 minutes) until command-service answers its health check within 0.5 s three times in a row.
settle() {
  local fast=0 started=$SECONDS took
  while ((fast < 3 && SECONDS - started < 180)); do
    took=$(curl -s -o /dev/null -m 5 -w '%{time_total}' "$COMMAND/actuator/health" || echo 5)
    if awk -v t="$took" 'BEGIN {exit !(t < 0.5)}'; then fast=$((fast + 1)); else fast=0; fi
    sleep 0.5
  done
  echo "async.sh: command-service answered promptly again after $((SECONDS - started)) s" >&2
}

if [[ ",$ASYNC_ONLY," == *",steady,"* ]]; then
  if ((STEADY_WARMUP_SECONDS > 0)); then
    # The services' JIT compiles a command's code once it has run often enough: at 200 commands/s that takes the
    # first half-minute of load after a start (docs/operations.md, JVM options), which this run absorbs.
    warmup=$(mktemp)
    java bench/SteadyCommands.java "${STEADY_RATE:-200}" "$STEADY_WARMUP_SECONDS" "$COMMAND" "$QUERY" "$warmup" \
      | sed -n 's/^ASYNC /warm-up (not kept): ASYNC /p'
    rm -f "$warmup"
    settle
  fi
  java bench/SteadyCommands.java "${STEADY_RATE:-200}" "${STEADY_SECONDS:-30}" "$COMMAND" "$QUERY" "$ASYNC_RESULTS"
  settle
fi
if [[ ",$ASYNC_ONLY," == *",otp,"* ]]; then
  java bench/OtpHandoff.java "${OTP_RATE:-20}" "${OTP_SECONDS:-20}" "$COMMAND" "$NOTIFIER" "$TWILIO_STANDIN_PORT" \
    "$ASYNC_RESULTS"
  settle
fi
if [[ ",$ASYNC_ONLY," == *",rebuild,"* ]]; then
  : "${AUTH_BOOTSTRAP_ADMIN_EMAIL:?the stack's bootstrap admin, for the rebuild}"
  : "${AUTH_BOOTSTRAP_ADMIN_PASSWORD:?the stack's bootstrap admin, for the rebuild}"
  jar=$(ls query-service/target/query-service-*.jar | grep -v original | head -1)
  lib=$(mktemp -d)
  trap 'rm -rf "$lib"' EXIT
  unzip -q -o "$jar" 'BOOT-INF/lib/*' -d "$lib"
  # Only what the driver needs (no logging backend: the Kafka client's logging stays quiet).
  cp=""
  for pattern in events- kafka-clients- jackson-annotations- jackson-core-3 jackson-databind-3 slf4j-api- lz4-java- \
      snappy-java- zstd-jni-; do
    for file in "$lib"/BOOT-INF/lib/"$pattern"*.jar; do cp="$cp:$file"; done
  done
  java -cp "${cp#:}" bench/Rebuild.java "${REBUILD_EVENTS:-100000}" "$KAFKA" "$QUERY" \
    "$AUTH_BOOTSTRAP_ADMIN_EMAIL" "$AUTH_BOOTSTRAP_ADMIN_PASSWORD" "$ASYNC_RESULTS"
fi
