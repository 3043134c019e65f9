package org.bangfu.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The API's contract is sound: openapi.yaml reads strictly, is valid OpenAPI 3, and every reference
 * in it resolves. The web app's types are generated from it, so a fault here would reach the client
 * unseen.
 */
@DisplayName("openapi.yaml is one valid OpenAPI 3 document")
class OpenApiDocumentTest {

  /** A small sound document that the broken variants below start from. */
  static final String SOUND =
      """
      openapi: 3.0.3
      info: {title: t, version: '1'}
      paths:
        /things:
          get:
            responses:
              '200':
                description: the things
                content:
                  application/json:
                    schema: {$ref: '#/components/schemas/Thing'}
      components:
        schemas:
          Thing:
            type: object
            properties:
              id: {type: integer}
      """;

  static String document() throws IOException {
    try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi.yaml")) {
      assertThat(in).as("openapi.yaml on the classpath").isNotNull();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  @Test
  @DisplayName("the served document has no duplicate key, no dangling $ref, no OpenAPI error")
  void documentIsSound() throws IOException {
    List<String> problems = OpenApiDocument.problems(document());
    if (!problems.isEmpty()) {
      fail("openapi.yaml:\n" + String.join("\n", problems));
    }
  }

  @Test
  @DisplayName("the small sound document passes, so the broken ones below fail for their fault")
  void soundSampleIsSound() {
    assertThat(OpenApiDocument.problems(SOUND)).isEmpty();
  }

  @Test
  @DisplayName("a schema defined twice is refused, naming the key and its line")
  void duplicateKeyIsRefused() {
    String twice =
        SOUND
            + """
                Thing:
                  type: string
            """;
    assertThat(OpenApiDocument.problems(twice))
        .singleElement()
        .asString()
        .contains("YAML read strictly")
        .contains("Duplicate field 'Thing'")
        .contains("line 18");
  }

  @Test
  @DisplayName("a $ref to a schema that does not exist is refused, naming where it is")
  void danglingRefIsRefused() {
    String dangling = SOUND.replace("schemas/Thing'", "schemas/Thingy'");
    assertThat(OpenApiDocument.problems(dangling))
        .anySatisfy(
            p ->
                assertThat(p)
                    .contains("/paths/~1things/get/responses/200")
                    .contains("#/components/schemas/Thingy resolves to nothing"));
  }

  @Test
  @DisplayName("a document that breaks OpenAPI 3 (a response without a description) is refused")
  void invalidOpenApiIsRefused() {
    String noDescription = SOUND.replaceAll("(?m)^ *description: the things\n", "");
    assertThat(OpenApiDocument.problems(noDescription))
        .anySatisfy(p -> assertThat(p).startsWith("OpenAPI 3:").contains("description"));
  }
}
