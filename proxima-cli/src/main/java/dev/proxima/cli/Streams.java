package dev.proxima.cli;

import java.io.PrintStream;

/** The streams the current invocation writes to (tests run commands in-process). */
final class Streams {
    private static PrintStream out = System.out;
    private static PrintStream err = System.err;
    private static java.util.List<String> args = java.util.List.of();

    private Streams() {}

    static synchronized void set(PrintStream o, PrintStream e) {
        out = o;
        err = e;
    }

    /** The command line of this invocation, recorded in run manifests. */
    static synchronized void setArgs(String[] a) {
        args = java.util.List.of(a);
    }

    static synchronized java.util.List<String> commandLine() {
        java.util.List<String> c = new java.util.ArrayList<>();
        c.add("proxima");
        c.addAll(args);
        return c;
    }

    static synchronized PrintStream out() {
        return out;
    }

    static synchronized PrintStream err() {
        return err;
    }
}
