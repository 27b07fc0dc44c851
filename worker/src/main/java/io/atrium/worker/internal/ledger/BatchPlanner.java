package io.atrium.worker.internal.ledger;

import io.atrium.billing.PaymentProvider;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The ledger's rules as a pure function: from the workspaces' state at the start of a batch and the
 * batch's jobs (in delivery order) to every row the batch writes. No I/O, so it is tested on its own.
 */
public final class BatchPlanner {

  /**
   * What the planner is given besides the jobs. {@code seenSources} holds {@code workspaceId + " " + sourceId}
   * of entries that already exist; {@code charges} the provider's answer for each top-up that was still
   * pending; {@code finalTopUps} the top-ups already succeeded or failed.
   */
  public record Input(Map<UUID, LedgerState> states, Map<UUID, List<Lot>> openLots, Set<String> seenSources,
      Map<UUID, PaymentProvider.Charge> charges, Set<UUID> finalTopUps, Instant now, int partitions) {}

  private BatchPlanner() {}

  public static BatchPlan plan(List<LedgerJob> jobs, Input input) {
    BatchPlan plan = new BatchPlan();
    Map<UUID, WorkspaceBook> books = new LinkedHashMap<>();
    for (LedgerJob job : jobs) {
      UUID workspace = job.workspaceId();
      if (job instanceof LedgerJob.Reevaluate && !books.containsKey(workspace) && !input.states().containsKey(workspace)) {
        continue; // no ledger yet: nothing to evaluate
      }
      WorkspaceBook book = books.computeIfAbsent(workspace, ws -> {
        LedgerState state = input.states().get(ws);
        if (state == null) {
          throw new IllegalStateException("no ledgers row for workspace " + ws);
        }
        return new WorkspaceBook(state, input.openLots().getOrDefault(ws, List.of()), input.seenSources(), plan,
            input.now(), input.partitions());
      });
      book.apply(job, input.charges(), input.finalTopUps());
    }
    books.values().forEach(WorkspaceBook::finish);
    return plan;
  }
}
