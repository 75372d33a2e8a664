package io.incident.parsers;

/** A hostile or absurd size met while reading; the message names the {@link Limits} setting to raise. */
public class LimitExceededException extends ArtifactException {
    private static final long serialVersionUID = 1L;

    private final String setting;

    public LimitExceededException(String file, String where, String setting, long limit, String what) {
        super(file, where, what + " exceeds the limit of " + limit + " (raise -D" + Limits.PROPERTY_PREFIX + setting
                + " if the file is genuine)");
        this.setting = setting;
    }

    public String setting() {
        return setting;
    }
}
