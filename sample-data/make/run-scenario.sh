#!/bin/bash
# run-scenario.sh incident|control
#
# Runs INSIDE private net/mount/uts/pid namespaces (started by make-sample.sh
# via unshare). Everything it starts lives in that pid namespace and dies with
# it. Artifacts go to /srv/demo/out, scratch files to /srv/demo/run.
set -u -o pipefail
MODE=${1:?incident or control}
OUT=/srv/demo/out
RUN=/srv/demo/run
BIN=/opt/demo
SVC_URL=http://127.0.0.1:8080
CLEAN_ENV=(env -i PATH=/usr/bin:/bin HOME=/nonexistent TZ=UTC LANG=C.UTF-8)
cd /srv/demo
mkdir -p "$OUT" "$RUN" /srv/demo/scratch
PIDS=()

cleanup() {
  for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
}
trap cleanup EXIT

# ---------------------------------------------------------------- namespace
ip link set lo up
hostname demo-host
mount -t tmpfs -o mode=755 tmpfs /run/systemd
mount -t tmpfs -o mode=755 tmpfs /run/log
[ -d /var/log/journal ] && mount -t tmpfs -o mode=755 tmpfs /var/log/journal
mkdir -p /run/systemd/journal /run/systemd/demo-ids
# fixed, obviously fake ids so nothing identifies the machine that made the set
echo 5eed0000000000000000000000000001 > /run/systemd/demo-ids/machine-id
mount --bind /run/systemd/demo-ids/machine-id /etc/machine-id
echo 5eed0000-0000-0000-0000-00000000b007 > /run/systemd/demo-ids/boot_id
mount --bind /run/systemd/demo-ids/boot_id /proc/sys/kernel/random/boot_id 2>/dev/null || true
mount --bind "$BIN/journald.conf" /etc/systemd/journald.conf

/lib/systemd/systemd-journald >"$RUN/journald.log" 2>&1 &
JOURNALD=$!
for _ in $(seq 100); do [ -S /run/systemd/journal/stdout ] && break; sleep 0.1; done
[ -S /run/systemd/journal/stdout ] || { echo "private journald did not start"; exit 1; }

