package io.atrium.server;

import io.atrium.platform.AtriumConfig;
import io.atrium.platform.DeadLetters;
import io.atrium.platform.Topology;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.concurrent.Callable;

@Command(name = "dead-letters", description = "Billing jobs no worker could apply: what and why, and replaying them.",
    subcommands = {DeadLettersCommand.ListLetters.class, DeadLettersCommand.Replay.class})
final class DeadLettersCommand {

  @Command(name = "list", description = "Shows every dead letter: id, type, failures, when, why (never the payload: it may carry a card reference).")
  static final class ListLetters implements Callable<Integer> {

    @Option(names = "--limit", defaultValue = "1000", description = "most to show (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
      return ReplaySelection.withPool(pool -> {
        List<DeadLetters.DeadLetter> letters = DeadLetters.list(pool, limit).await();
        for (DeadLetters.DeadLetter l : letters) {
          System.out.printf("%s  %s  %s/%s  failures=%d  dead at %s%n    why: %s%n", l.id(), l.type(), l.exchange(),
              l.routingKey(), l.failures(), l.deadAt(), l.reason());
        }
        System.out.printf("%d dead letter(s)%s%n", letters.size(), letters.isEmpty() ? "" : "; replay with ./atrium dead-letters replay --all | ID...");
        return 0;
      });
    }
  }

  @Command(name = "replay", description = "Queues dead letters again under their own ids; a job already applied changes nothing.")
  static final class Replay implements Callable<Integer> {

    @Mixin
    ReplaySelection selection;

    @Override
    public Integer call() {
      if (!selection.valid()) {
        return 2;
      }
      List<String> ids = selection.ids;
      return ReplaySelection.withPool(pool -> {
        DeadLetters.Replay replay = DeadLetters.replay(pool, new Topology(AtriumConfig.load()), selection.all, ids).await();
        List<DeadLetters.DeadLetter> replayed = replay.replayed();
        replayed.forEach(l -> System.out.println("replayed " + l.id() + " (" + l.type() + ")"));
        replay.refused().forEach((id, why) -> System.err.println("not replayed " + id + ": " + why));
        List<String> unknown = ids.stream().filter(id -> replayed.stream().noneMatch(l -> l.id().equals(id)))
            .filter(id -> !replay.refused().containsKey(id)).toList();
        unknown.forEach(id -> System.err.println("no dead letter " + id));
        System.out.printf("%d replayed%s%n", replayed.size(), replay.refused().isEmpty() ? "" : ", " + replay.refused().size() + " refused");
        return unknown.isEmpty() && replay.refused().isEmpty() ? 0 : 1;
      });
    }
  }
}
