package io.imacs.testing;

import static org.junit.jupiter.api.Assertions.*;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing requirement skips a test on a user's machine and fails it in CI. */
class RequirementTest {
    /** CI runs with -Dimacs.browser=required: each test starts without it and the run's value comes back after. */
    private String before;

    @BeforeEach
    void clear() {
        before = System.clearProperty(Requirement.BROWSER.property());
    }

    @AfterEach
    void restore() {
        if (before == null) System.clearProperty(Requirement.BROWSER.property());
        else System.setProperty(Requirement.BROWSER.property(), before);
    }

    @Test
    void presentPassesMissingSkipsWithTheInstallLine() {
        Requirement.BROWSER.check(true);
        TestAbortedException skipped = assertThrows(TestAbortedException.class, () -> Requirement.BROWSER.check(false));
        assertTrue(skipped.getMessage().contains("apt-get install chromium chromium-driver"), skipped.getMessage());
    }

    @Test
    void missingFailsWhenRequired() {
        System.setProperty("imacs.browser", "required");
        AssertionFailedError failed = assertThrows(AssertionFailedError.class, () -> Requirement.BROWSER.check(false));
        assertTrue(failed.getMessage().contains("imacs.browser=required"), failed.getMessage());
        Requirement.BROWSER.check(true);
    }
}
