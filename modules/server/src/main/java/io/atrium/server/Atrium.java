package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ./atrium}: the one entry point (API.md, "Running it"). */
@Command(name = "atrium", mixinStandardHelpOptions = true,
    description = "Atrium, the account and billing core of a cloud platform.",
    subcommands = {DevCommand.class, ApiCommand.class, WorkerCommand.class, MigrateCommand.class, LedgerCommand.class,
        DeadLettersCommand.class, OutboxCommand.class})
public final class Atrium {

  public static void main(String[] args) {
    CommandLine commandLine = new CommandLine(new Atrium());
    commandLine.setExecutionExceptionHandler((e, command, parsed) -> refused(e));
    int exit;
    try {
      LogFormat.apply(AtriumConfig.load());
      exit = commandLine.execute(args);
    } catch (StartupRefused e) {
      System.err.println("atrium: " + e.getMessage());
      exit = 2;
    }
    if (exit != 0 || isOneShot(commandLine, args)) {
      System.exit(exit);
    }
  }

  /** A {@link StartupRefused} is one line and exit status 2; anything else is a bug and keeps its stack trace. */
  private static int refused(Exception e) throws Exception {
    if (e instanceof StartupRefused) {
      System.err.println("atrium: " + e.getMessage());
      return 2;
    }
    throw e;
  }

  /** Long-running commands return 0 and leave Vert.x's threads to keep the process alive. */
  private static boolean isOneShot(CommandLine commandLine, String[] args) {
    return args.length == 0 || !(args[0].equals("dev") || args[0].equals("api") || args[0].equals("worker"));
  }
}
