package io.imacs.cli;

import io.imacs.data.DataException;
import io.imacs.files.OutputFiles;
import io.imacs.image.ImageFiles;
import io.imacs.model.ModelException;
import io.imacs.pipeline.ImacsException;
import java.io.UncheckedIOException;
import picocli.CommandLine;

/**
 * Turns exceptions into one actionable line and an exit code, never a stack trace (set IMACS_DEBUG=1 for one).
 * Exit codes: 2 = bad input or option (the user can fix it), 3 = I/O problem, 1 = a bug in IMACS.
 */
final class ErrorHandler implements CommandLine.IExecutionExceptionHandler {
    static final int USER_ERROR = 2, IO_ERROR = 3, INTERNAL = 1;

    @Override public int handleExecutionException(Exception ex, CommandLine cmd, CommandLine.ParseResult parse) {
        if (System.getenv("IMACS_DEBUG") != null) ex.printStackTrace(cmd.getErr());
        for (Throwable c = ex; c != null; c = c.getCause())
            if (c instanceof OutOfMemoryError) {  // wrapped by a worker thread's future
                cmd.getErr().println(outOfMemory(Runtime.getRuntime().maxMemory()));
                return USER_ERROR;
            }
        // a user error may arrive wrapped (a parallel stage, an I/O wrapper): report the first one in the cause chain
        Throwable t = ex;
        for (Throwable c = ex; c != null; c = c.getCause()) if (isUser(c)) { t = c; break; }
        // core names options by key (`clusters`); the user typed flags (--clusters)
        String msg = t.getMessage() == null ? t.getClass().getSimpleName() : OptionFlags.render(t.getMessage());
        if (isUser(t)) {
            cmd.getErr().println("imacs: error: " + msg);
            return USER_ERROR;
        }
        if (t instanceof UncheckedIOException || t instanceof java.io.IOException || OutputFiles.diskFull(t)) {
            cmd.getErr().println("imacs: I/O error: " + ioMessage(t, msg));
            return IO_ERROR;
        }
        cmd.getErr().println("imacs: internal error: " + t.getClass().getSimpleName() + ": " + msg
            + " (please report it; run with IMACS_DEBUG=1 for the stack trace)");
        return INTERNAL;
    }

    /**
     * An I/O failure in words: Java's file exceptions often say nothing but the path ({@code NoSuchFileException: x}),
     * and a full disk hides in the cause chain ("I/O error writing PNG file!" caused by "No space left on device").
     */
    static String ioMessage(Throwable t, String msg) {
        if (t instanceof java.nio.file.FileSystemException) msg = OutputFiles.reason(t);
        if (OutputFiles.diskFull(t) && !msg.contains(OutputFiles.DISK_FULL)) msg = msg + ": " + OutputFiles.DISK_FULL;
        return msg;
    }

    /** The line for a run that outgrew the Java heap: the user can give it more. */
    static String outOfMemory(long maxHeapBytes) {
        return "imacs: error: out of memory: the Java heap (at most " + maxHeapBytes / (1 << 20) + " MB) is too small for this run; "
            + "give it more, e.g. IMACS_JAVA_OPTS=-Xmx8g for ./imacs (its default is -Xmx6g), or java -Xmx8g -jar imacs-cli.jar";
    }

    static boolean isUser(Throwable t) {
        return t instanceof ModelException || t instanceof DataException || t instanceof ImacsException
            || t instanceof ImageFiles.ImageReadException || t instanceof IllegalArgumentException;
    }
}
