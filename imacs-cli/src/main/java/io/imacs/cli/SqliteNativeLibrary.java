package io.imacs.cli;

import io.imacs.files.UserCache;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.sqlite.SQLiteJDBCLoader;
import org.sqlite.util.OSInfo;

/**
 * One copy of sqlite-jdbc's native library per user, under {@link UserCache#dir}("native"). Left to itself the driver
 * copies the library (1 MB) out of its jar into a new temporary file at every start, part of every cached rerun's
 * wait, and leaves the copy in /tmp when the process is killed. Anything unusual (no library for this platform, a directory
 * that cannot hold it) leaves the driver to its own way.
 */
final class SqliteNativeLibrary {
    private static final String PATH = "org.sqlite.lib.path", NAME = "org.sqlite.lib.name";

    private SqliteNativeLibrary() {}

    /** Points the driver at the copy, made on first use; call before the first connection. */
    static synchronized void useCopy() {
        if (System.getProperty(PATH) != null) return; // set by the user, or by an earlier cache of this process
        try {
            String folder = OSInfo.getNativeLibFolderPathForCurrentOS(), name = System.mapLibraryName("sqlitejdbc");
            Path dir = UserCache.dir("native").resolve("sqlite-jdbc-" + SQLiteJDBCLoader.getVersion()).resolve(folder);
            Path lib = dir.resolve(name);
            try (InputStream in = SQLiteJDBCLoader.class.getResourceAsStream("/org/sqlite/native/" + folder + "/" + name)) {
                if (in == null) return;
                if (!Files.isRegularFile(lib)) {
                    Files.createDirectories(dir);
                    Path tmp = Files.createTempFile(dir, name, ".tmp"); // renamed whole: a concurrent run never loads half a file
                    try {
                        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
                        Files.move(tmp, lib, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                    } finally {
                        Files.deleteIfExists(tmp);
                    }
                }
            }
            System.setProperty(PATH, dir.toString());
            System.setProperty(NAME, name);
        } catch (IOException | RuntimeException e) {
            // the driver's own extraction still works
        }
    }
}
