package org.bangfu.http;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The API calls the web app makes, read from its sources (web/src) without running them: every
 * {@code http.get|post|patch|put|delete(…)}, {@code fetchBlob(…)} and {@code downloadExport(…)}
 * with the path it names, and {@code fetch(`${BASE}…`)}. A path is a literal string or a template
 * whose {@code ${…}} stand for whole path segments (the operation's parameters); anything else is
 * unreadable and named, so a call cannot hide from the check. The client itself ({@code
 * api/client.ts}) passes on what it is given and is not read; a wrapper that passes on its caller's
 * path names that parameter {@code path} and its callers are read instead.
 */
final class WebCalls {
  private WebCalls() {}

  /** A call: its method and path segments ({@code null} for a parameter), and where it is. */
  record Call(String method, List<String> segments, String where) {
    String path() {
      return "/" + String.join("/", segments.stream().map(s -> s == null ? "{…}" : s).toList());
    }
  }

  /** What was found: the calls, and the calls whose path could not be read. */
  record Found(List<Call> calls, List<String> unreadable) {}

  /** Each way the app calls the API, and the method it uses. */
  static final Map<String, String> FORMS = new LinkedHashMap<>();

  static {
    FORMS.put("http.get", "GET");
    FORMS.put("http.post", "POST");
    FORMS.put("http.patch", "PATCH");
    FORMS.put("http.put", "PUT");
    FORMS.put("http.delete", "DELETE");
    FORMS.put("fetchBlob", "GET");
    FORMS.put("downloadExport", "GET");
    FORMS.put("fetch", "GET");
  }

  private static final char PARAM = '\u0000';

  static Found read(Path src) {
    List<Call> calls = new ArrayList<>();
    List<String> unreadable = new ArrayList<>();
    try (Stream<Path> files = Files.walk(src)) {
      for (Path f : files.filter(WebCalls::isSource).sorted().toList()) {
        String text = Files.readString(f, StandardCharsets.UTF_8);
        String name = src.relativize(f).toString();
        FORMS.forEach((form, method) -> scan(text, name, form, method, calls, unreadable));
      }
    } catch (IOException ex) {
      throw new UncheckedIOException(ex);
    }
    return new Found(calls, unreadable);
  }

  private static boolean isSource(Path f) {
    String n = f.getFileName().toString();
    String rel = f.toString().replace('\\', '/');
    return (n.endsWith(".ts") || n.endsWith(".vue"))
        && !n.equals("openapi.gen.ts")
        && !n.endsWith(".d.ts")
        && !rel.endsWith("api/client.ts");
  }

  private static void scan(
      String text,
      String file,
      String form,
      String method,
      List<Call> calls,
      List<String> unreadable) {
    int at = 0;
    while ((at = text.indexOf(form, at)) >= 0) {
      int start = at;
      at += form.length();
      if (!callStarts(text, start, at)) {
        continue;
      }
      String where = file + ":" + line(text, start);
      int open = skipGenerics(text, at);
      if (open < 0) {
        continue;
      }
      Object path = firstArgument(text, open + 1, form.equals("fetch"));
      if (path instanceof String s) {
        segments(s)
            .ifPresentOrElse(
                segs -> calls.add(new Call(method, segs, where)),
                () -> unreadable.add(where + " " + form + " " + printable(s)));
      } else if (path != Skip.WRAPPER) {
        unreadable.add(where + " " + form + " " + snippet(text, start));
      }
    }
  }

  /** A wrapper passing on its caller's path: not a call of its own. */
  private enum Skip {
    WRAPPER,
    UNREADABLE
  }

  /** The name stands alone (not part of a longer name) and is not a declaration. */
  private static boolean callStarts(String text, int start, int end) {
    if (start > 0) {
      char before = text.charAt(start - 1);
      if (Character.isLetterOrDigit(before) || before == '_' || before == '.' || before == '$') {
        return false;
      }
    }
    if (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)))) {
      return false;
    }
    String head = text.substring(Math.max(0, start - 20), start);
    return !head.matches("(?s).*\\b(function|async function)\\s+$");
  }

  /** The index of the call's opening parenthesis, past any {@code <Type<…>>}; -1 when none. */
  private static int skipGenerics(String text, int i) {
    i = skipSpace(text, i);
    if (i < text.length() && text.charAt(i) == '<') {
      int depth = 0;
      for (; i < text.length(); i++) {
        char c = text.charAt(i);
        depth += c == '<' ? 1 : c == '>' && text.charAt(i - 1) != '=' ? -1 : 0;
        if (depth == 0) {
          break;
        }
      }
      i = skipSpace(text, i + 1);
    }
    return i < text.length() && text.charAt(i) == '(' ? i : -1;
  }

  /** The path the call names (PARAM for each {@code ${…}}), or why there is none. */
  private static Object firstArgument(String text, int i, boolean fetch) {
    i = skipSpace(text, i);
    if (text.startsWith("withQuery(", i)) {
      i = skipSpace(text, i + "withQuery(".length());
    }
    if (i >= text.length()) {
      return Skip.UNREADABLE;
    }
    char q = text.charAt(i);
    if (q == '\'' || q == '"') {
      int end = text.indexOf(q, i + 1);
      return fetch || end < 0 ? Skip.UNREADABLE : text.substring(i + 1, end);
    }
    if (q == '`') {
      String t = template(text, i + 1);
      if (fetch) {
        return t.startsWith(PARAM + "BASE") ? t.substring(5) : Skip.UNREADABLE;
      }
      return t;
    }
    if (text.startsWith("path", i) && !Character.isLetterOrDigit(text.charAt(i + 4))) {
      return Skip.WRAPPER;
    }
    return Skip.UNREADABLE;
  }

  /**
   * A template's text with each {@code ${…}} as PARAM (for {@code ${BASE}}: PARAM then BASE, so
   * {@code fetch} can tell it).
   */
  private static String template(String text, int i) {
    StringBuilder out = new StringBuilder();
    while (i < text.length() && text.charAt(i) != '`') {
      if (text.startsWith("${", i)) {
        int depth = 1;
        int j = i + 2;
        for (; j < text.length() && depth > 0; j++) {
          char c = text.charAt(j);
          depth += c == '{' ? 1 : c == '}' ? -1 : 0;
        }
        out.append(PARAM);
        if (text.substring(i + 2, j - 1).trim().equals("BASE")) {
          out.append("BASE");
        }
        i = j;
      } else {
        out.append(text.charAt(i++));
      }
    }
    return out.toString();
  }

  /** The path's segments ({@code null}: a parameter); empty when a PARAM is part of a segment. */
  private static java.util.Optional<List<String>> segments(String path) {
    int q = path.indexOf('?');
    String p = q >= 0 ? path.substring(0, q) : path;
    if (!p.startsWith("/")) {
      return java.util.Optional.empty();
    }
    List<String> out = new ArrayList<>();
    for (String s : Arrays.asList(p.substring(1).split("/", -1))) {
      if (s.equals(String.valueOf(PARAM))) {
        out.add(null);
      } else if (s.indexOf(PARAM) >= 0 || s.isEmpty()) {
        return java.util.Optional.empty();
      } else {
        out.add(s);
      }
    }
    return java.util.Optional.of(out);
  }

  /** Does this call reach the documented operation {@code method path} ({@code /needs/{id}})? */
  static boolean reaches(Call c, String method, String path) {
    if (!c.method().equals(method)) {
      return false;
    }
    String[] op = path.substring(1).split("/", -1);
    if (op.length != c.segments().size()) {
      return false;
    }
    for (int i = 0; i < op.length; i++) {
      String s = c.segments().get(i);
      boolean param = op[i].startsWith("{") && op[i].endsWith("}");
      if (param ? s != null : !op[i].equals(s)) {
        return false;
      }
    }
    return true;
  }

  private static int skipSpace(String text, int i) {
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    return i;
  }

  private static int line(String text, int offset) {
    int n = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        n++;
      }
    }
    return n;
  }

  private static String printable(String s) {
    return s.replace(String.valueOf(PARAM), "${…}");
  }

  private static String snippet(String text, int start) {
    int end = text.indexOf('\n', start);
    return text.substring(start, end < 0 ? text.length() : end).trim();
  }
}
