package io.imacs.files;

import java.nio.file.Path;

/** The user's cache directory for IMACS, as the XDG base directory spec places it: things kept between runs. */
public final class UserCache {
    private UserCache() {}

    /** {@code $XDG_CACHE_HOME/imacs/<name>}, else {@code ~/.cache/imacs/<name>}. */
    public static Path dir(String name) {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return base.resolve("imacs").resolve(name);
    }
}
