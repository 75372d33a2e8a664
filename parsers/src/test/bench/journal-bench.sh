#!/bin/sh
# Our journal export reader vs journalctl -o json / -o export on 1M generated entries (export + systemd-journal-remote files): parsers/src/test/bench/journal-bench.sh [FILE] [ENTRIES] [RUNS] (from the project root, after mvn -o -pl parsers test-compile; apt-get install systemd-journal-remote); JAVA_OPTS passes JVM flags
exec java ${JAVA_OPTS:-} -cp "parsers/target/classes:parsers/target/test-classes:$(mvn -q -o -B -pl parsers dependency:build-classpath -Dmdep.outputFile=/dev/stdout -Dmdep.includeScope=runtime)" io.incident.parsers.journal.bench.JournalBench "$@"
