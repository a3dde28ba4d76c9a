package dln.cli;

import dln.core.data.DatasetFormatException;
import dln.api.LedgerException;
import dln.core.protocol.ProtocolException;
import dln.core.weights.WeightFormatException;
import dln.ipfs.CidMismatchException;
import dln.ipfs.IpfsUnavailableException;
import dln.ipfs.cid.InvalidCidException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import picocli.CommandLine;

/**
 * The clients' exit codes: 0 done, 1 the user's input or situation is wrong (one clear line, no
 * stack trace), 2 the system failed (the trace helps a maintainer).
 */
public final class ExitCodes {

    public static final int OK = 0;
    public static final int USER_ERROR = 1;
    public static final int SYSTEM_ERROR = 2;

    private ExitCodes() {}

    /** Runs a picocli command with dln's error mapping; returns the exit code. */
    public static int run(final Object command, final String... args) {
        final CommandLine cl = new CommandLine(command);
        DlnVersion.install(cl);
        cl.setParameterExceptionHandler((ex, a) -> badOptions(ex));
        cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            final Throwable t = unwrap(ex);
            final PrintWriter err = commandLine.getErr();
            if (isUserError(t)) {
                err.println("error: " + describe(t));
                return USER_ERROR;
            }
            err.println("internal error: " + t);
            t.printStackTrace(err);
            return SYSTEM_ERROR;
        });
        return cl.execute(args);
    }

    /**
     * Parses {@code args} for a picocli command without running it: {@link #OK}, or
     * {@link #USER_ERROR} after the line {@link #run} prints for bad options. What a launcher asks
     * before it starts anything the command would need.
     */
    public static int parses(final Object command, final String... args) {
        final CommandLine cl = new CommandLine(command);
        try {
            cl.parseArgs(args);
            return OK;
        } catch (CommandLine.ParameterException ex) {
            return badOptions(ex);
        }
    }

    private static int badOptions(final CommandLine.ParameterException ex) {
        final PrintWriter err = ex.getCommandLine().getErr();
        err.println("error: " + ex.getMessage());
        err.println("try: " + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help");
        return USER_ERROR;
    }

    /** True for failures the user can fix: bad input, unknown ids, broken rules, a network that is not up. */
    public static boolean isUserError(final Throwable t) {
        return t instanceof IllegalArgumentException
                || t instanceof LedgerException
                || t instanceof ProtocolException
                || t instanceof WeightFormatException
                || t instanceof DatasetFormatException
                || t instanceof CidMismatchException
                || t instanceof InvalidCidException
                || t instanceof IpfsUnavailableException
                || t instanceof NoSuchFileException
                || t instanceof java.nio.charset.CharacterCodingException;
    }

    /** The message, led by the broken rule's name when the exception carries one. */
    static String describe(final Throwable t) {
        final String code = t instanceof LedgerException le ? le.code() : t instanceof ProtocolException pe ? pe.code() : null;
        if (t instanceof java.nio.charset.CharacterCodingException) {
            return "a file given is not UTF-8 text (a binary file, or another encoding?); give a UTF-8 text file";
        }
        final String msg = String.valueOf(t.getMessage());
        return code == null || msg.contains(code) ? msg : code + ": " + msg;
    }

    private static Throwable unwrap(final Throwable t) {
        Throwable x = t;
        while ((x instanceof UncheckedIOException || x instanceof java.util.concurrent.ExecutionException) && x.getCause() != null) {
            x = x.getCause();
        }
        return x;
    }
}
