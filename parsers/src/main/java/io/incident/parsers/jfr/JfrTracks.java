package io.incident.parsers.jfr;

import io.incident.model.SampleType;
import java.util.List;

/** Names and groups of the lanes a recording becomes, shared by the per-chunk reducer and the merge. */
final class JfrTracks {
    static final String GC = "gc";
    static final String THREADS = "threads";
    static final String IO = "io";
    static final String CPU = "cpu";
    static final String THREAD_CPU = "thread cpu";
    static final String EXCEPTIONS = "exceptions";
    static final String PROFILE = "profile";

    static final String GC_PAUSES = "GC pauses";
    static final String GC_PHASE_PAUSES = "GC phase pauses";
    static final String SAFEPOINTS = "safepoints";
    static final String VM_OPERATIONS = "VM operations";
    static final String HEAP_USED = "heap used";
    static final String THREAD_LIFECYCLE = "thread start/end";
    static final String SOCKET_IO = "socket I/O";
    static final String FILE_IO = "file I/O";
    static final String JVM_USER = "JVM user CPU";
    static final String JVM_SYSTEM = "JVM system CPU";
    static final String MACHINE_TOTAL = "machine total CPU";
    static final String ERRORS = "errors thrown";
    static final String ERRORS_PER_SECOND = "errors thrown/s";
    static final String EXCEPTIONS_PER_SECOND = "exceptions thrown/s";
    /** Cumulative throwables count of jdk.ExceptionStatistics; the merge turns it into {@link #EXCEPTIONS_PER_SECOND}. */
    static final String THROWABLES_TOTAL = "throwables since JVM start";
    static final String CPU_SAMPLES = "CPU samples";
    static final String NATIVE_SAMPLES = "native method samples";
    static final String ALLOCATION_SAMPLES = "allocation samples";
    static final String TLAB_ALLOCATIONS = "TLAB allocations";
    static final String THREAD_CPU_PREFIX = "CPU ";

    /** Per-thread CPU lanes kept: the busiest ones, so a pool of thousands of threads does not bury the view. */
    static final int MAX_THREAD_CPU_LANES = 16;

    static final List<SampleType> COUNT = List.of(new SampleType("samples", "count"));
    static final List<SampleType> ALLOC = List.of(new SampleType("samples", "count"), new SampleType("alloc", "bytes"));

    private JfrTracks() {
    }
}
