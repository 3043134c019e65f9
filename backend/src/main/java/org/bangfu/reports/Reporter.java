package org.bangfu.reports;

import io.vertx.core.json.JsonObject;

/** Who reported (when not anonymous): stored sealed, opened for auditors only. */
public record Reporter(String name, String contact, String account) {

  static final String FIELD = "report.reporter";

  String toSealable() {
    return new JsonObject()
        .put("name", name)
        .put("contact", contact)
        .put("account", account)
        .encode();
  }

  static Reporter fromSealable(String clear) {
    JsonObject o = new JsonObject(clear);
    return new Reporter(o.getString("name"), o.getString("contact"), o.getString("account"));
  }

  public JsonObject toJson() {
    return new JsonObject().put("name", name).put("contact", contact).put("account", account);
  }
}
