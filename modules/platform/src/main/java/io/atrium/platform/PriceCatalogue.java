package io.atrium.platform;

import io.vertx.core.json.JsonObject;

import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/** The price catalogue of config/pricing.json: plans with hourly prices per currency, and meters with unit prices. */
public final class PriceCatalogue {

  private final JsonObject document;
  private final Set<String> currencies;

  public PriceCatalogue(JsonObject document) {
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
  /** The catalogue shipped in config/pricing.json. */
  public static PriceCatalogue load() {
    return new PriceCatalogue(AtriumConfig.resource("pricing.json"));
  }

  public Set<String> currencies() {
    return currencies;
  }

  public boolean hasPlan(Object plan) {
    return document.getJsonArray("plans").stream().anyMatch(p -> ((JsonObject) p).getString("id").equals(plan));
  }

  /** The plan's hourly price in micro-units of the currency, or empty for an unknown plan. */
  public Optional<Long> hourlyPriceMicros(String plan, String currency) {
    return document.getJsonArray("plans").stream()
        .map(JsonObject.class::cast)
        .filter(p -> p.getString("id").equals(plan))
        .findFirst()
        .map(p -> p.getJsonObject("hourlyPrice").getString(currency))
        .map(Money::parse);
  }

  /** The meter's price per unit in micro-units of the currency, or empty for an unknown meter. */
  public Optional<Long> meterPriceMicros(String meter, String currency) {
    return document.getJsonArray("meters").stream()
        .map(JsonObject.class::cast)
        .filter(m -> m.getString("id").equals(meter))
        .findFirst()
        .map(m -> m.getJsonObject("price").getString(currency))
        .map(Money::parse);
  }

  /** The catalogue as {@code GET /pricing} shows it. */
  public JsonObject toJson() {
    return new JsonObject().put("plans", document.getJsonArray("plans").copy()).put("meters", document.getJsonArray("meters").copy());
  }
}
