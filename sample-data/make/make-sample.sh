#!/bin/bash
# make-sample.sh - remakes sample-data/incident and sample-data/control from scratch.
#
# Needs: Debian 12, root, network namespaces (unshare). Installs what it needs
# with apt-get, builds the Go programs offline (standard library only) and the
# Java client, then runs two scenarios, each inside private net/mount/uts/pid
# namespaces with a private systemd-journald:
#   incident  ~3.7 min  (leaks, stuck upstream, idle clients, RSTs, EMFILE burst, kill -9 + restart)
#   control   ~50 s     (same service with timeouts; healthy)
# Programs are installed to /opt/demo and run from /srv/demo so no path of the
# building machine ends up in the artifacts.
set -euo pipefail
HERE=$(cd "$(dirname "$0")" && pwd)
SD=$(dirname "$HERE")
[ "$(id -u)" = 0 ] || { echo "make-sample.sh must run as root" >&2; exit 1; }
STARTED=$(date +%s)

# ------------------------------------------------------------------ packages
need=()
command -v go        >/dev/null || need+=(golang-go)
command -v javac     >/dev/null || need+=(openjdk-17-jdk-headless)
command -v jfr       >/dev/null || need+=(openjdk-17-jdk-headless)
command -v strace    >/dev/null || need+=(strace)
command -v tcpdump   >/dev/null || need+=(tcpdump)
command -v dumpcap   >/dev/null || need+=(wireshark-common)
command -v tshark    >/dev/null || need+=(tshark)
command -v curl      >/dev/null || need+=(curl)
command -v ip        >/dev/null || need+=(iproute2)
command -v ps        >/dev/null || need+=(procps)
command -v unshare   >/dev/null || need+=(util-linux)
command -v xz        >/dev/null || need+=(xz-utils)
command -v systemd-cat >/dev/null && [ -x /lib/systemd/systemd-journald ] || need+=(systemd)
if [ ${#need[@]} -gt 0 ]; then
  export DEBIAN_FRONTEND=noninteractive
  apt-get update
  apt-get install -y --no-install-recommends "${need[@]}"
fi

# ------------------------------------------------------------------ build
BUILD=$(mktemp -d)
cleanup() { rm -rf "$BUILD"; }
trap cleanup EXIT
rm -rf /opt/demo /srv/demo
mkdir -p /opt/demo/java /srv/demo
(
  cd "$HERE"
  export GOCACHE=$BUILD/gocache GOPATH=$BUILD/gopath GOPROXY=off GOFLAGS= GO111MODULE=on CGO_ENABLED=0
  for p in svc upstream load; do go build -trimpath -o "/opt/demo/demo-$p" "./$p"; done
)
javac -d /opt/demo/java "$HERE/java/DemoClient.java"
install -m 0755 "$HERE/run-scenario.sh" /opt/demo/run-scenario.sh
install -m 0644 "$HERE/journald.conf" /opt/demo/journald.conf

# ------------------------------------------------------------------ run
run() { # mode
  rm -rf /srv/demo/out /srv/demo/run /srv/demo/scratch
  mkdir -p /srv/demo/out /srv/demo/run /srv/demo/scratch
  ( cd /srv/demo && env -i PATH=/usr/sbin:/usr/bin:/sbin:/bin HOME=/nonexistent TZ=UTC LANG=C.UTF-8 \
      unshare --net --mount --uts --pid --fork --mount-proc --propagation private \
      /bin/bash /opt/demo/run-scenario.sh "$1" )
  rm -rf "${SD:?}/$1"
  mkdir -p "$SD/$1"
  cp -a /srv/demo/out/. "$SD/$1/"
  chmod 0644 "$SD/$1"/*
}
echo "== incident scenario"; run incident
echo "== control scenario";  run control
rm -rf /srv/demo

# ------------------------------------------------------------------ verify
bash "$HERE/verify.sh" "$SD"
rm -rf /opt/demo
echo "make-sample.sh finished in $(( $(date +%s) - STARTED )) s"
