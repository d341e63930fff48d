package org.nuisance.engine.data;

/**
 * Bad input: a file, column, row or field that cannot be used. The message is one line that names
 * the file (or source), the column or field, and what is wrong; it is meant to be shown as it is.
 */
public class InputException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public InputException(String message) {
        super(message);
    }

    public InputException(String message, Throwable cause) {
        super(message, cause);
    }
}
