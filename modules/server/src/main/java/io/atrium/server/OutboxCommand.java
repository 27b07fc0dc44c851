package io.atrium.server;

import io.atrium.platform.Outbox;
import io.vertx.sqlclient.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;

@Command(name = "outbox", description = "Outbox messages parked after failing too often: listing and replaying them.",
    subcommands = {OutboxCommand.ListParked.class, OutboxCommand.Replay.class})
final class OutboxCommand {

  @Command(name = "list", description = "Shows every parked outbox message: id, type, destination, failures, why (never the payload).")
  static final class ListParked implements Callable<Integer> {

    @Option(names = "--limit", defaultValue = "1000", description = "most to show (default ${DEFAULT-VALUE})")
    int limit;

    @Override
    public Integer call() {
      return ReplaySelection.withPool(pool -> {
        List<Row> parked = Outbox.parked(pool, limit).await();
        for (Row r : parked) {
          System.out.printf("%s  %s  %s/%s  failures=%d  created %s  parked %s%n    why: %s%n", r.getUUID("id"), r.getString("message_type"),
              r.getString("exchange"), r.getString("routing_key"), r.getInteger("attempts"), r.getOffsetDateTime("created_at"),
              r.getOffsetDateTime("parked_at"), r.getString("last_error"));
        }
        System.out.printf("%d parked message(s)%s%n", parked.size(), parked.isEmpty() ? "" : "; replay with ./atrium outbox replay --all | ID...");
        return 0;
      });
    }
  }

  @Command(name = "replay", description = "Puts parked messages back in the outbox; consumers drop what they already applied.")
  static final class Replay implements Callable<Integer> {

    @Mixin
    ReplaySelection selection;

    @Override
    public Integer call() {
      if (!selection.valid()) {
        return 2;
      }
      List<UUID> wanted;
      try {
        wanted = selection.ids.stream().map(UUID::fromString).toList();
      } catch (IllegalArgumentException e) {
        System.err.println("an id is not a UUID: " + e.getMessage());
        return 2;
      }
      return ReplaySelection.withPool(pool -> {
        List<UUID> replayed = Outbox.replayParked(pool, selection.all, wanted).await();
        replayed.forEach(id -> System.out.println("replayed " + id));
        List<UUID> unknown = wanted.stream().filter(id -> !replayed.contains(id)).toList();
        unknown.forEach(id -> System.err.println("no parked message " + id));
        System.out.printf("%d replayed%n", replayed.size());
        return unknown.isEmpty() ? 0 : 1;
      });
    }
  }
}
