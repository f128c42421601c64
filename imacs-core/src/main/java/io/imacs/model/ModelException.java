package io.imacs.model;

/**
 * A problem with a user's model that the user can fix: the message names the model file and what to do.
 * The CLI prints the message alone (no stack trace) and exits non-zero.
 */
public class ModelException extends RuntimeException {
    public ModelException(String message) { super(message); }
    public ModelException(String message, Throwable cause) { super(message, cause); }
}
