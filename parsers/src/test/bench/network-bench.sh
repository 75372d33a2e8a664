#!/bin/sh
# Makes a large loopback capture with real tools and times tshark's TCP conversation table against our reader.
#   parsers/src/test/bench/network-bench.sh [REQUESTS] [CONNECTIONS] [PAGE_BYTES]   (run as root from the project root)
# nginx serves a page of PAGE_BYTES (default 1000) on 127.0.0.1:18080 and closes each connection after its third
# request; wrk makes REQUESTS requests (default 720000) over CONNECTIONS (default 32) sockets, reconnecting as nginx
# closes them, while tcpdump -i lo writes the capture: about 14 packets and 5 KB a connection, close to the issue's
# 1.2 GB of 3.8 million packets and 240,000 connections. Then
# `tshark -q -z conv,tcp -r FILE` and PcapBench (one import of the capture into connection lifecycles, in a fresh
# JVM, start-up included) each run under /usr/bin/time -v.
# Everything it starts is stopped at the end; the capture lives in a temporary directory that is removed unless
# KEEP=1. CAPTURE=FILE measures an existing capture instead of making one; JAVA_OPTS passes flags to our JVM.
# Needs: apt-get install -y nginx wrk tcpdump tshark, and `mvn -pl parsers -am test-compile` done.
set -eu
REQUESTS=${1:-720000}
CONNS=${2:-32}
PAGE=${3:-1000}
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

if [ -n "${CAPTURE:-}" ]; then
    CAP=$CAPTURE
else
    chmod 755 "$WORK"
    mkdir -p "$WORK/logs" "$WORK/tmp" "$WORK/www"
    head -c "$PAGE" /dev/zero | tr '\0' 'x' > "$WORK/www/index.html"
    nginx -p "$WORK" -c "$BENCH/nginx-bench.conf" &
    NGINX_PID=$!
    sleep 1
    curl -sf -o /dev/null http://127.0.0.1:18080/ || { echo "nginx did not answer" >&2; exit 1; }

    tcpdump -q -B 32768 -i lo -w "$CAP" "tcp port 18080" 2>"$WORK/tcpdump.err" &
    DUMP_PID=$!
    sleep 2
    wrk -t1 -c"$CONNS" -d600s -s "$BENCH/wrk-stop-after.lua" http://127.0.0.1:18080/ -- "$REQUESTS" | tee "$WORK/wrk.txt"
    sleep 2
    kill -INT "$DUMP_PID"; wait "$DUMP_PID" 2>/dev/null || true; DUMP_PID=""
    kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""
    cat "$WORK/tcpdump.err"
fi

CP="$ROOT/parsers/target/classes:$ROOT/parsers/target/test-classes"
CP="$CP:$(cd "$ROOT" && mvn -q -B -pl parsers dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime -Dstyle.color=never)"

echo "== capture"
ls -l "$CAP"
capinfos -c -M "$CAP" | sed -n 2p
echo "== tshark -q -z conv,tcp"
/usr/bin/time -v tshark -q -z conv,tcp -r "$CAP" > "$WORK/conv.txt" 2> "$WORK/tshark.time"
echo "tshark conversations: $(grep -c '<->' "$WORK/conv.txt")"
echo "== PcapBench import (one read into the model of every connection's lifecycle, as a drop on the window does)"
# JAVA_OPTS passes JVM flags (none by default: the JVM's defaults, as java -jar and the packaged app run).
/usr/bin/time -v java ${JAVA_OPTS:-} -cp "$CP" io.incident.parsers.pcap.bench.PcapBench "$CAP" 1 import \
    2> "$WORK/ours.time"

secs() { awk -F': ' '/Elapsed \(wall clock\)/ {n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i]; print s}' "$1"; }
rss() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
T=$(secs "$WORK/tshark.time"); O=$(secs "$WORK/ours.time")
echo "== result"
echo "tshark: ${T} s wall, peak RSS $(rss "$WORK/tshark.time") KB"
echo "ours:   ${O} s wall, peak RSS $(rss "$WORK/ours.time") KB (JVM start included)"
awk -v t="$T" -v o="$O" 'BEGIN { printf "ratio tshark/ours: %.1fx\n", t / o }'
awk -v t="$(rss "$WORK/tshark.time")" -v o="$(rss "$WORK/ours.time")" \
    'BEGIN { printf "peak RSS ours/tshark: %.3f\n", o / t }'
