#!/usr/bin/env bash
# Measures the cluster (docs/PERFORMANCE.md, "Worker nodes on a cluster"): how long a worker node takes to join,
# and, for one session at a time, the first frame, the control round trip and the iterations a viewer sees, on one
# process (serve) against a web node with one worker node, and against two web nodes (sharing one output folder)
# with one worker node, the session created on the web node that keeps the table and watched through the other, on
# this machine (loopback), alternating. Starts its own nodes on ports 18080-18082 and 15701-15703 and stops them (and
# its clients) by process id, even when interrupted.
# Needs target/stylecast.jar. Usage: stylecast-bench/scripts/cluster.sh [ROUNDS] [WIDTH]
set -euo pipefail
cd "$(dirname "$0")/../.."
rounds=${1:-3}
width=${2:-64}
source stylecast-bench/scripts/common.sh
mapfile -t jvm < <(grep -v -e '^[[:space:]]*#' -e '^[[:space:]]*$' conf/jvm.options)
java -jar target/stylecast.jar cluster-secret "$work/secret.p12" > /dev/null
# the client compiled once (run as a source file, Java 17's launcher failed now and then with "0 > -7")
javac -d "$work/client" -cp "$cp" stylecast-bench/scripts/ClusterClient.java
now() { date +%s.%N; }
since() { echo "$(now) - $1" | bc; }
node() { # name http-port args... (OUTPUT: the output folder, by default one of the node's own)
  local name=$1 port=$2; shift 2
  STYLECAST_HTTP_PORT=$port STYLECAST_OUTPUT_DIR="${OUTPUT:-$work/$name}" java "${jvm[@]}" -Dstylecast.home="$PWD" \
    -jar target/stylecast.jar serve "$@" > "$work/$name.log" 2>&1 &
  pids+=("$!")
}
stop_all() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; wait 2>/dev/null || true; pids=(); }
await() { for _ in $(seq 1 600); do curl -sf "$1" 2>/dev/null | grep -q "$2" && return 0; sleep 0.05; done; echo "timed out: $1" >&2; exit 1; }

for round in $(seq 1 "$rounds"); do
  t=$(now); node single 18080; await http://127.0.0.1:18080/api/health UP
  echo "round $round single: up $(since "$t") s; $(java -cp "$work/client:$cp" ClusterClient 18080 "$width" 30 10)"
  stop_all
  t=$(now); node web 18080 --role web --cluster-port 15701 --cluster-secret "$work/secret.p12"
  await http://127.0.0.1:18080/api/health '"status"'; up=$(since "$t")
  t=$(now); node worker 18081 --role worker --cluster-port 15702 --cluster-members 127.0.0.1:15701 --cluster-secret "$work/secret.p12"
  await http://127.0.0.1:18080/api/health '"ready":true'
  echo "round $round cluster: web node up $up s, worker node listed $(since "$t") s after its start;" \
    "$(java -cp "$work/client:$cp" ClusterClient 18080 "$width" 30 10)"
  stop_all
  OUTPUT="$work/shared-$round" node web1 18080 --role web --cluster-port 15701 --cluster-secret "$work/secret.p12"
  await http://127.0.0.1:18080/api/health '"status"'
  OUTPUT="$work/shared-$round" node web2 18082 --role web --cluster-port 15703 --cluster-members 127.0.0.1:15701 \
    --cluster-secret "$work/secret.p12"
  node worker 18081 --role worker --cluster-port 15702 --cluster-members 127.0.0.1:15701 --cluster-secret "$work/secret.p12"
  await http://127.0.0.1:18082/api/health '"ready":true'
  echo "round $round two web nodes (watched through the one without the table):" \
    "$(java -cp "$work/client:$cp" ClusterClient 18080 "$width" 30 10 18082)"
  stop_all
done
