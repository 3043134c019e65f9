package org.bangfu.support;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a file is, read from its first bytes rather than from what the sender says: evidence is
 * accepted only as JPEG, PNG, WebP or PDF, so nothing uploaded can be HTML, SVG or script that a
 * browser would run in the application's origin. Signatures as the formats define them (JPEG's SOI
 * marker, PNG's eight-byte signature, WebP's RIFF container with the WEBP form type, PDF's header).
 */
public final class FileTypes {
  public static final String JPEG = "image/jpeg";
  public static final String PNG = "image/png";
  public static final String WEBP = "image/webp";
  public static final String PDF = "application/pdf";

  /** Evidence of a receipt or a rectification: photos and scanned documents. */
  public static final List<String> EVIDENCE = List.of(JPEG, PNG, WEBP, PDF);

  /** Photos only. */
  public static final List<String> IMAGES = List.of(JPEG, PNG, WEBP);

  private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

  private FileTypes() {}

  /** The media type the content shows, or empty when it is none of the accepted ones. */
  public static Optional<String> of(byte[] data) {
    if (data == null) {
      return Optional.empty();
    }
    if (startsWith(data, 0, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff})) {
      return Optional.of(JPEG);
    }
    if (startsWith(data, 0, PNG_SIGNATURE)) {
      return Optional.of(PNG);
    }
    if (startsWith(data, 0, ascii("RIFF")) && startsWith(data, 8, ascii("WEBP"))) {
      return Optional.of(WEBP);
    }
    if (startsWith(data, 0, ascii("%PDF-"))) {
      return Optional.of(PDF);
    }
    return Optional.empty();
  }

  private static byte[] ascii(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }

  private static boolean startsWith(byte[] data, int at, byte[] prefix) {
    return data.length >= at + prefix.length
        && Arrays.equals(data, at, at + prefix.length, prefix, 0, prefix.length);
  }
}
