package io.imacs.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The methods of {@code imacs attribute}: what each needs and what it produces. */
enum AttributeMethod {
    IG(true, true, true), GIG(true, true, true), XRAI(true, false, true), XRAI_GIG(true, false, true),
    BLURIG(true, true, true), OCCLUSION(false, true, false), SMOOTHGRAD(true, true, false);

    /** Needs input gradients (TorchScript); occlusion needs forward passes only. */
    final boolean needsGradients;
    /** Values are signed contributions (diverging colours); XRAI's are region gains used as a ranking. */
    final boolean signed;
    /** A path method: its attribution should sum to f(x) - f(baseline), so the gap is reported. */
    final boolean complete;

    AttributeMethod(boolean needsGradients, boolean signed, boolean complete) {
        this.needsGradients = needsGradients;
        this.signed = signed;
        this.complete = complete;
    }

    String cliName() { return name().toLowerCase(Locale.ROOT).replace('_', '-'); }

    static AttributeMethod parse(String s) {
        for (AttributeMethod m : values()) if (m.cliName().equals(s.toLowerCase(Locale.ROOT))) return m;
        throw new IllegalArgumentException("--method " + s + ": expected one of "
            + Arrays.stream(values()).map(AttributeMethod::cliName).collect(Collectors.joining(", ")));
    }
}
