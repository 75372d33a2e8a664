#!/bin/sh
# Makes socketpair.jfr and socketpair.pcap, as root (for tcpdump), from this folder: SocketPair under JFR with
# sockets.jfc while tcpdump captures loopback port 47311. Both clocks are this machine's, so the true offset is 0.
set -e
dir=$(mktemp -d)
javac -d "$dir" SocketPair.java
tcpdump -q -i lo -w socketpair.pcap tcp port 47311 &
dump=$!
sleep 1
java -XX:StartFlightRecording=filename=socketpair.jfr,settings=$PWD/sockets.jfc -cp "$dir" SocketPair
sleep 1
kill -INT $dump
wait $dump || true
rm -rf "$dir"
