package io.imacs.testing;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * What some tests need from the machine (Debian's Chromium, Debian's Fashion-MNIST). On a fresh machine without it the
 * README's test command still passes: the tests skip, and one line says which package to install. CI must never skip
 * them: {@code -Dimacs.NAME=required} (set by {@code .ci/run}) turns the skip into a failure.
 */
public enum Requirement {
    BROWSER("browser", "the browser tests need Debian's chromium and chromium-driver: apt-get install chromium chromium-driver"),
    DATASETS("datasets", "the Fashion-MNIST tests need Debian's dataset-fashion-mnist: apt-get install dataset-fashion-mnist");

    private static final Set<Requirement> ANNOUNCED = ConcurrentHashMap.newKeySet();
    private final String name, install;

    Requirement(String name, String install) {
        this.name = name;
        this.install = install;
    }

    /** The system property that makes this requirement mandatory: {@code imacs.browser}, {@code imacs.datasets}. */
    public String property() { return "imacs." + name; }

    /** Whether this run must not skip: the property is "required". */
    public boolean required() { return "required".equals(System.getProperty(property())); }

    /**
     * Skips the calling test when {@code present} is false (printing the install line once per run), or fails it when
     * the requirement is mandatory.
     */
    public void check(boolean present) {
        if (present) return;
        if (required()) Assertions.fail(install + " (" + property() + "=required)");
        if (ANNOUNCED.add(this)) System.err.println("SKIPPED: " + install + "; CI runs them with -D" + property() + "=required");
        Assumptions.abort(install);
    }
}
