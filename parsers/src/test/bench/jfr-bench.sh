#!/bin/sh
# Our JFR reader vs a bare single-threaded RecordingFile counting loop, each in its own JVM, with peak RSS:
#   parsers/src/test/bench/jfr-bench.sh [FILE] [MEGABYTES] [ROUNDS]     (from the project root, after mvn -o -pl parsers test-compile)
# Makes FILE (default /tmp/jfr-bench.jfr) first when absent: a real JVM running a busy workload under JFR, with 13 MB
# chunks, until the recording holds MEGABYTES (default 250). JAVA_OPTS passes JVM flags to both sides.
set -e
file=${1:-/tmp/jfr-bench.jfr}
cp=parsers/target/classes:parsers/target/test-classes
if [ ! -f "$file" ]; then
  java -XX:FlightRecorderOptions:maxchunksize=13m -cp "$cp" io.incident.parsers.jfr.bench.MakeBenchRecording "$file" "${2:-250}"
fi
exec java ${JAVA_OPTS:-} -cp "$cp" io.incident.parsers.jfr.bench.JfrBench "$file" "${3:-3}"
