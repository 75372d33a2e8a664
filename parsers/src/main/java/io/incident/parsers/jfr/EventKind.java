package io.incident.parsers.jfr;

import java.util.HashMap;
import java.util.Map;

/** The JFR event types the timeline maps, by name; everything else is only counted (and browsable). */
enum EventKind {
    GARBAGE_COLLECTION("jdk.GarbageCollection"),
    GC_PHASE_PAUSE("jdk.GCPhasePause"),
    SAFEPOINT_BEGIN("jdk.SafepointBegin"),
    SAFEPOINT_END("jdk.SafepointEnd"),
    VM_OPERATION("jdk.ExecuteVMOperation"),
    HEAP_SUMMARY("jdk.GCHeapSummary"),
    THREAD_PARK("jdk.ThreadPark"),
    MONITOR_ENTER("jdk.JavaMonitorEnter"),
    MONITOR_WAIT("jdk.JavaMonitorWait"),
    THREAD_SLEEP("jdk.ThreadSleep"),
    THREAD_START("jdk.ThreadStart"),
    THREAD_END("jdk.ThreadEnd"),
    SOCKET_READ("jdk.SocketRead"),
    SOCKET_WRITE("jdk.SocketWrite"),
    FILE_READ("jdk.FileRead"),
    FILE_WRITE("jdk.FileWrite"),
    CPU_LOAD("jdk.CPULoad"),
    THREAD_CPU_LOAD("jdk.ThreadCPULoad"),
    EXCEPTION_STATISTICS("jdk.ExceptionStatistics"),
    ERROR_THROW("jdk.JavaErrorThrow"),
    EXECUTION_SAMPLE("jdk.ExecutionSample"),
    NATIVE_SAMPLE("jdk.NativeMethodSample"),
    ALLOCATION_SAMPLE("jdk.ObjectAllocationSample"),
    ALLOCATION_NEW_TLAB("jdk.ObjectAllocationInNewTLAB"),
    ALLOCATION_OUTSIDE_TLAB("jdk.ObjectAllocationOutsideTLAB"),
    JVM_INFORMATION("jdk.JVMInformation"),
    OTHER("");

    private static final Map<String, EventKind> BY_NAME = new HashMap<>();

    static {
        for (EventKind k : values()) {
            if (k != OTHER) {
                BY_NAME.put(k.typeName, k);
            }
        }
    }

    private final String typeName;

    EventKind(String typeName) {
        this.typeName = typeName;
    }

    /** Whether an event of this kind gives exactly one span, from its field values and times alone. */
    boolean spansOnly() {
        return switch (this) {
            case THREAD_PARK, MONITOR_ENTER, MONITOR_WAIT, THREAD_SLEEP, SOCKET_READ, SOCKET_WRITE, FILE_READ,
                    FILE_WRITE -> true;
            default -> false;
        };
    }

    /** JDK 9 recordings (format 1.0) name the same events {@code com.oracle.jdk.*}. */
    static EventKind of(String eventTypeName) {
        String n = eventTypeName.startsWith("com.oracle.") ? eventTypeName.substring(11) : eventTypeName;
        return BY_NAME.getOrDefault(n, OTHER);
    }
}
