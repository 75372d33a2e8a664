#!/bin/sh
# Regenerates expected-unit-changes.tsv: how many systemd messages about unit state each corpus JSON file holds,
# counted by jq 1.6 (independently of the reader's patterns).
# Usage: sh expected-unit-changes.sh ../../../../../shared/corpus > expected-unit-changes.tsv
set -e
cd "$1"
echo "# made by src/test/resources/journal/expected-unit-changes.sh (jq 1.6 select on SYSLOG_IDENTIFIER=systemd and MESSAGE)"
printf 'file\tunitChanges\n'
for f in journal/*.json; do
  n=$(jq -s '[.[] | select(.SYSLOG_IDENTIFIER == "systemd" and (.MESSAGE | type) == "string"
        and (.MESSAGE | test("^(Started |Stopped |Finished |Failed to start |.+: Main process exited, code=|.+: Failed with result |.+: Scheduled restart job, restart counter is at [0-9])")))]
        | length' "$f")
  printf '%s\t%s\n' "$f" "$n"
done
