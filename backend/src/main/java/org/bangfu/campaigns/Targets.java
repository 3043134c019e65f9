package org.bangfu.campaigns;

import io.vertx.core.json.JsonObject;
import org.bangfu.http.Body;

/**
 * What a campaign sets out to reach: villages paired, yuan confirmed, donors enrolled. Each is null
 * when the campaign sets none (its figure then stands alone).
 */
public record Targets(Integer villages, Long yuan, Integer donors) {

  public static final Targets NONE = new Targets(null, null, null);

  /** The largest target of each kind the API takes. */
  static final int MAX_VILLAGES = 1_000_000;

  static final long MAX_YUAN = 1_000_000_000_000L;
  static final int MAX_DONORS = 1_000_000;

  /** Reads {@code {villages, yuan, donors}}: each a positive whole number, or null for none. */
  public static Targets read(Body b) {
    b.only(java.util.List.of("villages", "yuan", "donors"));
    return new Targets(
        b.optionalInt("villages", 1, MAX_VILLAGES).orElse(null),
        b.optionalLong("yuan", 1, MAX_YUAN).orElse(null),
        b.optionalInt("donors", 1, MAX_DONORS).orElse(null));
  }

  public JsonObject toJson() {
    return new JsonObject().put("villages", villages).put("yuan", yuan).put("donors", donors);
  }
}
