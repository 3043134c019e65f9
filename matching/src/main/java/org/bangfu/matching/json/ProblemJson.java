package org.bangfu.matching.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bangfu.matching.InvalidProblemException;
import org.bangfu.matching.ProblemValidator;
import org.bangfu.matching.model.Cap;
import org.bangfu.matching.model.County;
import org.bangfu.matching.model.Fairness;
import org.bangfu.matching.model.Hometown;
import org.bangfu.matching.model.Need;
import org.bangfu.matching.model.Options;
import org.bangfu.matching.model.Pledge;
import org.bangfu.matching.model.Problem;
import org.bangfu.matching.model.Village;
import org.bangfu.matching.model.Weights;

/**
 * Reads the allocation spec's input document into a {@link Problem}, or refuses it with an {@link
 * InvalidProblemException} carrying one line per problem (syntax, missing fields, wrong types, then
 * the {@link ProblemValidator}'s semantic checks). Unknown fields are ignored, except in {@code
 * weights}.
 */
public final class ProblemJson {
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .enable(DeserializationFeature.USE_LONG_FOR_INTS)
          .build();
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("uuuu-MM-dd").withResolverStyle(ResolverStyle.STRICT);

  private final List<String> errors = new ArrayList<>();
  private Fairness fairness;
  private final Map<String, Long> floors = new LinkedHashMap<>();

  private ProblemJson() {}

  /**
   * A problem with the engine's options beyond the spec, read from the same document: {@code
   * "fairness": {"steps": [{"share": 20, "bonus": 300}, …]}} and {@code "floors": {"CNY": 1000}} (a
   * reader of the spec alone ignores them, as it ignores every unknown field).
   */
  public record Document(Problem problem, Options options) {}

  /** Reads and validates a problem and its options; the stream is read to its end, not closed. */
  public static Document readDocument(InputStream in) {
    try (JsonParser parser = MAPPER.getFactory().createParser(in)) {
      parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      return readDocument(parser);
    } catch (JsonProcessingException e) {
      throw new InvalidProblemException(List.of(malformed(e)));
    } catch (IOException e) {
      throw new InvalidProblemException(List.of("input: cannot be read: " + e.getMessage()));
    }
  }

