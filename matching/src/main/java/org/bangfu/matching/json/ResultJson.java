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
import org.bangfu.matching.model.ItemSummary;
import org.bangfu.matching.model.Result;

/**
 * Writes a {@link Result} as the allocation spec's output document, streamed, in Jackson's default
 * pretty-printed style ({@code "key" : value}) with "\n" line ends on every platform, and a final
 * newline: the same result always gives the same bytes.
 */
public final class ResultJson {
  private static final JsonFactory FACTORY = new JsonFactory();

  private ResultJson() {}

  public static void write(Result r, OutputStream out) throws IOException {
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
