#!/bin/sh
# Our strace reader vs awk on a generated 1M-line strace -f -tt -T -y log: parsers/src/test/bench/strace-bench.sh [FILE] [LINES] (from the project root, after mvn -o -pl parsers test-compile); JAVA_OPTS passes JVM flags
exec java ${JAVA_OPTS:-} -cp parsers/target/classes:parsers/target/test-classes io.incident.parsers.strace.bench.StraceBench "$@"
