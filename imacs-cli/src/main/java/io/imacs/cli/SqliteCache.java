package io.imacs.cli;

import io.imacs.cache.CacheKey;
import io.imacs.cache.ResultCache;
import io.imacs.files.OutputFiles;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result cache in an embedded SQLite database ({@value #FILE} in the output or --cache directory).
 * WAL mode, and each {@link #putAll} is one transaction: a process killed mid-write loses at most that
 * transaction, never leaves half of it. Several runs may share one database (SQLite locks it).
 */
final class SqliteCache implements ResultCache {
    static final String FILE = "imacs-cache.sqlite";
    /** Well under SQLite's limit on a statement's parameters (32,766 since 3.32; 999 before). */
    static final int KEYS_PER_QUERY = 500;

    private final Path file;
    private final Connection db;
    private final PreparedStatement select, insert;
    /** Hits and misses per kind, for the run summary. */
    private final Map<String, int[]> lookups = new TreeMap<>();

    private SqliteCache(Path file, Connection db) throws SQLException {
        this.file = file;
        this.db = db;
        try (Statement s = db.createStatement()) {
            s.execute("PRAGMA journal_mode=WAL");
            s.execute("PRAGMA synchronous=NORMAL"); // WAL + NORMAL: a killed process loses no committed transaction
            s.execute("PRAGMA busy_timeout=30000");  // another run writing the shared cache: wait, do not fail
            s.execute("CREATE TABLE IF NOT EXISTS entries (kind TEXT NOT NULL, key TEXT NOT NULL, value BLOB NOT NULL, "
                + "PRIMARY KEY (kind, key)) WITHOUT ROWID");
        }
        select = db.prepareStatement("SELECT value FROM entries WHERE kind = ? AND key = ?");
        insert = db.prepareStatement("INSERT OR REPLACE INTO entries (kind, key, value) VALUES (?, ?, ?)");
    }

    /**
     * Opens (creating) the cache database in {@code dir}; {@code option} names the option for error messages. A
     * directory that is a file or read-only is refused before SQLite tries it (SQLite would only say CANTOPEN).
     */
    static SqliteCache open(Path dir, String option) {
        Path file = dir.resolve(FILE);
        String problem = OutputFiles.unusableDirectory(dir);
        if (problem != null)
            throw new IllegalArgumentException(option + " " + dir + " " + problem + ": the result cache writes " + FILE
                + " (and SQLite's -wal and -shm files beside it) there; give " + option + " a directory you can write to, or use --no-cache");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new IllegalArgumentException(option + " " + dir + ": cannot create the cache directory: " + OutputFiles.reason(e)
                + "; give " + option + " another directory, or use --no-cache");
        }
        if (Files.exists(file) && !Files.isWritable(file))
            throw new IllegalArgumentException(option + " " + dir + ": the cache database " + file + " is read-only: make it writable, give "
                + option + " another directory, or use --no-cache");
        SqliteNativeLibrary.useCopy();
        try {
            return new SqliteCache(file, DriverManager.getConnection("jdbc:sqlite:" + file.toAbsolutePath()));
        } catch (SQLException e) {
            throw new IllegalArgumentException(option + " " + dir + ": cannot open the cache database " + file + ": " + e.getMessage()
                + " (delete the file to start a fresh cache, or use --no-cache)");
        }
    }

    Path file() { return file; }

    @Override public synchronized byte[] get(CacheKey key) {
        try {
            select.setString(1, key.kind());
            select.setString(2, key.hash());
            try (ResultSet r = select.executeQuery()) {
                byte[] v = r.next() ? r.getBytes(1) : null;
                lookups.computeIfAbsent(key.kind(), k -> new int[2])[v == null ? 1 : 0]++;
                return v;
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
    }

    /** One query per kind and up to {@value #KEYS_PER_QUERY} keys, instead of one per key. */
    @Override public synchronized Map<CacheKey, byte[]> getAll(Collection<CacheKey> keys) {
        Map<String, List<String>> byKind = new LinkedHashMap<>();
        for (CacheKey k : new LinkedHashSet<>(keys)) byKind.computeIfAbsent(k.kind(), x -> new ArrayList<>()).add(k.hash());
        Map<CacheKey, byte[]> out = new HashMap<>();
        try {
            for (Map.Entry<String, List<String>> kind : byKind.entrySet()) {
                List<String> hashes = kind.getValue();
                for (int from = 0; from < hashes.size(); from += KEYS_PER_QUERY) {
                    List<String> part = hashes.subList(from, Math.min(hashes.size(), from + KEYS_PER_QUERY));
                    String marks = String.join(",", Collections.nCopies(part.size(), "?"));
                    try (PreparedStatement q = db.prepareStatement("SELECT key, value FROM entries WHERE kind = ? AND key IN (" + marks + ")")) {
                        q.setString(1, kind.getKey());
                        for (int i = 0; i < part.size(); i++) q.setString(i + 2, part.get(i));
                        try (ResultSet r = q.executeQuery()) {
                            while (r.next()) out.put(new CacheKey(kind.getKey(), r.getString(1)), r.getBytes(2));
                        }
                    }
                }
                int[] counts = lookups.computeIfAbsent(kind.getKey(), k -> new int[2]);
                int hits = (int) hashes.stream().filter(h -> out.containsKey(new CacheKey(kind.getKey(), h))).count();
                counts[0] += hits;
                counts[1] += hashes.size() - hits;
            }
        } catch (SQLException e) {
            throw failure("read", e);
        }
        return out;
    }

    /**
     * Stores the entries in one transaction. The first failure is the one reported: SQLite rolls a transaction back
     * by itself on a full disk, and the rollback and the return to auto-commit that follow then fail too ("no
     * transaction is active"), which must not hide the reason.
     */
    @Override public synchronized void putAll(Map<CacheKey, byte[]> entries) {
        if (entries.isEmpty()) return;
        SQLException failed = null;
        try {
            db.setAutoCommit(false);
            for (Map.Entry<CacheKey, byte[]> e : entries.entrySet()) {
                insert.setString(1, e.getKey().kind());
                insert.setString(2, e.getKey().hash());
                insert.setBytes(3, e.getValue());
                insert.addBatch();
            }
            insert.executeBatch();
            db.commit();
        } catch (SQLException e) {
            failed = e;
            try {
                insert.clearBatch();
                db.rollback();
            } catch (SQLException again) {
                e.addSuppressed(again);
            }
        } finally {
            try {
                db.setAutoCommit(true);
            } catch (SQLException e) {
                if (failed == null) failed = e;
                else failed.addSuppressed(e);
            }
        }
        if (failed != null) throw failure("write", failed);
    }

    /** The connection, for tests that set SQLite's limits. */
    Connection connection() { return db; }

    /** As {@link #lookups()}, and counting starts again from zero: a worker's part reports only its own. */
    synchronized Map<String, int[]> takeLookups() {
        Map<String, int[]> taken = lookups();
        lookups.clear();
        return taken;
    }

    /** Per kind: [hits, misses] of this process's lookups. */
    synchronized Map<String, int[]> lookups() {
        Map<String, int[]> copy = new TreeMap<>();
        lookups.forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    private UncheckedIOException failure(String what, SQLException e) {
        if (OutputFiles.diskFull(e))
            return new UncheckedIOException("cannot " + what + " the cache database " + file + ": " + OutputFiles.DISK_FULL
                + "; or use --no-cache", new IOException(e));
        return new UncheckedIOException("cannot " + what + " the cache database " + file + ": " + e.getMessage()
            + " (delete it to start a fresh cache, or use --no-cache)", new IOException(e));
    }

    @Override public synchronized void close() {
        try {
            select.close();
            insert.close();
            db.close();
        } catch (SQLException e) {
            throw failure("close", e);
        }
    }
}
