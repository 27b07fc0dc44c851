package io.atrium.webhooks;

/**
 * Event-bus addresses the webhooks context serves. Requests carry the caller ({@code userId}, set by the server) and
 * the {@code organizationId} of the path. Access: organization admins and owners; a member is
 * {@code insufficient_access}, anyone else {@code not_found}. An endpoint is
 * {@code {id, url, events, workspaceIds, enabled, createdAt}}; only {@link #CREATE} answers its {@code secret}.
 */
public final class WebhookAddresses {

  /**
   * {@code {userId, organizationId, url, events:[...], workspaceIds?}} → endpoint with {@code secret:"whsec_..."}.
   * {@code url} https on a public host (see {@code PublicAddresses}); {@code events} 1 or more of
   * {@link WebhookEvents#TYPES}; {@code workspaceIds} workspaces of the organization ({@code not_found} otherwise),
   * empty or absent for all of them.
   */
  public static final String CREATE = "webhooks.create";

  /** {@code {userId, organizationId, limit?, cursor?}} → page of endpoints, oldest first. */
  public static final String LIST = "webhooks.list";

  /** {@code {userId, organizationId, webhookId}} → endpoint. */
  public static final String GET = "webhooks.get";

  /** {@code {userId, organizationId, webhookId, url?, events?, workspaceIds?, enabled?}} → endpoint; as {@link #CREATE} checks. */
  public static final String CHANGE = "webhooks.change";

  /** {@code {userId, organizationId, webhookId}} → {}; its deliveries go with it. */
  public static final String DELETE = "webhooks.delete";

  /** {@code {userId, organizationId, webhookId}} → {@code {secret}}; the old secret also signs for 24 hours. */
  public static final String ROTATE_SECRET = "webhooks.rotate-secret";

  /** {@code {userId, organizationId, webhookId}} → {}; a {@code webhook.test} event to that endpoint goes through the outbox. */
  public static final String SEND_TEST = "webhooks.send-test";

  /**
   * {@code {userId, organizationId, webhookId, limit?, cursor?}} → page of {@code {id, eventId, eventType, status, attempts,
   * lastStatusCode, lastAttemptAt, durationMs, nextAttemptAt, createdAt}}, newest first.
   */
  public static final String DELIVERIES = "webhooks.deliveries";

  /** {@code {userId, organizationId, webhookId, deliveryId}} → {}; a fresh chain of attempts, the first one now. */
  public static final String REDELIVER = "webhooks.redeliver";

  private WebhookAddresses() {}
}
