package io.incident.model;

/** What an artifact is, decided from its content. The id is the stable name used in JSON and in the case file. */
public enum SourceKind {
    PPROF("pprof"),
    GOROUTINE_DUMP("goroutine-dump"),
    JFR("jfr"),
    PCAP("pcap"),
    PCAPNG("pcapng"),
    STRACE("strace"),
    JOURNAL_EXPORT("journal-export"),
    JOURNAL_JSON("journal-json"),
    UNKNOWN("unknown");

    private final String id;

    SourceKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static SourceKind fromId(String id) {
        for (SourceKind k : values()) {
            if (k.id.equals(id)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown source kind id: " + id);
    }
}
