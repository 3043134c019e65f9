package org.bangfu.http;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Map;
import org.bangfu.support.DomainException;

/**
 * The one check every piece of text of a request passes before anything reads it: no NUL character
 * (PostgreSQL cannot store it) and no lone half of a surrogate pair (it would be stored as {@code
 * ?}). {@link Body} walks a whole JSON body with it, {@link Params} every path and query value, so
 * no handler can forget.
 */
final class Text {
  private Text() {}

  /** The field's text, or a 400 naming the field when it cannot be stored as it is. */
  static String check(String field, String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\u0000') {
        throw DomainException.invalid(field, "bad_character", "must not contain a NUL character");
      }
      if (Character.isHighSurrogate(c)) {
        if (i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
          i++;
          continue;
        }
        throw lone(field);
      }
      if (Character.isLowSurrogate(c)) {
        throw lone(field);
      }
    }
    return s;
  }

  private static DomainException lone(String field) {
    return DomainException.invalid(
        field, "bad_character", "must not contain half of a surrogate pair", Map.of());
  }

  /** Checks every key and string value of a JSON tree; fields are named by their path. */
  static void checkTree(String path, Object value) {
    if (value instanceof String s) {
      check(path.isEmpty() ? "body" : path, s);
    } else if (value instanceof JsonObject o) {
      for (Map.Entry<String, Object> e : o) {
        String child = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
        check(child, e.getKey());
        checkTree(child, e.getValue());
      }
    } else if (value instanceof JsonArray a) {
      for (int i = 0; i < a.size(); i++) {
        checkTree(path + "[" + i + "]", a.getValue(i));
      }
    }
  }
}
