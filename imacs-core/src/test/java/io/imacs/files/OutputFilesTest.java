package io.imacs.files;

import static org.junit.jupiter.api.Assertions.*;

import io.imacs.comparison.OptionException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.IIOException;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Outputs are written whole or not at all, and failures say why (issue 14, cases 14 and 17). */
class OutputFilesTest {
    @TempDir Path tmp;

    private static String[] names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toArray(String[]::new);
        }
    }

    @Test void aFailedWriteLeavesNoTemporaryFileAndKeepsTheOldFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("result.json"), "old");
        // a write that fails half way, as on a full disk: the temporary file exists, then the write throws
        IOException e = assertThrows(IOException.class, () -> OutputFiles.write(file, t -> {
            Files.writeString(t, "half");
            throw new IIOException("I/O error writing PNG file!", new IOException("No space left on device"));
        }));
        assertArrayEquals(new String[] {"result.json"}, names(tmp), "no result.json.tmp left behind");
        assertEquals("old", Files.readString(file));
        assertTrue(e.getMessage().startsWith("cannot write " + file + ": the disk is full"), e.getMessage());
        // an unchecked failure cleans up as well
        assertThrows(IllegalStateException.class, () -> OutputFiles.write(file, t -> {
            Files.writeString(t, "half");
            throw new IllegalStateException("bug");
        }));
        assertArrayEquals(new String[] {"result.json"}, names(tmp));
    }

    @Test void aWriteThatCannotRenameLeavesNoTemporaryFile() throws Exception {
        Path target = Files.createDirectories(tmp.resolve("a-directory")); // a non-empty directory: no file replaces it
        Files.writeString(target.resolve("inside"), "x");
        IOException e = assertThrows(IOException.class, () -> OutputFiles.write(target, t -> Files.writeString(t, "new")));
        assertArrayEquals(new String[] {"a-directory"}, names(tmp));
        assertEquals("cannot write " + target + ": " + target + " is a directory, not a file", e.getMessage());
    }

    @Test void aSuccessfulWriteReplacesTheFile() throws Exception {
        Path file = Files.writeString(tmp.resolve("segments.csv"), "old");
        OutputFiles.write(file, t -> Files.writeString(t, "new"));
        assertEquals("new", Files.readString(file));
        assertArrayEquals(new String[] {"segments.csv"}, names(tmp));
    }

    @Test void aFullDiskIsNamedWhereverItIsInTheCauseChain() {
        IOException enospc = new FileSystemException("/out/tiles/A-00001-003.png.tmp", null, "No space left on device");
        assertTrue(OutputFiles.diskFull(new IIOException("I/O error writing PNG file!", enospc)));
        assertTrue(OutputFiles.diskFull(new UncheckedIOException("cannot write", new IOException("Disk quota exceeded"))));
        assertTrue(OutputFiles.diskFull(new java.sql.SQLException("[SQLITE_FULL] Insertion failed because database is full (database or disk is full)")));
        assertFalse(OutputFiles.diskFull(new IOException("Permission denied")));
        assertFalse(OutputFiles.diskFull(new IOException((String) null)));
        assertEquals(OutputFiles.DISK_FULL, OutputFiles.reason(new IIOException("I/O error writing PNG file!", enospc)));
        assertTrue(OutputFiles.DISK_FULL.contains("free some space"), "says what to do");
    }

    @Test void reasonsNameTheProblemNotJustThePath() {
        assertEquals("/x permission denied", OutputFiles.reason(new AccessDeniedException("/x")));
        assertEquals("/x read-only file system", OutputFiles.reason(new FileSystemException("/x", null, "Read-only file system")));
        assertEquals("/x already exists", OutputFiles.reason(new java.nio.file.FileAlreadyExistsException("/x")));
    }

    @Test void anOutputDirectoryThatIsAFileIsRefusedWithWhatToDo() throws Exception {
        Path file = Files.writeString(tmp.resolve("out"), "x");
        OptionException e = assertThrows(OptionException.class, () -> OutputFiles.createDirectory(file, "outputDir"));
        assertEquals("outputDir", e.key());
        assertEquals("`outputDir` " + file + " is a file, not a directory: give a directory (it is created when missing), or move the file away",
            e.getMessage());
        OptionException below = assertThrows(OptionException.class, () -> OutputFiles.createDirectory(file.resolve("run"), "outputDir"));
        assertTrue(below.getMessage().contains(file + " is a file, not a directory"), below.getMessage());
        OutputFiles.createDirectory(tmp.resolve("new/run"), "outputDir");
        assertTrue(Files.isDirectory(tmp.resolve("new/run")));
    }

    @Test void aReadOnlyDirectoryIsNamed() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("ro"));
        assertNull(OutputFiles.unusableDirectory(dir));
        assertTrue(dir.toFile().setWritable(false, false));
        try {
            Assumptions.assumeFalse(Files.isWritable(dir), "running as root: permissions do not apply");
            assertEquals("is read-only (this user cannot write to it)", OutputFiles.unusableDirectory(dir));
            assertTrue(OutputFiles.unusableDirectory(dir.resolve("run")).contains(dir + " is read-only"));
        } finally {
            dir.toFile().setWritable(true, false);
        }
    }
}
