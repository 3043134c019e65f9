package org.bangfu.matching.json;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.bangfu.matching.model.Allocation;
import org.bangfu.matching.model.DonorRow;
import org.bangfu.matching.model.FairnessReport;
import org.bangfu.matching.model.ItemSummary;
import org.bangfu.matching.model.Result;
import org.bangfu.matching.model.Unmatched;

/**
 * Writes a {@link Result} as the allocation spec's output document, streamed, in Jackson's default
 * pretty-printed style ({@code "key" : value}) with "\n" line ends on every platform, and a final
 * newline: the same result always gives the same bytes.
 */
public final class ResultJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ResultJson() {}

  public static void write(Result r, OutputStream out) throws IOException {
    write(r, out, false);
  }

  /**
   * Writes the answer; with {@code explain}, after the spec's fields: {@code unmatched} (each need
   * left short, what it got and what remains, and the reason's code), {@code rows} (the allocations
   * grouped by need and donor) and, if the round had fairness, {@code fairness}.
   */
  public static void write(Result r, OutputStream out, boolean explain) throws IOException {
    try (JsonGenerator gen = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
      gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
      gen.setPrettyPrinter(
          new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n")));
      gen.writeStartObject();
      gen.writeNumberField("objective", r.objective());
      gen.writeArrayFieldStart("allocations");
      for (Allocation a : r.allocations()) {
        gen.writeStartObject();
        gen.writeStringField("need", a.need());
        gen.writeStringField("pledge", a.pledge());
        gen.writeNumberField("quantity", a.quantity());
        gen.writeArrayFieldStart("reasons");
        for (String reason : a.reasons()) {
          gen.writeString(reason);
        }
        gen.writeEndArray();
        gen.writeEndObject();
      }
      gen.writeEndArray();
      summaries(gen, "needs", r.needSummaries());
      summaries(gen, "pledges", r.pledgeSummaries());
      if (explain) {
        explanation(gen, r);
      }
      gen.writeEndObject();
      gen.writeRaw('\n');
    }
    out.flush();
  }

  public static String toJson(Result r) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      write(r, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  private static void explanation(JsonGenerator gen, Result r) throws IOException {
    gen.writeArrayFieldStart("unmatched");
    for (Unmatched u : r.unmatched()) {
      gen.writeStartObject();
      gen.writeStringField("need", u.need());
      gen.writeNumberField("allocated", u.allocated());
      gen.writeNumberField("remaining", u.remaining());
      gen.writeStringField("reason", u.reason().code());
      gen.writeEndObject();
    }
    gen.writeEndArray();
    gen.writeArrayFieldStart("rows");
    for (DonorRow row : r.donorRows()) {
      gen.writeStartObject();
      gen.writeStringField("need", row.need());
      gen.writeStringField("donor", row.donor());
      gen.writeNumberField("quantity", row.quantity());
      gen.writeArrayFieldStart("pledges");
      for (String p : row.pledges()) {
        gen.writeString(p);
      }
      gen.writeEndArray();
      gen.writeEndObject();
    }
    gen.writeEndArray();
    FairnessReport f = r.fairness();
    if (f != null) {
      gen.writeObjectFieldStart("fairness");
      gen.writeNumberField("objective", f.objective());
      gen.writeNumberField("fairnessTerm", f.fairnessTerm());
      gen.writeNumberField("objectiveWithoutFairness", f.objectiveWithoutFairness());
      gen.writeNumberField("cost", f.cost());
      gen.writeArrayFieldStart("villages");
      for (FairnessReport.Village v : f.villages()) {
        gen.writeStartObject();
        gen.writeStringField("village", v.village());
        gen.writeStringField("unit", v.unit());
        gen.writeNumberField("demand", v.demand());
        gen.writeNumberField("allocated", v.allocated());
        gen.writeNumberField("allocatedWithoutFairness", v.allocatedWithoutFairness());
        gen.writeEndObject();
      }
      gen.writeEndArray();
      gen.writeEndObject();
    }
  }

  private static void summaries(JsonGenerator gen, String name, List<ItemSummary> items)
      throws IOException {
    gen.writeArrayFieldStart(name);
    for (ItemSummary s : items) {
      gen.writeStartObject();
      gen.writeStringField("id", s.id());
      gen.writeNumberField("allocated", s.allocated());
      gen.writeNumberField("remaining", s.remaining());
      gen.writeEndObject();
    }
    gen.writeEndArray();
  }
}
