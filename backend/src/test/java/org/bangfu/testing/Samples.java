package org.bangfu.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Files for upload tests: bytes that start the way JPEG, PNG and PDF files start (the server reads
 * a file's type from its content), and files that must be refused (HTML, SVG).
 */
public final class Samples {
  private Samples() {}

  /**
   * {@code size} bytes that begin as a JPEG (the SOI marker), the rest a pattern of {@code seed}.
   */
  public static byte[] jpeg(int size, int seed) {
    byte[] b = new byte[size];
    for (int i = 0; i < size; i++) {
      b[i] = (byte) (i * 31 + seed);
    }
    b[0] = (byte) 0xff;
    b[1] = (byte) 0xd8;
    b[2] = (byte) 0xff;
    return b;
  }

  /** A village's receipt: its note and a photo of the receipt (only a file counts as evidence). */
  public static io.vertx.core.json.JsonObject receiptWithPhoto(String note) {
    return new io.vertx.core.json.JsonObject()
        .put("note", note)
        .put(
            "attachments",
            new io.vertx.core.json.JsonArray()
                .add(
                    new io.vertx.core.json.JsonObject()
                        .put("name", "收据.jpg")
                        .put("contentType", "image/jpeg")
                        .put("dataBase64", jpegBase64())));
  }

  public static String jpegBase64() {
    return Base64.getEncoder().encodeToString(jpeg(64, 7));
  }

  /** A whole 1 × 1 PNG. */
  public static final String PNG_BASE64 =
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==";

  public static final byte[] PDF =
      "%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);

  public static final byte[] HTML =
      "<html><body><script>alert(document.domain)</script></body></html>"
          .getBytes(StandardCharsets.UTF_8);

  public static final byte[] SVG =
      "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(1)</script></svg>"
          .getBytes(StandardCharsets.UTF_8);
}
