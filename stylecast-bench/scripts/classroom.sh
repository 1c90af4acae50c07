#!/usr/bin/env bash
# A class of 30 on one node (docs/PERFORMANCE.md, "A class of 30"): starts `serve` with its shipped settings on port
# 18081 (the default network, 2 workers), then 30 students from this one address, one every 2 s, each opening the
# page, starting a 256 px, 300-iteration session and watching it to its end (stylecast-bench/scripts/ClassClient.java). Prints the
# class's figures, how often and how long each event loop was late by more than 100 ms (from /metrics), and every
# blocked-thread report with its stack (the server runs with -Dstylecast.blockedStackMillis=100). Stops the server
# by its process id, even when interrupted. Needs target/stylecast.jar. Arguments: [STUDENTS [SPREAD [WIDTH [ITERATIONS]]]].
set -euo pipefail
cd "$(dirname "$0")/../.."
students=${1:-30}; spread=${2:-60}; width=${3:-256}; iterations=${4:-300}
port=18081
source stylecast-bench/scripts/common.sh

mapfile -t jvm_options < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' conf/jvm.options)
STYLECAST_HTTP_PORT=$port STYLECAST_HTTP_HOST=127.0.0.1 STYLECAST_OUTPUT_DIR="$work/output" \
  java "${jvm_options[@]}" -Dstylecast.blockedStackMillis=100 -Dstylecast.home="$PWD" -jar target/stylecast.jar serve \
  > "$work/server.log" 2>&1 &
server=$!; pids+=("$server")
for _ in $(seq 1 240); do
  curl -sf "http://127.0.0.1:$port/api/health" | grep -q '"UP"' && break; sleep 0.5
done
echo "machine: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs), $(nproc) cores"
java -cp "$cp" stylecast-bench/scripts/ClassClient.java $port "$students" "$spread" "$width" "$iterations" | tee "$work/class.json" \
  | grep -v '"student"\|"createdAt"\|"firstFrameWait" : [0-9.]*,$\|"doneAt" : [0-9.]*,$\|"state" : "done"\|^    [{}],\?$' || true
echo "event loops late by more than 100 ms (count, worst), from the server's log:"
grep -o 'the [a-z]* event loop was blocked for [0-9]* ms' "$work/server.log" \
  | awk '{ n[$2]++; if ($8 + 0 > w[$2]) w[$2] = $8 + 0 } END { for (l in n) printf "  %s: %d, worst %d ms\n", l, n[l], w[l] }' || true
echo "blocked-thread reports (the stack's first stylecast or vertx-web frames):"
grep -A40 'has been blocked for' "$work/server.log" | grep -E 'has been blocked|io\.stylecast|io\.vertx\.ext\.web|at java\.util\.zip|ImageIO|at io\.netty\.handler\.codec\.compression' \
  | awk '/has been blocked/ { print "  " $0; n = 0; next } n < 4 { print "      " $0; n++ }' | head -60 || true
