package org.bangfu.browser;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What a person would notice on any screen, gathered as lines rather than thrown at the first, so
 * one walk names every defect: a catalogue key shown as such, a broken value, an English word on a
 * Chinese screen outside the data, sideways scrolling on a phone, a work list whose rows lack a
 * status or a due date.
 */
final class ScreenCheck {

  /** A catalogue key shown as such ("figures.pledged", "campaigns.state.open", "ob.checks.x"). */
  static final Pattern RAW_KEY = Pattern.compile("\\b[a-z][A-Za-z]{1,20}(\\.[a-z][\\w-]*){1,4}\\b");

  /** What no screen in any language should show. */
  static final List<String> BROKEN = List.of("undefined", "NaN", "[object", "null");

  /**
   * Latin words a Chinese screen may show though they are not data: names of standards, formats and
   * units that officials write in Latin letters too.
   */
  static final Set<String> LATIN_ALLOWED =
      Set.of(
          "360Giving",
          "xlsx",
          "Excel",
          "CSV",
          "csv",
          "JSON",
          "json",
          "PDF",
          "pdf",
          "CNY",
          "RMB",
          "API",
          "URL",
          "Bangfu",
          "SHA",
          "ID",
          "GB",
          "OK",
          "APP",
          "App",
          "app",
          "https",
          "http",
          "www",
          "PNG",
          "png",
          "jpg",
          "JPG",
          "JPEG",
          "WebP",
          "MB",
          "KB",
          "vs",
          "IATI",
          "RFC",
          "Schema",
          "Cochran",
          "English",
          "bangfu");

  /**
   * The page's visible text outside data: an element marked {@code translate="no"} holds names,
   * numbers and words people typed, which stay as they are in either language.
   */
  private static final String WORDS_OUTSIDE_DATA =
      """
      const out = [];
      const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
      for (let n = walk.nextNode(); n; n = walk.nextNode()) {
        const e = n.parentElement;
        if (!e || e.closest('[translate=no], script, style, noscript')) continue;
        if (!e.checkVisibility({ visibilityProperty: true, opacityProperty: true })) continue;
        out.push(n.textContent);
      }
      return out.join(' ');""";

  /** Counts in-flight requests (the live stream apart) so a screen is read once it has loaded. */
  private static final String REQUEST_PROBE =
      """
      (() => { const f = window.fetch; window.__bangfuInflight = 0;
        window.fetch = function (input, init) {
          const url = String(input && input.url || input);
          if (url.includes('/api/v1/events')) return f.call(this, input, init);
          window.__bangfuInflight++;
          return f.call(this, input, init).finally(() => window.__bangfuInflight--);
        }; })();""";

  private final Browser browser;
  private final List<String> problems = new ArrayList<>();

  /**
   * Counts the requests of every page this browser opens from now on ({@link #settle} reads it).
   */
  static void countRequests(Browser browser) {
    browser.onEveryPage(REQUEST_PROBE);
  }

  private final boolean chinese;
  private final boolean phone;

  /** The checks of one walk: in Chinese or English, on a phone or a wide screen. */
  ScreenCheck(Browser browser, boolean chinese, boolean phone) {
    this.browser = browser;
    this.chinese = chinese;
    this.phone = phone;
  }

  /**
   * Opens {@code url}, reads it once it has loaded ({@code ready}: an element to wait for, or
   * null), then opens and reads each of its tabs; {@code route} names the work list to check, if
   * any.
   */
  void read(String where, String url, String ready, List<String> tabs, RouteTable.Route route) {
    browser.go(url);
    settle(ready);
    check(where, route);
    for (String tab : tabs) {
      browser.click(tab);
      settle(null);
      check(where + " " + tab, null);
    }
  }

  List<String> problems() {
    return problems;
  }

