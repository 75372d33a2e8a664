#!/bin/sh
# Regenerates expected-summary.tsv from the JDK's own tool: `jfr summary FILE` (OpenJDK 17), run once per
# recording of MANIFEST kinds jfr and jfr-malformed; .gz files are gunzipped to a temp file first.
# Usage: make-expected-summary.sh CORPUS_DIR > expected-summary.tsv
set -eu
corpus=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
echo "# made by: jfr summary FILE (OpenJDK $(java -version 2>&1 | head -1 | cut -d'"' -f2)), gunzip -c first for .gz; see make-expected-summary.sh"
echo "# columns: corpus file, event type (or #chunks, or #error for a file jfr summary refuses), count (or message)"
awk -F'\t' '$2=="jfr"||$2=="jfr-malformed"{print $1}' "$corpus/MANIFEST.tsv" | while read -r f; do
  p="$corpus/$f"
  case "$f" in *.gz) p="$tmp/x.jfr"; gunzip -c "$corpus/$f" > "$p" ;; esac
  if out=$(jfr summary "$p" 2>&1); then
    echo "$out" | awk -v f="$f" '/^ Chunks:/{print f "\t#chunks\t" $2} /^====/{t=1; next} t && NF>=3 {n=$1; for (i=2; i<=NF-2; i++) n=n " " $i; print f "\t" n "\t" $(NF-1)}'
  else
    echo "$f	#error	$(echo "$out" | sed "s|$p|FILE|g" | tr '\t\n' '  ')"
  fi
done
