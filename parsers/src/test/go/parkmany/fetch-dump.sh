#!/bin/sh
# Runs parkmany, fetches a real /debug/pprof/goroutine?debug=2 dump into /tmp, and stops the program.
#   N=100000 ./fetch-dump.sh      -> /tmp/parkmany.debug2.txt (41 MB with Go 1.19; DEEP=45 deepens one way of
#   parking in eleven, for about 59 MB), for
#   java -cp target/classes:target/test-classes io.incident.parsers.goroutine.bench.GoroutineBench /tmp/parkmany.debug2.txt
#   PAIR_GAP=65 N=60 LEAK_EVERY=10s ./fetch-dump.sh   -> also /tmp/parkmany-2.debug2.txt, PAIR_GAP seconds later, from
#   the same process (the pair DumpDiffTest reads from src/test/resources/goroutine/parkmany-pair-*.txt).
# The 100k dump (tens of MB) is never committed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
addr=${ADDR:-127.0.0.1:6061}
out=${OUT:-/tmp/parkmany.debug2.txt}
go build -o /tmp/parkmany "$here/main.go"
/tmp/parkmany -n "${N:-100000}" -addr "$addr" -leak-every "${LEAK_EVERY:-0}" -deep "${DEEP:-20}" &
pid=$!
trap 'kill "$pid" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
    if curl -sf "http://$addr/debug/pprof/" >/dev/null; then break; fi
    sleep 0.2
done
sleep "${WAIT:-1}"
curl -sf "http://$addr/debug/pprof/goroutine?debug=2" -o "$out"
date -u +%s%N > "$out.when"
ls -l "$out"
if [ -n "${PAIR_GAP:-}" ]; then
    sleep "$PAIR_GAP"
    second="${out%.debug2.txt}-2.debug2.txt"
    curl -sf "http://$addr/debug/pprof/goroutine?debug=2" -o "$second"
    date -u +%s%N > "$second.when"
    ls -l "$second"
fi
