package io.incident.model;

/** What one value of a stack sample measures, e.g. ("cpu", "nanoseconds") or ("alloc_space", "bytes"). */
public record SampleType(String type, String unit) {
    public SampleType {
        type = type == null ? "" : type;
        unit = unit == null ? "" : unit;
    }
}
