package io.atrium.billing;

import io.atrium.platform.OutboxMessage;
import io.atrium.platform.Topology;
import io.vertx.core.json.JsonObject;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * The billing events an organization's webhooks can receive. Whoever causes one (mostly the worker's ledger) writes
 * {@link #message} to the outbox in the transaction that makes it true; the webhooks context consumes them from the
 * {@code events} exchange (routing keys {@code webhook-event.<type>}, kept apart from the {@code billing.#} notifications
 * the API obeys) and fans each out to the subscribed endpoints.
 * <p>
 * Payload: {@code {id, type, timestamp, organizationId, data}}. {@code id} is the event's id and becomes the
 * deliveries' {@code webhook-id}; {@code data} is the webhook body's {@code data}. A workspace event's data carries
 * {@code workspaceId}, and a ledger event's also {@code ledgerSeq} and {@code entryHash} (lowercase hex) of the
 * ledger's head when it happened. {@link #INVOICE_ISSUED} is an organization event, one per invoice, with
 * {@code workspaceIds} and no ledger head (docs/api-guide.md says so).
 */
public final class BillingEvents {

  public static final String BALANCE_LOW = "workspace.balance_low";
  public static final String BALANCE_DEPLETED = "workspace.balance_depleted";
  public static final String SUSPENDED = "workspace.suspended";
  public static final String RESUMED = "workspace.resumed";
  public static final String TOP_UP_SUCCEEDED = "top_up.succeeded";
  public static final String TOP_UP_FAILED = "top_up.failed";
  public static final String CREDIT_GRANT_EXPIRING = "credit_grant.expiring";
  public static final String INVOICE_ISSUED = "invoice.issued";
  public static final String SPEND_THRESHOLD_REACHED = "spend.threshold_reached";
  public static final String BUDGET_EXCEEDED = "budget.exceeded";
  public static final String RUNWAY_LOW = "runway.low";

  /** Every type above, in the catalog's order; {@code webhook.test} belongs to the webhooks context. */
  public static final List<String> TYPES = List.of(BALANCE_LOW, BALANCE_DEPLETED, SUSPENDED, RESUMED, TOP_UP_SUCCEEDED,
      TOP_UP_FAILED, CREDIT_GRANT_EXPIRING, INVOICE_ISSUED, SPEND_THRESHOLD_REACHED, BUDGET_EXCEEDED, RUNWAY_LOW);

  /** Routing keys are this prefix and the type; bind {@code webhook-event.#} to receive them all. */
  public static final String ROUTING_PREFIX = "webhook-event.";

  private BillingEvents() {}

  /** The outbox message for one event; {@code data} must already hold what the type promises (see the class comment). */
  public static OutboxMessage message(UUID eventId, String type, Instant timestamp, UUID organizationId, JsonObject data) {
    Objects.requireNonNull(organizationId, "organizationId");
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException("not a billing event type: " + type);
    }
    JsonObject payload = new JsonObject().put("id", eventId.toString()).put("type", type)
        .put("timestamp", timestamp.toString()).put("organizationId", organizationId.toString()).put("data", data);
    return new OutboxMessage(eventId, Topology.EVENTS_EXCHANGE, ROUTING_PREFIX + type, type, payload);
  }

  /** A ledger event's data: the workspace and the ledger head it happened at. */
  public static JsonObject ledgerData(UUID workspaceId, long ledgerSeq, byte[] entryHash) {
    return new JsonObject().put("workspaceId", workspaceId.toString()).put("ledgerSeq", ledgerSeq)
        .put("entryHash", HexFormat.of().formatHex(entryHash));
  }
}
