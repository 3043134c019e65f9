package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.math.BigInteger;
import java.time.LocalDate;
import java.util.List;
import org.bangfu.support.DomainException;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Body: typed, validated reading of JSON requests")
class BodyTest {

  private static void failsOn(Runnable r, String field, String reasonPart) {
    assertThatThrownBy(r::run)
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(DomainException.Kind.INVALID);
              assertThat(e.fields()).hasSize(1);
              assertThat(e.fields().get(0).field()).isEqualTo(field);
              assertThat(e.fields().get(0).message()).contains(reasonPart);
            });
  }

  @Test
  @DisplayName("reads required and optional fields of the right type")
  void reads() {
    Body b =
        Body.of(
            new JsonObject()
                .put("title", "  修路  ")
                .put("quantity", 500000)
                .put("deadline", "2018-10-17")
                .put("urgent", true)
                .put("tags", new JsonArray().add("a")));
    assertThat(b.requiredString("title", 1, 200)).isEqualTo("修路");
    assertThat(b.requiredLong("quantity", 1, 1_000_000_000_000L)).isEqualTo(500000);
    assertThat(b.optionalDate("deadline")).contains(LocalDate.of(2018, 10, 17));
    assertThat(b.requiredBoolean("urgent")).isTrue();
    assertThat(b.stringList("tags", 5, 10, null)).containsExactly("a");
    assertThat(b.optionalString("missing", 0, 10)).isEmpty();
    assertThat(b.requiredLong("quantity", 1, 1_000_000)).isEqualTo(500000);
    assertThat(Body.of(new JsonObject().put("q", 3.0)).requiredLong("q", 1, 5)).isEqualTo(3);
  }

  @Test
  @DisplayName("names the field that is missing, mistyped or out of range")
  void rejects() {
    failsOn(() -> Body.of(new JsonObject()).requiredString("title", 1, 10), "title", "required");
    failsOn(
        () -> Body.of(new JsonObject().put("title", 5)).requiredString("title", 1, 10),
        "title",
        "string");
    failsOn(
        () -> Body.of(new JsonObject().put("title", "   ")).requiredString("title", 1, 10),
        "title",
        "empty");
    failsOn(
        () -> Body.of(new JsonObject().put("quantity", "5")).requiredLong("quantity", 1, 9),
        "quantity",
        "whole number");
    failsOn(
        () -> Body.of(new JsonObject().put("quantity", 2.5)).requiredLong("quantity", 1, 9),
        "quantity",
        "whole number");
    failsOn(
        () -> Body.of(new JsonObject().put("quantity", 0)).requiredLong("quantity", 1, 9),
        "quantity",
        "between 1 and 9");
    failsOn(
        () ->
            Body.of(new JsonObject().put("quantity", new BigInteger("99999999999999999999999")))
                .requiredLong("quantity", 1, 9),
        "quantity",
        "between");
    failsOn(
        () -> Body.of(new JsonObject().put("deadline", "17/10/2018")).optionalDate("deadline"),
        "deadline",
        "yyyy-mm-dd");
    failsOn(
        () -> Body.of(new JsonObject().put("deadline", "2018-02-30")).optionalDate("deadline"),
        "deadline",
        "yyyy-mm-dd");
    failsOn(
        () ->
            Body.of(new JsonObject().put("unit", "kg")).requiredEnum("unit", List.of("CNY", "job")),
        "unit",
        "one of");
    failsOn(
        () ->
            Body.of(new JsonObject().put("tags", new JsonArray().add(1)))
                .stringList("tags", 5, 10, null),
        "tags[0]",
        "string");
    failsOn(
        () -> Body.of(new JsonObject().put("quantiy", 1)).only(List.of("quantity")),
        "quantiy",
        "not a known field");
    failsOn(
        () -> Body.of(new JsonObject().put("ok", "yes")).requiredBoolean("ok"),
        "ok",
        "true or false");
  }

  @Test
  @DisplayName(
      "refuses a NUL character or half a surrogate pair anywhere in the body, naming its path")
  void refusesUnstorableText() {
    failsOn(() -> Body.of(new JsonObject().put("title", "a\u0000b")), "title", "NUL");
    failsOn(
        () -> Body.of(new JsonObject().put("hometown", new JsonObject().put("county", "x\ud800"))),
        "hometown.county",
        "surrogate");
    failsOn(
        () ->
            Body.of(
                new JsonObject()
                    .put(
                        "attachments",
                        new JsonArray().add(new JsonObject().put("name", "\udc00")))),
        "attachments[0].name",
        "surrogate");
    assertThat(
            Body.of(new JsonObject().put("title", "扶贫 \ud83d\ude00"))
                .requiredString("title", 1, 10))
        .isEqualTo("扶贫 \ud83d\ude00");
  }

  @Test
  @DisplayName("a nested object's fields are named by their path, each error with a stable code")
  void nestedPathsAndCodes() {
    Body hometown =
        Body.of(new JsonObject().put("hometown", new JsonObject()))
            .optionalObject("hometown")
            .orElseThrow();
    failsOn(() -> hometown.requiredString("county", 1, 40), "hometown.county", "required");
    assertThatThrownBy(
            () ->
                Body.of(new JsonObject().put("title", "x".repeat(11)))
                    .requiredString("title", 1, 10))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> {
              assertThat(e.fields().get(0).code()).isEqualTo("too_long");
              assertThat(e.fields().get(0).params()).containsEntry("max", 10);
            });
  }
}
