package dev.proxima.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code proxima} command. User errors print one line naming the field, the value and what is
 * allowed, and exit with status 2; {@code --json} makes a command print exactly one JSON object on
 * stdout, everything else going to stderr.
 */
@Command(name = "proxima", mixinStandardHelpOptions = true, version = "proxima " + Runs.VERSION,
        description = "Online reinforcement learning from rewards and preferences.",
        subcommands = {TrainCommand.class, EvalCommand.class, SolveCommand.class, SearchCommand.class, BanditCommand.class,
                OpeCommand.class, ServeCommand.class, SimulateCommand.class, LoadCommand.class, BenchCommand.class, ReportCommand.class, PrefsCommand.class,
                QuickstartCommand.class})
public final class Main implements Runnable {
    @Override
    public void run() {
        new CommandLine(this).usage(System.err);
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command line with the given streams; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        CommandLine cli = new CommandLine(new Main());
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        cli.setParameterExceptionHandler((ex, a) -> {
            err.println("proxima: " + oneLine(ex.getMessage()) + " (see proxima " + commandName(ex.getCommandLine())
                    + "--help)");
            return 2;
        });
        cli.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
            if (ex instanceof UsageException) {
                err.println("proxima: " + oneLine(ex.getMessage()));
                return 2;
            }
            throw ex;
        });
        Streams.set(out, err);
        Streams.setArgs(args);
        return cli.execute(args);
    }

    private static String commandName(CommandLine c) {
        return c.getParent() == null ? "" : c.getCommandName() + " ";
    }

    private static String oneLine(String s) {
        return s == null ? "error" : s.replace('\n', ' ').replace('\r', ' ').trim();
    }
}
