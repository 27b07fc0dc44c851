package io.atrium.billing.internal;

import io.atrium.platform.Money;
import io.atrium.platform.Rejection;
import io.atrium.platform.Times;
import io.atrium.workspace.AccessLevel;
import io.atrium.platform.UnitOfWork;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * {@code GET/PUT /workspaces/{id}/billing/alerts}, both for the level that manages billing. A PUT replaces every threshold and
 * the runway warning (absent or null: none), with the worker's {@code REEVALUATE} job, in one transaction. At most
 * {@link #MAX_THRESHOLDS}, none twice.
 */
final class ManageAlerts {

  static final int MAX_THRESHOLDS = 10;
  static final int MAX_RUNWAY_DAYS = 365;

  private static final Set<String> KINDS = Set.of(AlertSettings.SPEND_MONTH, AlertSettings.BALANCE_BELOW);
  private static final Comparator<AlertSettings.Threshold> ORDER =
      Comparator.comparing(AlertSettings.Threshold::kind).thenComparingLong(AlertSettings.Threshold::amount);

  private final UnitOfWork<BillingTables> storage;
  private final BillingCollaborators collaborators;
  private final BillingGuard guard;

  ManageAlerts(UnitOfWork<BillingTables> storage, BillingCollaborators collaborators) {
    this.storage = storage;
    this.collaborators = collaborators;
    this.guard = new BillingGuard(storage, collaborators);
  }

  Future<JsonObject> read(JsonObject request) {
    Input input = new Input(request);
    UUID workspaceId = input.id("workspaceId");
    return input.validated().compose(valid -> guard.require(input.caller(), workspaceId, AccessLevel.BILLING))
        .compose(account -> storage.read().alerts().of(workspaceId))
        .map(AlertSettings::toJson);
  }

  Future<JsonObject> replace(JsonObject request) {
    Input input = new Input(request);
    UUID userId = input.caller();
    UUID workspaceId = input.id("workspaceId");
    List<AlertSettings.Threshold> thresholds = thresholds(input, request.getValue("thresholds"));
    Integer runwayDays = runwayDays(input, request.getValue("runwayDays"));
    return input.validated()
        .compose(valid -> guard.require(userId, workspaceId, AccessLevel.BILLING))
        .compose(checked -> storage.transaction((tables, outgoing) -> tables.accounts().lock(workspaceId)
            .compose(found -> found.isEmpty() ? Future.failedFuture(Rejection.notFound("workspace").failure())
                : tables.alerts().replace(workspaceId, new AlertSettings(thresholds, runwayDays), Times.now(collaborators.clock()))
                    .compose(stored -> ChangeBillingSettings.reevaluate(outgoing, collaborators, found.get()).map(stored)))))
        .map(AlertSettings::toJson);
  }

  private static List<AlertSettings.Threshold> thresholds(Input input, Object value) {
    if (!(value instanceof JsonArray list)) {
      return input.error("thresholds", value == null ? "is required: a list, empty for none" : "must be a list");
    }
    if (list.size() > MAX_THRESHOLDS) {
      return input.error("thresholds", "must have at most " + MAX_THRESHOLDS + " entries");
    }
    List<AlertSettings.Threshold> thresholds = new ArrayList<>();
    Map<AlertSettings.Threshold, Integer> seen = new HashMap<>();
    for (int i = 0; i < list.size(); i++) {
      String name = "thresholds[" + i + "]";
      if (!(list.getValue(i) instanceof JsonObject entry)) {
        input.error(name, "must be {kind, amount}");
        continue;
      }
      Object kind = entry.getValue("kind");
      boolean known = kind instanceof String text && KINDS.contains(text); // Set.of refuses null
      if (!known) {
        input.error(name + ".kind", "must be spend_month or balance_below");
      }
      Long amount = input.money(entry.getValue("amount"), name + ".amount", TopUpLimits.MIN_SPEND_LIMIT, TopUpLimits.MAX_BALANCE);
      if (known && amount != null) {
        AlertSettings.Threshold threshold = new AlertSettings.Threshold((String) kind, amount);
        Integer first = seen.putIfAbsent(threshold, i);
        if (first != null) {
          input.error(name, "repeats thresholds[" + first + "] (" + kind + " " + Money.format(amount) + ")");
        }
        thresholds.add(threshold);
      }
    }
    thresholds.sort(ORDER);
    return thresholds;
  }

  private static Integer runwayDays(Input input, Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Integer || value instanceof Long) {
      long days = ((Number) value).longValue();
      if (days >= 1 && days <= MAX_RUNWAY_DAYS) {
        return (int) days;
      }
    }
    return input.error("runwayDays", "must be a whole number of days from 1 to " + MAX_RUNWAY_DAYS + ", or null for no runway warning");
  }
}