# ---------------------------------------------------------------- helpers
T0MS=$(date +%s%3N)   # reset at run-start below
printf 'epoch_utc\tiso_utc\tt_plus_s\tevent\tdetail\n' > "$OUT/timeline.tsv"
mark() { # event detail
  local ms s f iso rel
  ms=$(date +%s%3N); s=${ms:0:${#ms}-3}; f=${ms: -3}
  iso=$(date -u -d "@$s" +%Y-%m-%dT%H:%M:%S).${f}Z
  rel=$(( ms - T0MS ))
  printf '%s.%s\t%s\t%d.%03d\t%s\t%s\n' "$s" "$f" "$iso" $((rel/1000)) $((rel%1000)) "$1" "${2:-}" >> "$OUT/timeline.tsv"
  echo "[$1] ${2:-}" | systemd-cat -t demo-supervisor -p notice
  echo "$iso +$((rel/1000))s $1 ${2:-}"
}
at() { # wait until T0 + $1 seconds
  local d=$(( T0MS + $1 * 1000 - $(date +%s%3N) ))
  (( d > 0 )) && sleep "$((d/1000)).$(printf %03d $((d%1000)))"
  return 0
}
say() { echo "$*" | systemd-cat -t demo-supervisor -p "${PRIO:-info}"; }
fetch() { # file url
  mark "fetch" "$1 <- $2"
  local code
  code=$(curl -sS -g --max-time 60 -o "$OUT/$1" -w '%{http_code}' "$2")
  [ "$code" = 200 ] || echo "WARN fetch $1 http=$code"
}
load() { # name args...  (runs demo-load, output to journal and $RUN/name.out)
  local name=$1; shift
  "${CLEAN_ENV[@]}" "$BIN/demo-load" "$@" 2>&1 | tee -a "$RUN/$name.out" | systemd-cat -t demo-load
}
SVC_PID=
start_svc() { # instance strace-file-or-empty nofile
  local inst=$1 trace=$2 nofile=$3
  rm -f "$RUN/demo-svc.pid"
  local -a cmd=(/usr/bin/systemd-cat -t demo-svc -p info --stderr-priority=notice
                "$BIN/demo-svc" -mode "$MODE" -pidfile "$RUN/demo-svc.pid")
  # nanosleep (sysmon naps), futex and sched_yield are left out: they were ~50%
  # of the raw trace and carry nothing for this incident.
  [ -n "$trace" ] && cmd=(/usr/bin/strace -f -tt -T -yy -q -e 'trace=!nanosleep,futex,sched_yield' -o "$trace" "${cmd[@]}")
  ( ulimit -n "$nofile"; exec "${CLEAN_ENV[@]}" GODEBUG=gctrace=1 "${cmd[@]}" ) </dev/null >/dev/null 2>&1 &
  SVC_WRAP=$!
  PIDS+=("$SVC_WRAP")
  for _ in $(seq 100); do
    [ -s "$RUN/demo-svc.pid" ] && curl -s -o /dev/null --max-time 1 "$SVC_URL/healthz" && break
    sleep 0.1
  done
  SVC_PID=$(cat "$RUN/demo-svc.pid")
}

# ---------------------------------------------------------------- captures
tcpdump -i lo -s 256 -Z root -w "$OUT/service.pcap" >"$RUN/tcpdump.log" 2>&1 &
TCPDUMP=$!
dumpcap -i lo -s 256 -n -q --capture-comment "demo-svc $MODE run, loopback of a private network namespace" \
        -w "$OUT/service.pcapng" >"$RUN/dumpcap.log" 2>&1 &
DUMPCAP=$!
sleep 2
T0MS=$(date +%s%3N)
mark run-start "mode=$MODE, captures running on lo (pcap: tcpdump -s 256 us; pcapng: dumpcap -s 256 ns)"

if [ "$MODE" = incident ]; then
  # ============================================================ INCIDENT
  "${CLEAN_ENV[@]}" /usr/bin/systemd-cat -t demo-upstream "$BIN/demo-upstream" -listen 127.0.0.1:8081 -delay 800ms &
  PIDS+=($!)
  start_svc 1 "$OUT/service.strace" 128
  mark service-start "demo-svc #1 pid=$SVC_PID, ulimit -n 128, no server timeouts, traced by strace -f -tt -T -yy"

  at 5
  load steady steady -duration 205s -rate 3 -upstream-every 15 -timeout 20s &
  PIDS+=($!)
  "${CLEAN_ENV[@]}" /usr/bin/systemd-cat -t demo-java-client /usr/bin/java -Xmx48m -XX:-UsePerfData \
     -Djava.io.tmpdir=/srv/demo/scratch -XX:FlightRecorderOptions:repository=/srv/demo/scratch \
     -XX:StartFlightRecording=settings=profile,filename="$OUT/client.jfr",dumponexit=true \
     -cp "$BIN/java" DemoClient "http://127.0.0.1:8080,http://[::1]:8080" 198 &
  JAVA=$!; PIDS+=("$JAVA")
  mark load-start "steady keep-alive load 3 req/s (every 15th via /api/upstream) + Java client with JFR"

  at 10
  load idle idle -n 12 -hold 400s &
  PIDS+=($!)
  sleep 1
  mark idle-clients-connected "12 connections (6 to 127.0.0.1, 6 to ::1) open and then silent forever; 4 of them after one request"

  at 20
  mark leak-1-start "200 x GET /api/leak"
  load leak-1 leak -n 200 -conc 8
  mark leak-1-end "200 leaked goroutines expected (main.leakyHandler.func1)"

  at 30
  fetch goroutines-1.debug2.txt "$SVC_URL/debug/pprof/goroutine?debug=2"

  at 35
  curl -sS -o /dev/null "http://127.0.0.1:8081/admin/stall?seconds=75"
  mark upstream-stall-start "upstream /slow hangs for 75 s; service calls it with http.DefaultClient (no timeout)"
  load upstream upstream -n 6 -timeout 15s &
  PIDS+=($!)

  at 60
  mark leak-2-start "300 x GET /api/leak"
  load leak-2 leak -n 300 -conc 8
  mark leak-2-end "500 leaked goroutines expected in total"

  at 96
  fetch goroutines-2.debug2.txt "$SVC_URL/debug/pprof/goroutine?debug=2"
  fetch goroutines.debug1.txt "$SVC_URL/debug/pprof/goroutine?debug=1"
  fetch goroutine.pprof "$SVC_URL/debug/pprof/goroutine"
  fetch heap.pprof "$SVC_URL/debug/pprof/heap"
  fetch block.pprof "$SVC_URL/debug/pprof/block"
  fetch mutex.pprof "$SVC_URL/debug/pprof/mutex"

  at 100
  fetch cpu.pprof "$SVC_URL/debug/pprof/profile?seconds=15" &
  CPU=$!
  sleep 0.5
  mark hot-start "CPU heavy phase: 25 req/s GET /api/work?cost=20 for 12 s during the 15 s CPU profile"
  load hot hot -duration 12s -rate 25 -cost 20 &
  HOT=$!
  at 110
  mark upstream-stall-end "75 s stall window is over; the stuck upstream calls return now"
  wait "$HOT"
  mark hot-end ""
  wait "$CPU"
  mark cpu-profile-end "cpu.pprof written"

  at 120
  mark rst-start "12 connections aborted with SO_LINGER 0 (RST): 6 after a full request, 6 mid-header"
  load rst rst -n 12
  mark rst-end "client ports: $(grep -o 'rst conn [0-9]* [a-z-]* [^ ]*' "$RUN/rst.out" | awk '{print $5}' | sed 's/.*://' | paste -sd, -)"

  at 130
  mark emfile-burst-start "160 connections with unfinished request headers, held 20 s (service nofile=128)"
  load burst burst -n 160 -conc 40 -hold 20s
  mark emfile-burst-end "burst connections closed"

  at 158
  kill -9 "$SVC_PID"
  PRIO=warning say "service killed with SIGKILL (pid $SVC_PID)"
  mark service-kill-9 "kill -9 $SVC_PID (demo-svc #1)"
  wait "$SVC_WRAP" 2>/dev/null

  at 164
  start_svc 2 "" 128
  PRIO=notice say "service restarted (pid $SVC_PID)"
  mark service-restart "demo-svc #2 pid=$SVC_PID (not traced by strace)"

  at 180
  fetch goroutines-3.debug2.txt "$SVC_URL/debug/pprof/goroutine?debug=2"

  wait "$JAVA"
  mark java-client-end "JVM exited, client.jfr dumped"
  at 212
else
  # ============================================================ CONTROL
  "${CLEAN_ENV[@]}" /usr/bin/systemd-cat -t demo-upstream "$BIN/demo-upstream" -listen 127.0.0.1:8081 -delay 200ms &
  PIDS+=($!)
  start_svc 1 "$OUT/service.strace" 1024
  mark service-start "demo-svc pid=$SVC_PID, control mode: Read/Write/Idle timeouts set, upstream client timeout 3s"
  at 3
  load steady steady -duration 40s -rate 3 -upstream-every 8 -timeout 10s &
  STEADY=$!; PIDS+=("$STEADY")
  mark load-start "steady keep-alive load 3 req/s (every 8th via /api/upstream)"
  at 10
  mark leak-calls "50 x GET /api/leak (control mode closes the channel: nothing leaks)"
  load leak leak -n 50 -conc 4
  at 15
  fetch goroutines-1.debug2.txt "$SVC_URL/debug/pprof/goroutine?debug=2"
  at 38
  fetch goroutines-2.debug2.txt "$SVC_URL/debug/pprof/goroutine?debug=2"
  fetch goroutines.debug1.txt "$SVC_URL/debug/pprof/goroutine?debug=1"
  fetch heap.pprof "$SVC_URL/debug/pprof/heap"
  fetch goroutine.pprof "$SVC_URL/debug/pprof/goroutine"
  wait "$STEADY"
  mark load-end ""
  at 46
fi

# ---------------------------------------------------------------- teardown
mark run-end "stopping service, upstream and clients"
for p in "${PIDS[@]}"; do kill -TERM "$p" 2>/dev/null; done
[ -s "$RUN/demo-svc.pid" ] && kill -TERM "$(cat "$RUN/demo-svc.pid")" 2>/dev/null
sleep 4
# anything else still running in this pid namespace (clients, log pipes), by pid
for p in $(ps -e -o pid=); do
  case " $$ $JOURNALD $TCPDUMP $DUMPCAP " in *" $p "*) continue;; esac
  [ "$p" = 1 ] && continue
  kill -TERM "$p" 2>/dev/null
done
sleep 2
kill -INT "$TCPDUMP" "$DUMPCAP" 2>/dev/null
wait "$TCPDUMP" "$DUMPCAP" 2>/dev/null
journalctl --sync 2>/dev/null || sleep 1
journalctl -D /run/log/journal -o export --no-pager > "$OUT/journal.export"
journalctl -D /run/log/journal -o json --no-pager > "$OUT/journal.json"
kill -TERM "$JOURNALD"
wait "$JOURNALD" 2>/dev/null
PIDS=()
echo "scenario $MODE done"
