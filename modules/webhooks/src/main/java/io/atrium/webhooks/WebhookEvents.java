package io.atrium.webhooks;

import io.atrium.billing.BillingEvents;

import java.util.ArrayList;
import java.util.List;

/** The event types an endpoint can subscribe to: the billing catalog and this context's own test event. */
public final class WebhookEvents {

  /** Sent by {@code POST …/webhooks/{id}/test} to that endpoint alone, subscribed to it or not. */
  public static final String TEST = "webhook.test";

  /** Every subscribable type: {@link BillingEvents#TYPES}, then {@link #TEST}. */
  public static final List<String> TYPES;

  static {
    List<String> types = new ArrayList<>(BillingEvents.TYPES);
    types.add(TEST);
    TYPES = List.copyOf(types);
  }

  private WebhookEvents() {}
}
