#!/bin/sh
# Regenerates expected-entries.tsv: entry counts by real tools, independent of our readers.
#  export files: imported with systemd-journal-remote (systemd 252), then counted with journalctl -o json --all | wc -l
#  json / json-pretty: jq -c . | wc -l;  json-seq: jq --seq -c . | wc -l;  json-sse: sed -n 's/^data: //p' | jq -c . | wc -l
# Usage: sh expected-entries.sh ../../../../../shared/corpus > expected-entries.tsv
set -e
C=$1
T=$(mktemp -d)
echo "# made by src/test/resources/journal/expected-entries.sh (systemd-journal-remote + journalctl 252 for exports, jq 1.6 for JSON)"
printf 'file\tentries\n'
cd "$C"
for f in journal/*.export journal/malformed/*.export; do
  /lib/systemd/systemd-journal-remote --output="$T/x.journal" "$f" 2>/dev/null
  printf '%s\t%s\n' "$f" "$(journalctl --file="$T/x.journal" -o json --all | wc -l)"
  rm -f "$T/x.journal"
done
for f in journal/*.json journal/*.json-pretty; do printf '%s\t%s\n' "$f" "$(jq -c . "$f" | wc -l)"; done
for f in journal/*.json-seq; do printf '%s\t%s\n' "$f" "$(jq --seq -c . "$f" | wc -l)"; done
for f in journal/*.json-sse; do printf '%s\t%s\n' "$f" "$(sed -n 's/^data: //p' "$f" | jq -c . | wc -l)"; done
rm -rf "$T"