  /** The same from JSON text. */
  public static Document readDocument(String json) {
    try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
      return readDocument(parser);
    } catch (JsonProcessingException e) {
      throw new InvalidProblemException(List.of(malformed(e)));
    } catch (IOException e) {
      throw new InvalidProblemException(List.of("input: cannot be read: " + e.getMessage()));
    }
  }

  /**
   * Reads and validates a problem; the stream is read to its end but not closed. The document is
   * streamed: only one list item at a time is held as a tree, so large rounds read fast and in
   * little memory.
   */
  public static Problem read(InputStream in) {
    try (JsonParser parser = MAPPER.getFactory().createParser(in)) {
      parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
      return read(parser);
    } catch (JsonProcessingException e) {
      throw new InvalidProblemException(List.of(malformed(e)));
    } catch (IOException e) {
      throw new InvalidProblemException(List.of("input: cannot be read: " + e.getMessage()));
    }
  }

  /** Reads and validates a problem from JSON text. */
  public static Problem read(String json) {
    try (JsonParser parser = MAPPER.getFactory().createParser(json)) {
      return read(parser);
    } catch (JsonProcessingException e) {
      throw new InvalidProblemException(List.of(malformed(e)));
    } catch (IOException e) {
      throw new InvalidProblemException(List.of("input: cannot be read: " + e.getMessage()));
    }
  }

  /**
   * Writes a problem as the spec's input document (compact, fields in the spec's order, absent
   * optional fields left out). {@code read(write(p))} gives {@code p} back.
   */
  public static void write(Problem p, OutputStream out) throws IOException {
    try (JsonGenerator gen = MAPPER.getFactory().createGenerator(out)) {
      gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      gen.writeStartObject();
      if (p.date() != null) {
        gen.writeStringField("date", p.date().toString());
      }
      if (!p.weights().equals(Weights.DEFAULTS)) {
        gen.writeObjectFieldStart("weights");
        for (var e : p.weights().byName().entrySet()) {
          gen.writeNumberField(e.getKey(), e.getValue());
        }
        gen.writeEndObject();
      }
      if (!p.counties().isEmpty()) {
        gen.writeArrayFieldStart("counties");
        for (County c : p.counties()) {
          gen.writeStartObject();
          gen.writeStringField("id", c.id());
          optional(gen, "name", c.name());
          strings(gen, "pairedWith", c.pairedWith());
          gen.writeEndObject();
        }
        gen.writeEndArray();
      }
      gen.writeArrayFieldStart("villages");
      for (Village v : p.villages()) {
        gen.writeStartObject();
        gen.writeStringField("id", v.id());
        gen.writeStringField("county", v.county());
        gen.writeStringField("township", v.township());
        gen.writeEndObject();
      }
      gen.writeEndArray();
      if (!p.caps().isEmpty()) {
        gen.writeArrayFieldStart("caps");
        for (Cap c : p.caps()) {
          gen.writeStartObject();
          gen.writeStringField("village", c.village());
          gen.writeStringField("unit", c.unit());
          gen.writeNumberField("max", c.max());
          gen.writeEndObject();
        }
        gen.writeEndArray();
      }
      gen.writeArrayFieldStart("needs");
      for (Need n : p.needs()) {
        gen.writeStartObject();
        gen.writeStringField("id", n.id());
        gen.writeStringField("village", n.village());
        gen.writeStringField("category", n.category());
        gen.writeStringField("unit", n.unit());
        gen.writeNumberField("quantity", n.quantity());
        gen.writeNumberField("priority", n.priority());
        optional(gen, "deadline", n.deadline() == null ? null : n.deadline().toString());
        gen.writeEndObject();
      }
      gen.writeEndArray();
      gen.writeArrayFieldStart("pledges");
      for (Pledge j : p.pledges()) {
        gen.writeStartObject();
        gen.writeStringField("id", j.id());
        gen.writeStringField("donor", j.donor());
        gen.writeStringField("unit", j.unit());
        gen.writeNumberField("quantity", j.quantity());
        strings(gen, "categories", j.categories());
        strings(gen, "scope", j.scope());
        optional(gen, "homeCounty", j.homeCounty());
        if (j.hometown() != null) {
          gen.writeObjectFieldStart("hometown");
          gen.writeStringField("county", j.hometown().county());
          optional(gen, "township", j.hometown().township());
          optional(gen, "village", j.hometown().village());
          gen.writeEndObject();
        }
        strings(gen, "pairedVillages", j.pairedVillages());
        if (j.maxPerNeed() != null) {
          gen.writeNumberField("maxPerNeed", j.maxPerNeed());
        }
        optional(gen, "expires", j.expires() == null ? null : j.expires().toString());
        gen.writeEndObject();
      }
      gen.writeEndArray();
      gen.writeEndObject();
    }
  }

  private static void optional(JsonGenerator gen, String name, String value) throws IOException {
    if (value != null) {
      gen.writeStringField(name, value);
    }
  }

  private static void strings(JsonGenerator gen, String name, List<String> values)
      throws IOException {
    if (!values.isEmpty()) {
      gen.writeArrayFieldStart(name);
      for (String v : values) {
        gen.writeString(v);
      }
      gen.writeEndArray();
    }
  }

  private static String malformed(JsonProcessingException e) {
    var loc = e.getLocation();
    String where =
        loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    String why = e.getOriginalMessage().lines().findFirst().orElse("");
    return "input: malformed JSON" + where + ": " + why;
  }

  private static Problem read(JsonParser parser) throws IOException {
    return readDocument(parser).problem();
  }

  private static Document readDocument(JsonParser parser) throws IOException {
    ProblemJson reader = new ProblemJson();
    Problem problem = reader.problem(parser);
    if (!reader.errors.isEmpty()) {
      throw new InvalidProblemException(reader.errors);
    }
    ProblemValidator.requireValid(problem);
    return new Document(problem, new Options(reader.fairness, reader.floors));
  }

  /** {@code "fairness": {"steps": [{"share": 20, "bonus": 300}, …]}}. */
  private void fairness(JsonNode node) {
    JsonNode steps = node.isObject() ? node.get("steps") : null;
    if (steps == null || !steps.isArray() || steps.isEmpty()) {
      errors.add("fairness: must be an object with a non-empty array \"steps\", got " + show(node));
      return;
    }
    List<Fairness.Step> out = new ArrayList<>();
    for (int k = 0; k < steps.size(); k++) {
      JsonNode st = steps.get(k);
      String at = "fairness.steps[" + k + "].";
      JsonNode share = st.get("share");
      JsonNode bonus = st.get("bonus");
      if (share == null
          || !share.canConvertToInt()
          || !share.isIntegralNumber()
          || share.asInt() < 1
          || share.asInt() > 100) {
        errors.add(at + "share must be an integer from 1 to 100, got " + shown(share));
        continue;
      }
      if (bonus == null
          || !bonus.isIntegralNumber()
          || !bonus.canConvertToLong()
          || bonus.asLong() < 0
          || bonus.asLong() > Weights.MAX) {
        errors.add(
            at + "bonus must be an integer from 0 to " + Weights.MAX + ", got " + shown(bonus));
        continue;
      }
      out.add(new Fairness.Step(share.asInt(), bonus.asLong()));
    }
    if (out.size() == steps.size()) {
      try {
        fairness = new Fairness(out);
      } catch (IllegalArgumentException e) {
        errors.add("fairness: " + e.getMessage());
      }
    }
  }

  /** {@code "floors": {"CNY": 1000, …}}. */
  private void floors(JsonNode node) {
    if (!node.isObject()) {
      errors.add("floors: must be an object of unit → amount, got " + show(node));
      return;
    }
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      JsonNode v = e.getValue();
      if (!v.isIntegralNumber()
          || !v.canConvertToLong()
          || v.asLong() < 1
          || v.asLong() > ProblemValidator.MAX_QUANTITY) {
        errors.add(
            "floors."
                + e.getKey()
                + ": must be an integer from 1 to "
                + ProblemValidator.MAX_QUANTITY
                + ", got "
                + show(v));
      } else {
        floors.put(e.getKey(), v.asLong());
      }
    }
  }

  private static String shown(JsonNode node) {
    return node == null ? "nothing" : show(node);
  }

  private Problem problem(JsonParser parser) throws IOException {
    JsonToken token = parser.nextToken();
    if (token != JsonToken.START_OBJECT) {
      errors.add(token == null ? "input: is empty" : "input: must be a JSON object");
      return null;
    }
    LocalDate date = null;
    Weights weights = Weights.DEFAULTS;
    List<County> counties = new ArrayList<>();
    List<Village> villages = new ArrayList<>();
    List<Cap> caps = new ArrayList<>();
    List<Need> needs = new ArrayList<>();
    List<Pledge> pledges = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
      String name = parser.currentName();
      parser.nextToken();
      if (parser.currentToken() == JsonToken.VALUE_NULL) {
        continue; // the same as absent
      }
      seen.add(name);
      switch (name) {
        case "date" -> date = date(MAPPER.readTree(parser), "date");
        case "weights" -> weights = weights(MAPPER.readTree(parser));
        case "counties" ->
            items(
                parser,
                name,
                it ->
                    counties.add(
                        new County(
                            it.string("id"), it.optString("name"), it.optStrings("pairedWith"))));
        case "villages" ->
            items(
                parser,
                name,
                it ->
                    villages.add(
                        new Village(it.string("id"), it.string("county"), it.string("township"))));
        case "caps" ->
            items(
                parser,
                name,
                it ->
                    caps.add(new Cap(it.string("village"), it.string("unit"), it.integer("max"))));
        case "needs" -> items(parser, name, it -> needs.add(need(it)));
        case "pledges" -> items(parser, name, it -> pledges.add(pledge(it)));
        case "fairness" -> fairness(MAPPER.readTree(parser));
        case "floors" -> floors(MAPPER.readTree(parser));
        default -> parser.skipChildren();
      }
    }
    if (parser.nextToken() != null) {
      errors.add("input: unexpected content after the JSON object");
    }
    for (String list : List.of("villages", "needs", "pledges")) {
      if (!seen.contains(list)) {
        errors.add(list + ": is required");
      }
    }
    if (!errors.isEmpty()) {
      return null;
    }
    return new Problem(date, weights, counties, villages, caps, needs, pledges);
  }

  private Need need(Item it) {
    long priority = it.integer("priority");
    return new Need(
        it.string("id"),
        it.string("village"),
        it.string("category"),
        it.string("unit"),
        it.integer("quantity"),
        (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, priority)),
        it.date("deadline"));
  }

  private Pledge pledge(Item it) {
    return new Pledge(
        it.string("id"),
        it.string("donor"),
        it.string("unit"),
        it.integer("quantity"),
        it.optStrings("categories"),
        it.optStrings("scope"),
        it.optString("homeCounty"),
        it.hometown(),
        it.optStrings("pairedVillages"),
        it.optInteger("maxPerNeed"),
        it.date("expires"));
  }

  private Weights weights(JsonNode node) {
    if (node == null || node.isNull()) {
      return Weights.DEFAULTS;
    }
    if (!node.isObject()) {
      errors.add("weights: must be an object, got " + show(node));
      return Weights.DEFAULTS;
    }
    Map<String, Long> overrides = new LinkedHashMap<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
      var e = it.next();
      String name = e.getKey();
      JsonNode v = e.getValue();
      if (!Weights.DEFAULT_BY_NAME.containsKey(name)) {
        errors.add(
            "weights."
                + name
                + ": unknown weight name (known: "
                + String.join(", ", Weights.DEFAULT_BY_NAME.keySet())
                + ")");
      } else if (!v.isIntegralNumber() || !v.canConvertToLong()) {
        errors.add(
            "weights."
                + name
                + ": must be an integer from 0 to "
                + Weights.MAX
                + ", got "
                + show(v));
      } else if (v.asLong() < 0 || v.asLong() > Weights.MAX) {
        errors.add(
            "weights."
                + name
                + ": must be an integer from 0 to "
                + Weights.MAX
                + ", got "
                + v.asLong());
      } else {
        overrides.put(name, v.asLong());
      }
    }
    return Weights.withOverrides(overrides);
  }

  private LocalDate date(JsonNode node, String where) {
    if (node == null || node.isNull()) {
      return null;
    }
    if (node.isTextual()) {
      LocalDate d = parseDate(node.textValue());
      if (d != null) {
        return d;
      }
    }
    errors.add(where + " must be a date yyyy-mm-dd, got " + show(node));
    return null;
  }

  /**
   * yyyy-mm-dd, strictly (a date that exists); null if not. The common shape is read by hand — the
   * formatter is slow for a million dates — and anything else goes to the formatter.
   */
  static LocalDate parseDate(String text) {
    if (text.length() == 10 && text.charAt(4) == '-' && text.charAt(7) == '-') {
      int y = digits(text, 0, 4);
      int m = digits(text, 5, 7);
      int d = digits(text, 8, 10);
      if (y >= 0 && m >= 0 && d >= 0) {
        try {
          return LocalDate.of(y, m, d);
        } catch (java.time.DateTimeException e) {
          return null;
        }
      }
    }
    try {
      return LocalDate.parse(text, DATE);
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  private static int digits(String s, int from, int to) {
    int v = 0;
    for (int k = from; k < to; k++) {
      char c = s.charAt(k);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  /** Streams the items of a list, each as a small tree, into {@code each}. */
  private void items(JsonParser parser, String list, Consumer<Item> each) throws IOException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      errors.add(list + ": must be an array, got " + show(MAPPER.readTree(parser)));
      return;
    }
    int k = 0;
    while (parser.nextToken() != JsonToken.END_ARRAY) {
      JsonNode e = MAPPER.readTree(parser);
      if (e == null || !e.isObject()) {
        errors.add(list + "[" + k + "]: must be an object, got " + (e == null ? "null" : show(e)));
      } else {
        each.accept(new Item(e, list, k));
      }
      k++;
    }
  }

  static String show(JsonNode node) {
    String s = node.isTextual() ? "\"" + node.textValue() + "\"" : node.toString();
    return s.length() > 60 ? s.substring(0, 57) + "..." : s;
  }

  /** One object of a list, with the prefix that names it in messages (made only if needed). */
  private final class Item {
    final JsonNode node;
    private final String list;
    private final int k;
    private String at;

    Item(JsonNode node, String list, int k) {
      this.node = node;
      this.list = list;
      this.k = k;
    }

    Item(JsonNode node, String at) {
      this(node, null, 0);
      this.at = at;
    }

    /** {@code needs[3] (id "N4"): } or, without a textual id, {@code needs[3]: }. */
    String at() {
      if (at == null) {
        JsonNode id = node.get("id");
        at =
            id != null && id.isTextual()
                ? ProblemValidator.item(list, k, id.textValue())
                : list + "[" + k + "]: ";
      }
      return at;
    }

    String string(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        errors.add(at() + field + " is required");
        return "";
      }
      if (!v.isTextual()) {
        errors.add(at() + field + " must be a string, got " + show(v));
        return "";
      }
      return v.textValue();
    }

    String optString(String field) {
      JsonNode v = node.get(field);
      return v == null || v.isNull() ? null : string(field);
    }

    List<String> optStrings(String field) {
      JsonNode v = node.get(field);
      List<String> out = new ArrayList<>();
      if (v == null || v.isNull()) {
        return out;
      }
      if (!v.isArray()) {
        errors.add(at() + field + " must be an array of strings, got " + show(v));
        return out;
      }
      for (int m = 0; m < v.size(); m++) {
        JsonNode e = v.get(m);
        if (!e.isTextual() || e.textValue().isEmpty()) {
          errors.add(at() + field + "[" + m + "] must be a non-empty string, got " + show(e));
        } else {
          out.add(e.textValue());
        }
      }
      return out;
    }

    long integer(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        errors.add(at() + field + " is required");
        return 0;
      }
      return integerValue(field, v);
    }

    Long optInteger(String field) {
      JsonNode v = node.get(field);
      return v == null || v.isNull() ? null : integerValue(field, v);
    }

    private long integerValue(String field, JsonNode v) {
      if (v.isIntegralNumber() && v.canConvertToLong()) {
        return v.asLong();
      }
      if (v.isNumber() && v.isIntegralNumber()) {
        // too large for a long: out of every range the validator knows
        errors.add(
            at
                + field
                + " must be an integer from 1 to "
                + ProblemValidator.MAX_QUANTITY
                + ", got "
                + show(v));
      } else {
        errors.add(at() + field + " must be an integer, got " + show(v));
      }
      return 0;
    }

    LocalDate date(String field) {
      JsonNode v = node.get(field);
      if (v == null || v.isNull()) {
        return null;
      }
      LocalDate d = v.isTextual() ? parseDate(v.textValue()) : null;
      return d != null ? d : ProblemJson.this.date(v, at() + field);
    }

    Hometown hometown() {
      JsonNode v = node.get("hometown");
      if (v == null || v.isNull()) {
        return null;
      }
      if (!v.isObject()) {
        errors.add(at() + "hometown must be an object, got " + show(v));
        return null;
      }
      Item h = new Item(v, at() + "hometown.");
      String county = h.string("county");
      return new Hometown(county, h.optString("township"), h.optString("village"));
    }
  }
}
