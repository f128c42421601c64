package io.imacs.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run at a time in an output directory: {@value #FILE} in it, locked by the operating system while a run writes
 * there, holding the run's process id. A second run on the same {@code --out} stops at once and names the first;
 * a run that was killed holds no lock (the system drops it with the process), so its leftover file never blocks
 * the next run. The file stays between runs: deleting it would let a run lock a file that no longer has a name.
 */
final class OutputLock implements AutoCloseable {
    static final String FILE = ".imacs.lock";

    /**
     * The lock files this process holds. A second run in this JVM is refused here, before it opens the file: on
     * Linux, closing any descriptor of a file drops all of the process's locks on it, so it must not open one.
     */
    private static final Set<Path> HELD = ConcurrentHashMap.newKeySet();

    private final Path key;
    private final FileChannel channel;
    private final FileLock lock;

    private OutputLock(Path key, FileChannel channel, FileLock lock) {
        this.key = key;
        this.channel = channel;
        this.lock = lock;
    }

    /** Locks {@code dir} (which exists) for this process, or says which run holds it. */
    static OutputLock acquire(Path dir) {
        Path file = dir.resolve(FILE);
        Path key;
        try {
            key = file.toAbsolutePath().getParent().toRealPath().resolve(FILE);
        } catch (IOException e) {
            throw new UncheckedIOException("--out " + dir + ": " + io.imacs.files.OutputFiles.reason(e), e);
        }
        if (!HELD.add(key)) throw busy(dir, Long.toString(ProcessHandle.current().pid()));
        FileChannel channel;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (IOException e) {
            HELD.remove(key);
            throw new UncheckedIOException("--out " + dir + ": cannot create the lock file " + file + ": " + io.imacs.files.OutputFiles.reason(e), e);
        }
        try {
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException e) {
                lock = null; // not by this class (HELD), but held in this JVM all the same
            }
            if (lock == null) {
                String pid = holder(channel);
                HELD.remove(key);
                channel.close();
                throw busy(dir, pid);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes(StandardCharsets.US_ASCII)), 0);
            channel.force(false);
            return new OutputLock(key, channel, lock);
        } catch (IOException e) {
            HELD.remove(key);
            try {
                channel.close();
            } catch (IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw new UncheckedIOException("--out " + dir + ": cannot lock " + file + ": " + io.imacs.files.OutputFiles.reason(e), e);
        }
    }

    private static IllegalArgumentException busy(Path dir, String pid) {
        return new IllegalArgumentException("another imacs run is writing " + dir + " (pid " + pid + "): wait for it to finish, "
            + "or give this run another --out");
    }

    /** The process id the lock file holds, or "unknown" while the holder has not written it yet. */
    private static String holder(FileChannel channel) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(32);
        channel.read(b, 0);
        String pid = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
        return pid.matches("\\d+") ? pid : "unknown";
    }

    @Override public void close() {
        try {
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot release the lock " + FILE + ": " + e.getMessage(), e);
        } finally {
            HELD.remove(key);
        }
    }
}
