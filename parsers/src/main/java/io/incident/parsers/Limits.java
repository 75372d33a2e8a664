package io.incident.parsers;

/**
 * Every bound a reader enforces on sizes it does not control: length fields, decompressed sizes, nesting. Each bound is a
 * named setting that can be raised with a system property {@code workbench.limits.<name>}; errors name the setting.
 *
 * @param maxRecordBytes        largest single record a length field may announce (a packet block, a JFR event, a journal
 *                              binary field)
 * @param maxLineBytes          longest text line kept whole; longer lines are cut and counted
 * @param maxStackDepth         deepest stack kept; deeper frames are cut and counted
 * @param maxDecompressedBytes  most bytes one compressed stream or bundle entry may inflate to
 * @param maxCompressionRatio   most a compressed stream may expand relative to its compressed size (gzip bombs)
 * @param maxBundleEntries      most entries read from one zip or tar bundle
 */
public record Limits(long maxRecordBytes, int maxLineBytes, int maxStackDepth, long maxDecompressedBytes,
                     long maxCompressionRatio, int maxBundleEntries) {
    public static final String PROPERTY_PREFIX = "workbench.limits.";

    public static final Limits DEFAULT = new Limits(
            256L << 20,
            1 << 20,
            4096,
            8L << 30,
            1000,
            100_000);

    /** The defaults, each overridden by its system property when set. */
    public static Limits fromSystemProperties() {
        return new Limits(
                Long.getLong(PROPERTY_PREFIX + "maxRecordBytes", DEFAULT.maxRecordBytes),
                Integer.getInteger(PROPERTY_PREFIX + "maxLineBytes", DEFAULT.maxLineBytes),
                Integer.getInteger(PROPERTY_PREFIX + "maxStackDepth", DEFAULT.maxStackDepth),
                Long.getLong(PROPERTY_PREFIX + "maxDecompressedBytes", DEFAULT.maxDecompressedBytes),
                Long.getLong(PROPERTY_PREFIX + "maxCompressionRatio", DEFAULT.maxCompressionRatio),
                Integer.getInteger(PROPERTY_PREFIX + "maxBundleEntries", DEFAULT.maxBundleEntries));
    }
}
