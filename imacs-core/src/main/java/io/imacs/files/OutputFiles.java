package io.imacs.files;

import io.imacs.comparison.OptionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * How a run writes its outputs: every file through a temporary file and a rename (a kill never leaves a truncated
 * file, a failed write never leaves the temporary file), and reasons a user can act on when a write fails
 * (the disk is full, a directory is read-only, a path is a file) instead of the bare path many of Java's
 * exceptions carry as their message.
 */
public final class OutputFiles {
    private OutputFiles() {}

    /** Suffix of the temporary file a write goes through. */
    public static final String TMP = ".tmp";

    /** Writes a file's content to the path it is given (the temporary file). */
    @FunctionalInterface
    public interface Content {
        void writeTo(Path file) throws IOException;
    }

    /**
     * Writes {@code file} through {@code file.tmp} and an atomic rename. On any failure the temporary file is
     * deleted and the old {@code file}, if any, is left as it was; the exception says which file and why
     * ({@link #reason}), e.g. that the disk is full.
     */
    public static void write(Path file, Content content) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + TMP);
        try {
            content.writeTo(tmp);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            deleteQuietly(tmp, e);
            throw new IOException("cannot write " + file + ": " + reason(e), e);
        } catch (RuntimeException | Error e) {
            deleteQuietly(tmp, e);
            throw e;
        }
    }

    private static void deleteQuietly(Path tmp, Throwable failure) {
        try {
            Files.deleteIfExists(tmp);
        } catch (IOException | RuntimeException e) {
            failure.addSuppressed(e);
        }
    }

    /** Whether {@code t} or a cause of it says that the disk (or the user's quota) is full. */
    public static boolean diskFull(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            String m = c.getMessage() == null ? "" : c.getMessage().toLowerCase(Locale.ROOT);
            // ENOSPC and EDQUOT as the JDK words them; SQLite's SQLITE_FULL
            if (m.contains("no space left on device") || m.contains("disk quota exceeded") || m.contains("database or disk is full")
                || m.contains("sqlite_full")) return true;
            if (c.getCause() == c) break;
        }
        return false;
    }

    /** What the user is told when a write fails because the disk is full. */
    public static final String DISK_FULL = "the disk is full (no space left on device): free some space on it, or write to another disk";

    /**
     * Why an I/O operation failed, in words: that the disk is full (anywhere in the cause chain), that access was
     * denied, that a path is a file where a directory is needed, or else the exception's own message. Java's file
     * exceptions often carry nothing but the path; this names the problem.
     */
    public static String reason(Throwable e) {
        if (diskFull(e)) return DISK_FULL;
        if (e instanceof FileSystemException f) {
            String path = f.getFile() == null ? "" : f.getFile() + " ";
            String why = f.getReason() == null || f.getReason().isBlank() ? null : f.getReason().toLowerCase(Locale.ROOT);
            if (f.getOtherFile() != null) {  // a rename or copy
                // onto a directory (EISDIR, ENOTEMPTY): the target is at fault, not the file renamed
                if (e instanceof DirectoryNotEmptyException || "is a directory".equals(why)) return f.getOtherFile() + " is a directory, not a file";
                if (why != null) return f.getFile() + " -> " + f.getOtherFile() + ": " + why;
            }
            if (why != null) return path + why;
            if (e instanceof AccessDeniedException) return path + "permission denied";
            if (e instanceof FileAlreadyExistsException) return path + "already exists";
            if (e instanceof NotDirectoryException) return path + "is not a directory";
            if (e instanceof DirectoryNotEmptyException) return path + "is a directory that is not empty";
            if (e instanceof NoSuchFileException) return path + "does not exist";
        }
        if (e.getMessage() != null && !e.getMessage().isBlank()) return e.getMessage();
        return e.getCause() != null && e.getCause() != e ? reason(e.getCause()) : e.getClass().getSimpleName();
    }

    /**
     * Why {@code dir} cannot be a directory this process writes to, or null when it can: it, or the nearest part of
     * its path that exists, is a file; or that directory is read-only.
     */
    public static String unusableDirectory(Path dir) {
        Path p = dir.toAbsolutePath().normalize();
        while (p != null && !Files.exists(p)) p = p.getParent();
        if (p == null) return null;
        boolean self = p.equals(dir.toAbsolutePath().normalize());
        if (!Files.isDirectory(p)) return self ? "is a file, not a directory" : "cannot be created: " + p + " is a file, not a directory";
        if (!Files.isWritable(p)) return self ? "is read-only (this user cannot write to it)"
            : "cannot be created: " + p + " is read-only (this user cannot write to it)";
        return null;
    }

    /**
     * Creates the output directory {@code dir}, named by option {@code key} in messages. A path that is a file, or a
     * directory that cannot be written, is the user's to fix ({@link OptionException}); any other failure is an
     * {@link UncheckedIOException} that says why.
     */
    public static void createDirectory(Path dir, String key) {
        String problem = unusableDirectory(dir);
        if (problem != null) throw new OptionException(key, "`" + key + "` " + dir + " " + problem
            + (problem.contains("file") ? ": give a directory (it is created when missing), or move the file away"
                : ": give a directory you can write to"));
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("`" + key + "` " + dir + ": cannot create the directory: " + reason(e), e);
        }
    }
}
