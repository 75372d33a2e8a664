#!/bin/sh
# Makes a large loopback capture with real tools and times tshark's TCP conversation table against our reader.
#   parsers/src/test/bench/network-bench.sh [SECONDS] [CONNECTIONS]   (run as root from the project root)
# nginx (keepalive off) serves a 4 KiB page on 127.0.0.1:18080; wrk loads it with "Connection: close" for SECONDS
# (default 30) over CONNECTIONS (default 32) sockets while tcpdump -i lo writes the capture. Then
# `tshark -q -z conv,tcp -r FILE` and PcapBench (one read with connection lifecycles) each run under /usr/bin/time -v.
# Everything it starts is stopped at the end; the capture lives in a temporary directory that is removed unless
# KEEP=1. Needs: apt-get install -y nginx wrk tcpdump tshark, and `mvn -o -pl parsers test-compile` done.
set -eu
SECONDS_LOAD=${1:-30}
CONNS=${2:-32}
ROOT=$(pwd)
BENCH="$ROOT/parsers/src/test/bench"
WORK=$(mktemp -d /tmp/network-bench.XXXXXX)
CAP="$WORK/loopback.pcap"
NGINX_PID=""
DUMP_PID=""
cleanup() {
    [ -n "$DUMP_PID" ] && kill "$DUMP_PID" 2>/dev/null || true
    [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
    wait 2>/dev/null || true
    [ "${KEEP:-0}" = 1 ] || rm -rf "$WORK"
}
trap cleanup EXIT INT TERM

chmod 755 "$WORK"
mkdir -p "$WORK/logs" "$WORK/tmp" "$WORK/www"
head -c 4096 /dev/zero | tr '\0' 'x' > "$WORK/www/index.html"
nginx -p "$WORK" -c "$BENCH/nginx-bench.conf" &
NGINX_PID=$!
sleep 1
curl -sf -o /dev/null http://127.0.0.1:18080/ || { echo "nginx did not answer" >&2; exit 1; }

tcpdump -q -B 32768 -i lo -w "$CAP" "tcp port 18080" 2>"$WORK/tcpdump.err" &
DUMP_PID=$!
sleep 2
wrk -t1 -c"$CONNS" -d"${SECONDS_LOAD}s" -H 'Connection: close' http://127.0.0.1:18080/ | tee "$WORK/wrk.txt"
sleep 2
kill -INT "$DUMP_PID"; wait "$DUMP_PID" 2>/dev/null || true; DUMP_PID=""
kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""
cat "$WORK/tcpdump.err"

CP="$ROOT/parsers/target/classes:$ROOT/parsers/target/test-classes"
CP="$CP:$(cd "$ROOT" && mvn -q -o -B -pl parsers dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime -Dstyle.color=never)"

echo "== capture"
ls -l "$CAP"
capinfos -c -M "$CAP" | sed -n 2p
echo "== tshark -q -z conv,tcp"
/usr/bin/time -v tshark -q -z conv,tcp -r "$CAP" > "$WORK/conv.txt" 2> "$WORK/tshark.time"
echo "tshark conversations: $(grep -c '<->' "$WORK/conv.txt")"
echo "== PcapBench (one read: connection lifecycles, packet index, model)"
/usr/bin/time -v java -Xmx4g -cp "$CP" io.incident.parsers.pcap.bench.PcapBench "$CAP" 1 2> "$WORK/ours.time"

secs() { awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
T=$(secs "$WORK/tshark.time"); O=$(secs "$WORK/ours.time")
echo "== result"
echo "tshark: ${T} s wall, peak RSS $(rss "$WORK/tshark.time") KB"
echo "ours:   ${O} s wall, peak RSS $(rss "$WORK/ours.time") KB (JVM start included)"
awk -v t="$T" -v o="$O" 'BEGIN { printf "ratio tshark/ours: %.1fx\n", t / o }'
