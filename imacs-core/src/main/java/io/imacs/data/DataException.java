package io.imacs.data;

/** A problem with the evaluation data or a data option that the user can fix; the message says how. */
public class DataException extends RuntimeException {
    public DataException(String message) { super(message); }
}
