package io.incident.app.store;

/** A case file that cannot be opened or written: names the file and what went wrong. */
public class CaseException extends Exception {
    private static final long serialVersionUID = 1L;

    public CaseException(String message, Throwable cause) {
        super(message, cause);
    }

    public CaseException(String message) {
        super(message);
    }
}
