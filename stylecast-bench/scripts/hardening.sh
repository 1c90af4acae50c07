#!/usr/bin/env bash
# Measures what the hardening limits cost and hold (docs/PERFORMANCE.md, "Load and memory"):
# resident memory of the server with 1000 idle viewers of one session, and the memory and time of ten
# concurrent uploads of the largest allowed picture. Starts its own server on port 18080 and stops it
# (and every client it started) by process id, even when interrupted. Needs target/stylecast.jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
port=18080
source stylecast-bench/scripts/common.sh
rss() { awk '/VmRSS/ {printf "%.0f", $2/1024}' "/proc/$1/status"; }

STYLECAST_HTTP_PORT=$port STYLECAST_OUTPUT_DIR="$work/output" STYLECAST_LIMITS_MAXVIEWERSPERSESSION=2000 \
STYLECAST_LIMITS_MAXCONNECTIONSPERCLIENT=3000 STYLECAST_LIMITS_REQUESTSPERMINUTEPERCLIENT=1000000 \
STYLECAST_LIMITS_MAXSESSIONSPERCLIENT=100 java -XX:+ExitOnOutOfMemoryError -Dstylecast.home="$PWD" \
  -jar target/stylecast.jar serve > "$work/server.log" 2>&1 &
server=$!; pids+=("$server")
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/api/health" > /dev/null && break; sleep 0.5; done
id=$(curl -sf -H 'Content-Type: application/json' -d '{"contentSample":"chelsea","styleSample":"ihc","params":{"width":256,"iterations":20000}}' \
  "http://127.0.0.1:$port/api/sessions" | sed 's/.*"id":"\([0-9a-f]*\)".*/\1/')
sleep 15
early=$(rss "$server")
sleep 15
before=$(rss "$server")
echo "one session alone: server RSS ${early} MB, 15 s later ${before} MB"
java -cp "$cp" stylecast-bench/scripts/LoadClient.java viewers $port "$id" 1000 40 > "$work/viewers.log" 2>&1 &
clients=$!; pids+=("$clients")
sleep 30
with=$(rss "$server")
echo "idle viewers: $(cat "$work/viewers.log" | head -1); server RSS ${before} MB before, ${with} MB with them, $(( (with - before) * 1024 / 1000 )) KB per viewer"
wait "$clients" || true
sleep 5
echo "after they left: $(rss "$server") MB"

uploads() {
  local file=$1 before peak start end
  rm -f "$work"/code*
  before=$(rss "$server"); peak=$before
  start=$(date +%s.%N)
  for i in $(seq 1 10); do
    curl -s -o "$work/up$i.json" -w "%{http_code}\n" -F content=@"$file" -F styleSample=ihc \
      -F 'params={"width":64,"iterations":1}' "http://127.0.0.1:$port/api/sessions" > "$work/code$i" &
  done
  while [ "$(cat "$work"/code* 2>/dev/null | wc -l)" -lt 10 ]; do
    r=$(rss "$server"); [ "$r" -gt "$peak" ] && peak=$r; sleep 0.1
  done
  end=$(date +%s.%N)
  echo "ten concurrent uploads of $(basename "$file") ($(du -m "$file" | cut -f1) MB): HTTP $(sort "$work"/code* | uniq -c | tr -s ' \n' ' ')in $(echo "$end - $start" | bc) s; server RSS ${before} MB before, peak ${peak} MB"
}
# 7740x5160 = 39.9 MP, under uploads.maxPixels; noise makes each file about as big as uploads.maxBytes (20 MB) allows
java -cp "$cp" stylecast-bench/scripts/LoadClient.java picture "$work/big.jpg" 7740 5160 60
java -cp "$cp" stylecast-bench/scripts/LoadClient.java picture "$work/big.png" 7740 5160 2
uploads "$work/big.jpg"
uploads "$work/big.png"
kill "$server"; wait "$server" 2>/dev/null || true

# At the open-file limit: a server allowed 300 files, 8 clients (127.0.0.3..10) each opening 100 silent
# connections (the per-client cap keeps 64 of each), while another client (127.0.0.2) asks for /api/health.
(ulimit -Sn 300 -Hn 300; STYLECAST_HTTP_PORT=$port STYLECAST_OUTPUT_DIR="$work/output2" STYLECAST_HTTP_IDLETIMEOUTSECONDS=10 \
  exec java -XX:+ExitOnOutOfMemoryError -Dstylecast.home="$PWD" -jar target/stylecast.jar serve > "$work/server2.log" 2>&1) &
server=$!; pids+=("$server")
for _ in $(seq 1 120); do curl -sf "http://127.0.0.1:$port/api/health" > /dev/null && break; sleep 0.5; done
python3 - "$port" <<'PY' &
import socket, sys, time
held = []
for c in range(3, 11):
    for i in range(100):
        s = socket.socket()
        s.bind((f"127.0.0.{c}", 0))
        try:
            s.connect(("127.0.0.1", int(sys.argv[1])))
            held.append(s)
        except OSError:
            s.close()
time.sleep(1)
alive = 0
for s in held:
    s.setblocking(False)
    try:
        alive += 0 if s.recv(1) == b"" else 1
    except BlockingIOError:
        alive += 1
    except OSError:
        pass
print(f"silent connections: {len(held)} connected, {alive} still open after 1 s", flush=True)
time.sleep(25)
PY
flood=$!; pids+=("$flood")
start=$(date +%s.%N)
for _ in $(seq 1 60); do
  code=$(curl -s -o /dev/null -m 1 -w "%{http_code}" --interface 127.0.0.2 "http://127.0.0.1:$port/api/health" || true)
  echo "$(echo "$(date +%s.%N) - $start" | bc | cut -c1-4) s: /api/health from another client: ${code:-no answer}"
  sleep 0.5
done | awk '{ if ($NF != last) print; last = $NF }'
wait "$flood" || true
echo "server log: $(grep -ci 'too many open files' "$work/server2.log") lines about too many open files"
