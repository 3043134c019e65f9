package org.bangfu.http;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * What is wrong with an OpenAPI document, in words that name the place: YAML read strictly (a key
 * given twice is an error, since a lenient reader silently keeps the second), every {@code $ref}
 * pointing at something inside the document, and the whole checked as OpenAPI 3 by swagger-parser.
 */
final class OpenApiDocument {

  private OpenApiDocument() {}

  /** Every problem found; empty when the document is sound. */
  static List<String> problems(String yaml) {
    JsonNode tree;
    try {
      tree = strictMapper().readTree(yaml);
    } catch (JsonProcessingException e) {
      return List.of("not valid YAML read strictly: " + e.getOriginalMessage() + " at " + where(e));
    }
    List<String> out = new ArrayList<>();
    danglingRefs(tree, tree, "", out);
    out.addAll(openApiMessages(yaml));
    return out;
  }

  static ObjectMapper strictMapper() {
    return new ObjectMapper(new YAMLFactory())
        .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  }

  private static String where(JsonProcessingException e) {
    return e.getLocation() == null
        ? "an unknown place"
        : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
  }

  /** Each {@code $ref} under {@code node} that does not resolve within {@code root}. */
  private static void danglingRefs(JsonNode root, JsonNode node, String at, List<String> out) {
    if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        danglingRefs(root, node.get(i), at + "/" + i, out);
      }
      return;
    }
    if (!node.isObject()) {
      return;
    }
    JsonNode ref = node.get("$ref");
    if (ref != null) {
      String target = ref.asText();
      if (!target.startsWith("#/")) {
        out.add(at + ": $ref " + target + " points outside the document");
      } else if (root.at(target.substring(1)).isMissingNode()) {
        out.add(at + ": $ref " + target + " resolves to nothing");
      }
    }
    Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
    while (fields.hasNext()) {
      Map.Entry<String, JsonNode> f = fields.next();
      danglingRefs(
          root, f.getValue(), at + "/" + f.getKey().replace("~", "~0").replace("/", "~1"), out);
    }
  }

  /** swagger-parser's findings (structure, types, required fields of OpenAPI 3). */
  private static List<String> openApiMessages(String yaml) {
    ParseOptions options = new ParseOptions();
    options.setResolve(false);
    SwaggerParseResult result = new OpenAPIV3Parser().readContents(yaml, null, options);
    List<String> out = new ArrayList<>();
    if (result.getOpenAPI() == null) {
      out.add("not an OpenAPI 3 document");
    }
    if (result.getMessages() != null) {
      result.getMessages().forEach(m -> out.add("OpenAPI 3: " + m));
    }
    return out;
  }
}
