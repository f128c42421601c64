package io.imacs.pipeline;

/** A run cannot go on for a reason the user can fix (e.g. unknown class); the message says what to do. */
public class ImacsException extends RuntimeException {
    public ImacsException(String message) { super(message); }
}
