package io.atrium.server;

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
    int exit = commandLine.execute(args);
    if (exit != 0 || isOneShot(commandLine, args)) {
      System.exit(exit);
    }
  }

  /** Long-running commands return 0 and leave Vert.x's threads to keep the process alive. */
  private static boolean isOneShot(CommandLine commandLine, String[] args) {
    return args.length == 0 || !(args[0].equals("dev") || args[0].equals("api") || args[0].equals("worker"));
  }
}
