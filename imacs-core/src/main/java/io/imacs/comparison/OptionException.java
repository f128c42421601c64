package io.imacs.comparison;

/**
 * A value an option does not accept. Carries the option's key; the message marks option keys in backquotes
 * ({@code `clusters` must be at least 1}), which the command line turns into its flag names ({@code --clusters})
 * and a Java caller reads as the builder's option keys.
 */
public final class OptionException extends IllegalArgumentException {
    private final String key;

    public OptionException(String key, String message) {
        super(message);
        this.key = key;
    }

    /** The key of the option at fault, e.g. {@code clusters}. */
    public String key() { return key; }
}
