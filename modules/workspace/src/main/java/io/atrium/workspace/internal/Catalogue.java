package io.atrium.workspace.internal;

import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The price catalogue of config/pricing.json: plans with hourly prices per currency, and meters. */
final class Catalogue {

  private final JsonObject document;
  private final Set<String> currencies;

  Catalogue(JsonObject document) {
    this.document = document.copy();
    Set<String> common = null;
    for (Object plan : document.getJsonArray("plans")) {
      Set<String> priced = ((JsonObject) plan).getJsonObject("hourlyPrice").fieldNames();
      if (common == null) {
        common = new HashSet<>(priced);
      } else {
        common.retainAll(priced);
      }
    }
    this.currencies = common == null ? Set.of() : Set.copyOf(common);
  }

  /** The currencies every plan is priced in: the ones a workspace may be created with. */
  Set<String> currencies() {
    return currencies;
  }

  boolean hasPlan(Object plan) {
    return document.getJsonArray("plans").stream().anyMatch(p -> ((JsonObject) p).getString("id").equals(plan));
  }

  /** The plan's hourly price in micro-units of the currency, or empty for an unknown plan. */
  Optional<Long> hourlyPriceMicros(String plan, String currency) {
    return document.getJsonArray("plans").stream()
        .map(JsonObject.class::cast)
        .filter(p -> p.getString("id").equals(plan))
        .findFirst()
        .map(p -> p.getJsonObject("hourlyPrice").getString(currency))
        .map(Money::micros);
  }

  /** The catalogue as {@code GET /pricing} shows it. */
  JsonObject toJson() {
    return new JsonObject().put("plans", document.getJsonArray("plans").copy()).put("meters", document.getJsonArray("meters").copy());
  }
}
