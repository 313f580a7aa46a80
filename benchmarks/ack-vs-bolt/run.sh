#!/usr/bin/env bash
# Acknowledgement on one core: this host and Bolt-js 5.1's HTTP receiver, each pinned to CPU 1, the same pre-signed
# thread-reply event sent by wrk (one thread, 64 connections) pinned to CPU 0, measured after 5 s of warm-up. Prints both
# and the ratio.
#   bash benchmarks/ack-vs-bolt/run.sh [seconds]        (needs node/npm and wrk; builds src/Web in Release)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; repo="$(cd "$here/../.." && pwd)"
seconds="${1:-10}"; secret="bench-signing-secret-0123456789"; work="$(mktemp -d)"
command -v wrk >/dev/null || { echo "wrk is needed (apt-get install wrk)"; exit 1; }
[ -d "$work/node_modules/@slack/bolt" ] || (cd "$work" && npm init -y >/dev/null && npm install --silent @slack/bolt@5.1.0 >/dev/null)
dotnet build -c Release "$repo/src/Web" -v q -nologo >/dev/null

export BODY='{"token":"x","team_id":"T0BENCH01","api_app_id":"A0BENCH01","type":"event_callback","event_id":"Ev0BENCH0001","event_time":1800000000,"event":{"type":"message","channel":"C0BENCH01","user":"U0BENCH01","text":"load reply","ts":"1800000000.000200","thread_ts":"1800000000.000100","event_ts":"1800000000.000200","channel_type":"channel"}}'
export TS="$(date +%s)"
export SIG="v0=$(printf 'v0:%s:%s' "$TS" "$BODY" | openssl dgst -sha256 -hmac "$secret" | sed 's/^.* //')"

measure() { # name url — after the same 5 s of unmeasured warm-up for both (each runtime's JIT settles)
  sleep 2
  taskset -c 0 wrk -t1 -c64 -d5s -s "$here/post.lua" "$2" > /dev/null
  taskset -c 0 wrk -t1 -c64 -d"${seconds}s" --latency -s "$here/post.lua" "$2" > "$work/$1.txt"
  local rps p99; rps="$(awk '/Requests\/sec/ {print $2}' "$work/$1.txt")"; p99="$(awk '$1=="99%" {print $2}' "$work/$1.txt")"
  local non2xx; non2xx="$(awk '/Non-2xx/ {print $NF}' "$work/$1.txt")"
  echo "$1: ${rps} acknowledged/s, p99 ${p99}, non-2xx ${non2xx:-0}"
  echo "$rps" > "$work/$1.rps"
}

NODE_PATH="$work/node_modules" SIGNING_SECRET="$secret" PORT=3101 taskset -c 1 node "$here/bolt-receiver.js" > "$work/bolt.log" 2>&1 &
bolt=$!
for _ in $(seq 1 60); do grep -q "bolt listening" "$work/bolt.log" && break; sleep 0.5; done
measure bolt "http://127.0.0.1:3101/slack/events"
kill "$bolt"

taskset -c 1 dotnet "$repo/src/Web/bin/Release/net10.0/CodeStream.Integrations.Web.dll" --urls http://127.0.0.1:3102 \
  "--storage:connectionString=Data Source=$work/codestream.db" "--dataProtection:keysPath=$work/keys" \
  "--integrations:slack:cloud:appSigningSecret=$secret" \
  --Logging:LogLevel:Default=Warning > "$work/host.log" 2>&1 &
host=$!
for _ in $(seq 1 60); do curl -fs http://127.0.0.1:3102/health/ready >/dev/null && break; sleep 0.5; done
measure host "http://127.0.0.1:3102/no-auth/provider-action/slack-events"
echo "host RSS $(awk '/VmRSS/ {print $2/1024 " MiB"}' /proc/$host/status)"
kill "$host"
echo "ratio host/bolt: $(awk -v a="$(cat "$work/host.rps")" -v b="$(cat "$work/bolt.rps")" 'BEGIN {printf "%.2f", a/b}')"
