package io.imacs.model;

import java.util.Locale;

/** Which classifier output the attribution explains: the softmax probability (paper) or the raw logit. */
public enum Output {
    PROBABILITY, LOGIT;

    /** The value of an {@code --output} option: {@code probability} or {@code logit}. */
    public static Output parse(String value) {
        return switch (value.toLowerCase(Locale.ROOT)) {
            case "probability" -> PROBABILITY;
            case "logit" -> LOGIT;
            default -> throw new IllegalArgumentException("`output` " + value + ": expected probability or logit");
        };
    }
}