  /** Waits until the screen has loaded: no request in flight, no list still loading. */
  void settle(String ready) {
    long start = System.nanoTime();
    try {
      new WebDriverWait(browser.driver(), Duration.ofSeconds(8))
          .pollingEvery(Duration.ofMillis(100))
          .until(d -> busy().isEmpty() && pause() && busy().isEmpty());
      if (ready != null) {
        browser.find(ready);
      }
    } catch (TimeoutException ex) {
      problems.add(browser.path() + " never settled: " + busy() + (ready == null ? "" : ready));
      System.out.println("walk problem: " + problems.get(problems.size() - 1));
    }
    System.out.printf(
        "walk: %s settled in %d ms%n", browser.path(), (System.nanoTime() - start) / 1_000_000);
  }

  private static boolean pause() {
    Browser.pause(Duration.ofMillis(150));
    return true;
  }

  /** What the page is still doing, in words; empty once it has loaded. */
  private String busy() {
    return String.valueOf(
        browser.js(
            """
            const why = [];
            if (document.readyState !== 'complete') why.push('document ' + document.readyState);
            if ((window.__bangfuInflight || 0) > 0) why.push(window.__bangfuInflight + ' requests');
            const loading = [...document.querySelectorAll('[data-test=state-loading], .el-loading-mask')]
              .filter(e => e.checkVisibility());
            if (loading.length) why.push('still loading: ' + loading[0].outerHTML.slice(0, 80));
            if (!document.querySelector('main > *')) why.push('no screen mounted yet');
            return why.join(', ');"""));
  }

  private void check(String where, RouteTable.Route route) {
    int before = problems.size();
    checkAll(where, route);
    problems
        .subList(before, problems.size())
        .forEach(p -> System.out.println("walk problem: " + p));
  }

  private void checkAll(String where, RouteTable.Route route) {
    String text = browser.bodyText();
    Matcher m = RAW_KEY.matcher(text);
    while (m.find()) {
      if (!m.group().matches(".*\\.(xlsx|csv|json|pdf|png|jpg|gov\\.cn|com|cn|org)")) {
        problems.add(where + " shows the catalogue key " + m.group());
      }
    }
    for (String broken : BROKEN) {
      if (Pattern.compile("(?<![A-Za-z])" + Pattern.quote(broken) + "(?![A-Za-z])")
          .matcher(text)
          .find()) {
        problems.add(where + " shows “" + broken + "”");
      }
    }
    if (chinese) {
      checkChinese(where);
    }
    if (phone && browser.horizontalOverflow() > 0) {
      problems.add(where + " scrolls sideways: " + browser.overflowingElements());
    }
    if (route != null && route.workRows() != null) {
      checkWorkRows(where, route.workRows(), route.noDue() == null);
    }
  }

  private void checkChinese(String where) {
    String words = String.valueOf(browser.js(WORDS_OUTSIDE_DATA));
    if (!words.matches("(?s).*[\\u4e00-\\u9fff].*")) {
      problems.add(where + " has no Chinese at all");
    }
    // words with underscores too: a code such as "monitor_case" shown as it is is English to a
    // reader
    Matcher latin =
        Pattern.compile("(?<![\\w.@/-])[A-Za-z][A-Za-z_]*[A-Za-z](?![\\w@/-])").matcher(words);
    Set<String> seen = new java.util.TreeSet<>();
    while (latin.find()) {
      if (!LATIN_ALLOWED.contains(latin.group())) {
        seen.add(latin.group());
      }
    }
    if (!seen.isEmpty()) {
      problems.add(where + " shows English words on a Chinese screen: " + seen);
    }
  }

  /** Every row of a work list says its status and its due date. */
  private void checkWorkRows(String where, String rowsCss, boolean due) {
    Object missing =
        browser.js(
            """
            const rows = [...document.querySelectorAll(arguments[0])].filter(r => r.checkVisibility());
            const text = s => [...s].map(e => e.innerText.trim()).join('');
            const bad = rows.filter(r => !text(r.querySelectorAll('[data-work=status]'))
                                       || (arguments[1] && !text(r.querySelectorAll('[data-work=due]'))));
            return rows.length === 0 ? 'no rows' : bad.length === 0 ? ''
                 : bad.length + ' of ' + rows.length + ' rows, first: ' + bad[0].innerText.slice(0, 120);""",
            rowsCss,
            due);
    if (!String.valueOf(missing).isEmpty()) {
      problems.add(where + " work list without status or due date (" + rowsCss + "): " + missing);
    }
  }
}
