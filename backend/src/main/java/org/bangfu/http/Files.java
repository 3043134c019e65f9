package org.bangfu.http;

import io.vertx.core.json.JsonArray;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.bangfu.support.DomainException;
import org.bangfu.support.FileContent;
import org.bangfu.support.FileTypes;

/**
 * Files sent inside a JSON body (a receipt's evidence, a rectification's, a progress report's
 * photos): a list of {@code {name, contentType, dataBase64}}, decoded and size-checked here once.
 * Each error names the file by its path ({@code attachments[1].dataBase64}). Decoding megabytes is
 * work for a worker thread, not an event loop: callers read bodies with files off the loop.
 */
public final class Files {
  /** At most this many bytes per file once decoded (5 MB). */
  public static final int MAX_BYTES = 5 * 1024 * 1024;

  private Files() {}

  /**
   * The files of {@code field}: at most {@code maxCount}, each at most {@code maxBytes} once
   * decoded, each of one of the {@code allowed} media types by its content ({@link FileTypes}:
   * {@link FileTypes#EVIDENCE} when null). The type stored is the one the content shows, whatever
   * the sender claimed.
   */
  public static List<FileContent> read(
      Body body, String field, int maxCount, int maxBytes, Collection<String> allowed) {
    Collection<String> types = allowed == null ? FileTypes.EVIDENCE : allowed;
    JsonArray arr = body.optionalArray(field, maxCount).orElse(new JsonArray());
    List<FileContent> out = new ArrayList<>();
    for (int i = 0; i < arr.size(); i++) {
      out.add(one(body, field, arr, i, maxBytes, types));
    }
    return out;
  }

  private static FileContent one(
      Body body, String field, JsonArray arr, int i, int maxBytes, Collection<String> types) {
    String path = body.name(field) + "[" + i + "]";
    Body f = body.element(field, arr, i);
    f.only(List.of("name", "contentType", "dataBase64"));
    String name = f.requiredString("name", 1, 200);
    f.requiredString("contentType", 3, 100); // what the sender claims; the content decides
    byte[] bytes = decode(path, f.requiredString("dataBase64", 1, Integer.MAX_VALUE), maxBytes);
    String type =
        FileTypes.of(bytes)
            .filter(types::contains)
            .orElseThrow(
                () ->
                    DomainException.invalid(
                        path + ".dataBase64",
                        "file_type_not_allowed",
                        "must be one of " + String.join(", ", types) + " (read from the file)",
                        Map.of("allowed", List.copyOf(types))));
    return new FileContent(name, type, bytes);
  }

  private static byte[] decode(String path, String data, int maxBytes) {
    int maxBase64 = (maxBytes + 2) / 3 * 4; // the longest padded base64 that decodes to maxBytes
    if (data.length() > maxBase64) {
      throw tooLarge(path, maxBytes);
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw DomainException.invalid(path + ".dataBase64", "not_base64", "must be base64");
    }
    if (bytes.length > maxBytes) {
      throw tooLarge(path, maxBytes);
    }
    return bytes;
  }

  private static DomainException tooLarge(String path, int maxBytes) {
    return DomainException.invalid(
        path + ".dataBase64",
        "file_too_large",
        "must be at most " + maxBytes / (1024 * 1024) + " MB (" + maxBytes + " bytes) once decoded",
        Map.of("maxBytes", maxBytes));
  }
}
