package org.bangfu.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Checks a JSON answer against a schema of the OpenAPI 3.0 document, as far as the web app relies
 * on it: types, enums, required fields present, null only where the schema says nullable, and no
 * field the schema does not name (the client is generated from the document, so a field missing
 * there is a field the client does not know). {@code items: {}} and {@code type: object} without
 * properties stand for "anything".
 */
final class OpenApiSchemaCheck {

  private final JsonNode document;

  OpenApiSchemaCheck(JsonNode document) {
    this.document = document;
  }

  /** Every place where {@code value} departs from {@code schema}; empty when it conforms. */
  List<String> problems(JsonNode value, JsonNode schema, String at) {
    List<String> out = new ArrayList<>();
    check(value, schema, at, out);
    return out;
  }

  private JsonNode resolve(JsonNode schema) {
    JsonNode s = schema;
    while (s.has("$ref")) {
      s = document.at(s.get("$ref").asText().substring(1));
    }
    return s;
  }

  private void check(JsonNode value, JsonNode schemaOrRef, String at, List<String> out) {
    JsonNode schema = resolve(schemaOrRef);
    if (value.isNull()) {
      if (!nullable(schema)) {
        out.add(at + ": null, but the schema does not say nullable");
      }
      return;
    }
    if (schema.has("allOf")) {
      checkAllOf(value, schema, at, out);
      return;
    }
    if (schema.has("enum") && !contains(schema.get("enum"), value)) {
      out.add(at + ": " + value + " is not one of " + schema.get("enum"));
    }
    String type = schema.path("type").asText("");
    switch (type) {
      case "object" -> checkObject(value, List.of(schema), at, out);
      case "array" -> checkArray(value, schema, at, out);
      case "string" -> expect(value.isTextual(), "a string", value, at, out);
      case "integer" -> expect(value.isIntegralNumber(), "an integer", value, at, out);
      case "number" -> expect(value.isNumber(), "a number", value, at, out);
      case "boolean" -> expect(value.isBoolean(), "a boolean", value, at, out);
      default -> {
        if (schema.has("properties")) {
          checkObject(value, List.of(schema), at, out);
        }
      }
    }
  }

  private boolean nullable(JsonNode schema) {
    if (schema.path("nullable").asBoolean(false)) {
      return true;
    }
    return schema.isEmpty(); // {}: anything
  }

  private void checkAllOf(JsonNode value, JsonNode schema, String at, List<String> out) {
    List<JsonNode> parts = new ArrayList<>();
    for (JsonNode part : schema.get("allOf")) {
      parts.add(resolve(part));
    }
    boolean objects = parts.stream().allMatch(p -> p.has("properties") || p.has("required"));
    if (objects) {
      checkObject(value, parts, at, out);
    } else {
      parts.forEach(p -> check(value, p, at, out));
    }
  }

  /** An object against one or more object schemas taken together (allOf). */
  private void checkObject(JsonNode value, List<JsonNode> parts, String at, List<String> out) {
    if (!value.isObject()) {
      out.add(at + ": expected an object, got " + kind(value));
      return;
    }
    Map<String, List<JsonNode>> properties = new LinkedHashMap<>();
    boolean closed = false;
    boolean additional = false;
    for (JsonNode part : parts) {
      part.path("properties")
          .fields()
          .forEachRemaining(
              f ->
                  properties.computeIfAbsent(f.getKey(), k -> new ArrayList<>()).add(f.getValue()));
      for (JsonNode r : part.path("required")) {
        if (!value.has(r.asText())) {
          out.add(at + ": required field " + r.asText() + " is missing");
        }
      }
      closed |= part.has("properties");
      JsonNode more = part.path("additionalProperties");
      additional |= more.isObject() || more.asBoolean(false);
    }
    Iterator<Map.Entry<String, JsonNode>> fields = value.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      String field = at + "." + f.getKey();
      List<JsonNode> schemas = properties.get(f.getKey());
      if (schemas != null) {
        schemas.forEach(s -> check(f.getValue(), s, field, out));
      } else if (additional) {
        parts.stream()
            .map(p -> p.path("additionalProperties"))
            .filter(JsonNode::isObject)
            .forEach(s -> check(f.getValue(), s, field, out));
      } else if (closed) {
        out.add(at + ": field " + f.getKey() + " is not in the schema");
      }
    }
  }

  private void checkArray(JsonNode value, JsonNode schema, String at, List<String> out) {
    if (!value.isArray()) {
      out.add(at + ": expected an array, got " + kind(value));
      return;
    }
    JsonNode items = schema.path("items");
    for (int i = 0; i < value.size() && !items.isMissingNode(); i++) {
      check(value.get(i), items, at + "[" + i + "]", out);
    }
  }

  private static void expect(boolean ok, String what, JsonNode value, String at, List<String> out) {
    if (!ok) {
      out.add(at + ": expected " + what + ", got " + kind(value) + " " + value);
    }
  }

  private static boolean contains(JsonNode values, JsonNode value) {
    for (JsonNode v : values) {
      if (v.equals(value)) {
        return true;
      }
    }
    return false;
  }

  private static String kind(JsonNode value) {
    return value.getNodeType().name().toLowerCase();
  }
}
