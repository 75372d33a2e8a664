#!/usr/bin/env bash
# Fuzzes every reader in turn with the `fuzz` Maven profile and prints, per target, the executions per second and
# whether it ended with a finding. Usage (from the repository root):
#   parsers/src/test/fuzz/fuzz-all.sh [DURATION] [TARGET...]     e.g.  parsers/src/test/fuzz/fuzz-all.sh 10m pcap jfr
# DURATION defaults to 10m; TARGETs default to every method of ReaderFuzzTest. Logs go to parsers/target/fuzz/*.log.
set -uo pipefail
cd "$(dirname "$0")/../../../.."
duration=${1:-10m}
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(pprof goroutine jfr pcap pcapng strace journalExport journalJson zipBundle tarGzBundle)
fi
mvn -q -B -o -pl parsers -am -DskipTests install -Dmaven.install.skip=true >/dev/null 2>&1 || mvn -q -B -pl parsers -am -DskipTests package
mkdir -p parsers/target/fuzz
printf '%-14s %10s %12s %8s  %s\n' target runs seconds exec/s result
status=0
for t in "${targets[@]}"; do
  log=parsers/target/fuzz/$t.log
  mvn -B -o -Pfuzz -Dfuzz.target="$t" -Dfuzz.duration="$duration" -pl parsers -am \
      -Dsurefire.failIfNoSpecifiedTests=false test >"$log" 2>&1
  rc=$?
  done_line=$(grep -E '^Done [0-9]+ runs in [0-9]+ second' "$log" | tail -1)
  runs=$(echo "$done_line" | awk '{print $2}')
  secs=$(echo "$done_line" | awk '{print $5}')
  rate=$([ -n "$runs" ] && [ "${secs:-0}" -gt 0 ] && echo $((runs / secs)) || echo -)
  if [ $rc -eq 0 ] && [ -n "$done_line" ]; then result="no finding"; else result="FINDING or failure: see $log"; status=1; fi
  printf '%-14s %10s %12s %8s  %s\n' "$t" "${runs:--}" "${secs:--}" "$rate" "$result"
done
exit $status
