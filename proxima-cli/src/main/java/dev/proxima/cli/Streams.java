package dev.proxima.cli;

import java.io.PrintStream;

/** The streams the current invocation writes to (tests run commands in-process). */
final class Streams {
    private static PrintStream out = System.out;
    private static PrintStream err = System.err;

    private Streams() {}

    static synchronized void set(PrintStream o, PrintStream e) {
        out = o;
        err = e;
    }

    static synchronized PrintStream out() {
        return out;
    }

    static synchronized PrintStream err() {
        return err;
    }
}
