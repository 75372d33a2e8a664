package io.incident.parsers.bundle;

/** Archive containers the import opens recursively. */
public enum BundleKind {
    ZIP,
    TAR,
    TAR_GZ;

    /** Recognises a bundle by content: {@code raw} is the file's first bytes, {@code inflated} the gunzipped head if gzip. */
    public static BundleKind recognize(byte[] raw, int rawLen, byte[] inflated, int inflatedLen) {
        if (rawLen >= 4 && raw[0] == 'P' && raw[1] == 'K' && raw[2] == 3 && raw[3] == 4) {
            return ZIP;
        }
        if (isUstar(raw, rawLen)) {
            return TAR;
        }
        if (rawLen >= 2 && (raw[0] & 0xff) == 0x1f && (raw[1] & 0xff) == 0x8b && isUstar(inflated, inflatedLen)) {
            return TAR_GZ;
        }
        return null;
    }

    private static boolean isUstar(byte[] b, int len) {
        return b != null && len >= 262 && b[257] == 'u' && b[258] == 's' && b[259] == 't' && b[260] == 'a'
                && b[261] == 'r';
    }
}
