package org.bangfu.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Reads what an .xlsx the API answered says, cell by cell, as a person opening it would. */
public final class XlsxCells {
  private XlsxCells() {}

  /** The cells of one sheet of an .xlsx, by reference (C5), shared strings resolved. */
  public static Map<String, String> sheet(byte[] xlsx, String name) throws IOException {
    Map<String, String> parts = new HashMap<>();
    java.nio.file.Path tmp = java.nio.file.Files.createTempFile("report", ".xlsx");
    java.nio.file.Files.write(tmp, xlsx);
    try (ZipFile zip = new ZipFile(tmp.toFile())) {
      for (ZipEntry e : java.util.Collections.list(zip.entries())) {
        parts.put(
            e.getName(), new String(zip.getInputStream(e).readAllBytes(), StandardCharsets.UTF_8));
      }
    } finally {
      java.nio.file.Files.deleteIfExists(tmp);
    }
    List<String> shared = new ArrayList<>();
    Matcher s =
        Pattern.compile("<si>.*?<t[^>]*>(.*?)</t>.*?</si>", Pattern.DOTALL)
            .matcher(parts.getOrDefault("xl/sharedStrings.xml", ""));
    while (s.find()) {
      shared.add(s.group(1));
    }
    Map<String, String> cells = new HashMap<>();
    Matcher c =
        Pattern.compile(
                "<c r=\"([A-Z]+[0-9]+)\"([^>]*)>(?:<is><t[^>]*>(.*?)</t></is>|<v>(.*?)</v>)</c>")
            .matcher(parts.get(name));
    while (c.find()) {
      String value =
          c.group(3) != null
              ? c.group(3)
              : c.group(2).contains("t=\"s\"")
                  ? shared.get(Integer.parseInt(c.group(4)))
                  : c.group(4);
      cells.put(c.group(1), unescape(value));
    }
    return cells;
  }

  static String unescape(String xml) {
    Matcher m = Pattern.compile("&#x([0-9a-fA-F]+);").matcher(xml);
    StringBuilder b = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(
          b,
          Matcher.quoteReplacement(
              new String(Character.toChars(Integer.parseInt(m.group(1), 16)))));
    }
    m.appendTail(b);
    return b.toString()
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&");
  }

  public static int rowOf(Map<String, String> cells, String text) {
    return cells.entrySet().stream()
        .filter(e -> e.getKey().startsWith("A") && text.equals(e.getValue()))
        .map(e -> Integer.parseInt(e.getKey().substring(1)))
        .findFirst()
        .orElseThrow(() -> new AssertionError(text + " not in " + cells));
  }
}
