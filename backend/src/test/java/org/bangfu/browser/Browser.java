package org.bangfu.browser;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.ElementClickInterceptedException;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium driven through Debian's chromedriver, the way a person uses the app:
 * it types, clicks and reads what is on the screen. Every console message of level SEVERE (a
 * JavaScript error, a failed request) is collected and fails the test that checks it.
 *
 * <p>There is no skipping: without Chromium the tests fail with a message that says what to install
 * (.ci/run installs it).
 */
final class Browser implements AutoCloseable {

  static final Dimension PHONE = new Dimension(390, 844);
  static final Dimension DESKTOP = new Dimension(1280, 900);

  private static final Duration WAIT = Duration.ofSeconds(15);

  private final ChromeDriver driver;
  private final WebDriverWait wait;
  private final Path userDataDir;
  private final String baseUrl;
  private final List<String> consoleErrors = new ArrayList<>();
  private final List<String> expectedErrors = new ArrayList<>();

  private Browser(ChromeDriver driver, Path userDataDir, String baseUrl) {
    this.driver = driver;
    this.userDataDir = userDataDir;
    this.baseUrl = baseUrl;
    this.wait = new WebDriverWait(driver, WAIT);
  }

  static Browser open(String baseUrl) {
    String chromium =
        firstExisting("BANGFU_CHROMIUM", "/usr/bin/chromium", "/usr/bin/chromium-browser");
    String chromedriver =
        firstExisting(
            "BANGFU_CHROMEDRIVER", "/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");
    if (chromium == null || chromedriver == null) {
      throw new AssertionError(
          "The browser tests need Debian's chromium and chromium-driver: "
              + "apt-get install -y chromium chromium-driver (found chromium="
              + chromium
              + ", chromedriver="
              + chromedriver
              + ")");
    }
    Path profile;
    try {
      profile = Files.createTempDirectory("bangfu-chromium-");
    } catch (IOException ex) {
      throw new IllegalStateException(ex);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--no-default-browser-check",
        "--lang=zh-CN",
        "--user-data-dir=" + profile.toAbsolutePath());
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(chromedriver))
            .usingAnyFreePort()
            .build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().window().setSize(DESKTOP);
    return new Browser(driver, profile, baseUrl);
  }

  private static String firstExisting(String envName, String... paths) {
    String fromEnv = System.getenv(envName);
    if (fromEnv != null && !fromEnv.isBlank() && new File(fromEnv).canExecute()) {
      return fromEnv;
    }
    for (String p : paths) {
      if (new File(p).canExecute()) {
        return p;
      }
    }
    return null;
  }

  WebDriver driver() {
    return driver;
  }

  /** Sets the page's viewport (not the window's outer size) to {@code size}. */
  void size(Dimension size) {
    driver.manage().window().setSize(size);
    Number innerWidth = (Number) js("return window.innerWidth");
    Number innerHeight = (Number) js("return window.innerHeight");
    int dw = size.width - innerWidth.intValue();
    int dh = size.height - innerHeight.intValue();
    if (dw != 0 || dh != 0) {
      driver.manage().window().setSize(new Dimension(size.width + dw, size.height + dh));
    }
  }

  void go(String path) {
    driver.get(baseUrl + path);
  }

  String path() {
    String url = driver.getCurrentUrl();
    return url.substring(baseUrl.length());
  }

  WebElement find(String css) {
    return wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector(css)));
  }

  List<WebElement> all(String css) {
    return driver.findElements(By.cssSelector(css));
  }

  /**
   * Clicks an element once it can be clicked, again while something else still covers it (a
   * dropdown just chosen from fades out over the next field, as a person would wait for it).
   */
  void click(String css) {
    clickWhenUncovered(
        () -> wait.until(ExpectedConditions.elementToBeClickable(By.cssSelector(css))));
  }

  void click(WebElement element) {
    clickWhenUncovered(() -> wait.until(ExpectedConditions.elementToBeClickable(element)));
  }

  private void clickWhenUncovered(java.util.function.Supplier<WebElement> clickable) {
    new WebDriverWait(driver, WAIT)
        .ignoring(ElementClickInterceptedException.class)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              clickable.get().click();
              return true;
            });
  }

  /**
   * Replaces the field's text by typing, as a person would (clear() would bypass Vue's v-model).
   */
  void type(String css, String text) {
    WebElement e = find(css);
    e.sendKeys(Keys.chord(Keys.CONTROL, "a"), Keys.DELETE);
    e.sendKeys(text);
  }

  /** Picks an option of an Element Plus select by its visible text. */
  void choose(String selectCss, String optionText) {
    click(selectCss);
    pickOption(
        selectCss,
        By.xpath(
            "//li[contains(@class,'el-select-dropdown__item')][normalize-space()='"
                + optionText
                + "']"));
  }

  /**
   * Picks by name in one of the app's pickers (a searching select): types {@code words} into it as
   * a person would, waits for the server's answer and clicks the option whose text contains {@code
   * part} (a name with its path, "安溪县 · 龙门镇 · 洋坑村").
   */
  void pick(String pickerCss, String words, String part) {
    click(pickerCss);
    WebElement input = find(pickerCss + " input");
    input.sendKeys(words);
    pickOption(
        pickerCss,
        By.xpath(
            "//li[contains(@class,'el-select-dropdown__item')][contains(normalize-space(),'"
                + part
                + "')]"));
  }

  /**
   * Clicks a link of the top bar; on a phone the links sit behind the menu button, which is opened
   * first, as a person would.
   */
  void clickNav(String css) {
    // a change of the page's address folds the menu again (as it should for a person): a page that
    // replaces its query just after the tap folds it under the test, so unfold until the link shows
    long until = System.nanoTime() + WAIT.toNanos();
    while (System.nanoTime() < until) {
      WebElement link = all(css).stream().filter(WebElement::isDisplayed).findFirst().orElse(null);
      if (link != null) {
        try {
          link.click();
          return;
        } catch (org.openqa.selenium.WebDriverException foldedOrCovered) {
          // folded or covered between the look and the tap: look again
        }
      }
      List<WebElement> toggle = all("[data-test=menu-toggle]");
      if (link == null
          && !toggle.isEmpty()
          && toggle.get(0).isDisplayed()
          && !"true".equals(toggle.get(0).getAttribute("aria-expanded"))) {
        toggle.get(0).click();
      }
      pause(Duration.ofMillis(300));
    }
    throw new AssertionError("cannot reach " + css + " in the menu: " + menuState(css));
  }

  /** Why a menu link cannot be reached, for a failure message. */
  private String menuState(String css) {
    return String.valueOf(
        js(
            """
            const l = document.querySelector(arguments[0]);
            const t = document.querySelector('[data-test=menu-toggle]');
            const n = document.querySelector('.top-nav');
            const st = e => { if (!e) return 'none'; const c = getComputedStyle(e); const r = e.getBoundingClientRect();
              return c.display + '/' + c.visibility + '/' + c.opacity + ' ' + Math.round(r.x) + ',' + Math.round(r.y)
                + ' ' + Math.round(r.width) + 'x' + Math.round(r.height); };
            return 'at ' + location.pathname + ', window ' + innerWidth + 'x' + innerHeight + ', scrollY ' + scrollY
              + ', toggle ' + (t ? t.getAttribute('aria-expanded') + ' ' + st(t) : 'none')
              + ', nav ' + (n ? n.className + ' ' + st(n) : 'none') + ', link ' + st(l)
              + ', body ' + document.body.className + ' ' + getComputedStyle(document.body).overflow;""",
            css));
  }

  /**
   * Lets the page write to and read from the clipboard (as a person's browser would after a tap).
   */
  void allowClipboard() {
    driver.executeCdpCommand(
        "Browser.grantPermissions",
        java.util.Map.of(
            "origin",
            baseUrl,
            "permissions",
            List.of("clipboardReadWrite", "clipboardSanitizedWrite")));
  }

  /** What the clipboard holds now. */
  String clipboard() {
    Object text =
        ((JavascriptExecutor) driver)
            .executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "navigator.clipboard.readText().then(done, e => done('ERROR ' + e));");
    return String.valueOf(text);
  }

  /** Runs {@code script} in every page before the page's own scripts (a probe the test reads). */
  void onEveryPage(String script) {
    driver.executeCdpCommand(
        "Page.addScriptToEvaluateOnNewDocument", java.util.Map.of("source", script));
  }

  /** Saves downloads into {@code dir} without asking (a picture the page offers to save). */
  void downloadInto(Path dir) {
    driver.executeCdpCommand(
        "Browser.setDownloadBehavior",
        java.util.Map.of("behavior", "allow", "downloadPath", dir.toAbsolutePath().toString()));
  }

  /** Picks the option of an Element Plus select whose visible text contains {@code part}. */
  void chooseContaining(String selectCss, String part) {
    click(selectCss);
    pickOption(
        selectCss,
        By.xpath(
            "//li[contains(@class,'el-select-dropdown__item')][contains(normalize-space(),'"
                + part
                + "')]"));
  }

  /**
   * Clicks an option of an open dropdown. The option may sit below the dropdown's own scroll area,
   * or the list may still be sliding open: it is scrolled to the middle of that area first, and
   * clicked again while something else is still in its place. A list that closed again before its
   * option showed (the screen re-rendered under the click, on a busy machine) is opened again from
   * {@code selectCss}.
   */
  private void pickOption(String selectCss, By option) {
    new WebDriverWait(driver, WAIT)
        .ignoring(ElementClickInterceptedException.class)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              // another select's list, closed, may hold an option of the same text: the shown one
              WebElement item =
                  d.findElements(option).stream()
                      .filter(WebElement::isDisplayed)
                      .findFirst()
                      .orElse(null);
              if (item == null) {
                boolean open =
                    d.findElements(By.cssSelector(".el-select-dropdown")).stream()
                        .anyMatch(WebElement::isDisplayed);
                if (!open) {
                  click(selectCss);
                }
                return null;
              }
              js("arguments[0].scrollIntoView({block: 'center'});", item);
              item.click();
              return true;
            });
  }

  /**
   * Waits for an element of {@code css} whose text contains {@code text}, and returns it; an
   * element a re-render replaced while it was being read is looked for again.
   */
  WebElement waitForText(String css, String text) {
    return new WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .withMessage(() -> "no " + css + " containing “" + text + "”; the page says: " + bodyText())
        .until(
            d ->
                d.findElements(By.cssSelector(css)).stream()
                    .filter(e -> e.getText().contains(text))
                    .findFirst()
                    .orElse(null));
  }

  /**
   * Waits for an element of {@code css} whose text contains every one of {@code texts}: a line
   * whose parts appear at different moments (a tag fades in after the figure beside it) is read
   * only when the user can read all of it.
   */
  String waitForLine(String css, String... texts) {
    return new WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .withMessage(
            () ->
                "no "
                    + css
                    + " containing all of "
                    + List.of(texts)
                    + "; the page says: "
                    + bodyText())
        .until(
            d ->
                d.findElements(By.cssSelector(css)).stream()
                    .map(WebElement::getText)
                    .filter(t -> Arrays.stream(texts).allMatch(t::contains))
                    .findFirst()
                    .orElse(null));
  }

  /**
   * Clicks {@code buttonCss} inside the element of {@code itemCss} whose text contains {@code
   * text}, again if the list was re-rendered between finding the item and clicking.
   */
  void clickWithin(String itemCss, String text, String buttonCss) {
    new WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(
            d -> {
              waitForText(itemCss, text).findElement(By.cssSelector(buttonCss)).click();
              return true;
            });
  }

  /**
   * The confirmation before a step that publishes or pays: waits for its dialog saying {@code
   * saying}, answers it with {@code reason} when given, agrees, and waits for it to go. Answers
   * what the dialog said.
   */
  String confirmStep(String saying, String reason) {
    String said = waitForText("[data-test=confirm-step]", saying).getText();
    if (reason != null) {
      type("textarea[data-test=confirm-step-input]", reason);
    }
    click("[data-test=confirm-step-ok]");
    waitGone("[data-test=confirm-step]");
    return said;
  }

  String confirmStep(String saying) {
    return confirmStep(saying, null);
  }

  void waitForPath(String path) {
    new WebDriverWait(driver, WAIT)
        .withMessage(
            () ->
                "expected to be at "
                    + path
                    + " but at "
                    + path()
                    + "; the page says: "
                    + bodyText())
        .until(d -> path().startsWith(path));
  }

  void waitForPathNot(String path) {
    new WebDriverWait(driver, WAIT)
        .withMessage(() -> "still at " + path())
        .until(d -> !path().startsWith(path));
  }

  void waitGone(String css) {
    wait.until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(css)));
  }

  /**
   * How far the page is wider than the viewport, in CSS pixels (0 when nothing sticks out
   * sideways).
   */
  long horizontalOverflow() {
    return ((Number) js("return document.documentElement.scrollWidth - window.innerWidth"))
        .longValue();
  }

  /**
   * The elements whose right edge sticks out of the viewport (tag, classes, right edge), for a
   * failure message.
   */
  String overflowingElements() {
    return String.valueOf(
        js(
            """
        return [...document.querySelectorAll('body *')]
          .filter(e => e.getBoundingClientRect().right > window.innerWidth + 0.5)
          .slice(0, 8)
          .map(e => e.tagName.toLowerCase() + '.' + String(e.className).trim().split(/\\s+/).join('.')
                    + ' right=' + Math.round(e.getBoundingClientRect().right))
          .join('; ')"""));
  }

  String bodyText() {
    return driver.findElement(By.tagName("body")).getText();
  }

  Object js(String script, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(script, args);
  }

  /** Signs in through the page, as a person would, and waits for the workspace. */
  void signIn(String username, String password, String expectedPath) {
    submitSignIn(username, password);
    waitForPath(expectedPath);
  }

  /** Signs in and waits until the app has left the sign-in page, wherever it lands. */
  void signIn(String username, String password) {
    submitSignIn(username, password);
    waitForPathNot("/signin");
  }

  private void submitSignIn(String username, String password) {
    go("/signin");
    type("input[data-test=username]", username);
    type("input[data-test=password]", password);
    click("[data-test=signin-submit]");
  }

  void signOut() {
    clickNav("[data-test=sign-out]");
    waitForPath("/signin");
  }

  /** Saves the visible page as a PNG under docs/screenshots (committed; the README shows them). */
  Path screenshot(String name) {
    // let toasts fade and charts finish their entry animation before the picture
    new WebDriverWait(driver, Duration.ofSeconds(6))
        .until(ExpectedConditions.invisibilityOfElementLocated(By.cssSelector(".el-message")));
    pause(Duration.ofMillis(1000));
    Path dir = screenshotDir();
    Path file = dir.resolve(name + ".png");
    try {
      Files.createDirectories(dir);
      // written aside and moved into place: two test JVMs may save the same picture at once
      Path part = Files.createTempFile(dir, name, ".part");
      Files.write(part, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
      Files.move(
          part,
          file,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING,
          java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException ex) {
      throw new IllegalStateException("cannot save " + file, ex);
    }
    return file;
  }

  static Path screenshotDir() {
    // surefire runs in backend/; the screenshots live in the repository's docs/
    Path here = Path.of("").toAbsolutePath();
    Path root = Files.exists(here.resolve("docs")) ? here : here.getParent();
    return root.resolve("docs").resolve("screenshots");
  }

  static void pause(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Declares one console error the test provokes on purpose: Chromium logs every 4xx answer as an
   * error, so a test of a refused input names the request it expects to be refused.
   */
  void expectConsoleError(String fragment) {
    expectedErrors.add(fragment);
  }

  /** The console's SEVERE messages since the last call (JavaScript errors, failed requests). */
  List<String> drainConsoleErrors() {
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.SEVERE.intValue()) {
        String expected =
            expectedErrors.stream().filter(e.getMessage()::contains).findFirst().orElse(null);
        if (expected != null) {
          expectedErrors.remove(expected);
        } else {
          consoleErrors.add(e.getMessage());
        }
      }
    }
    expectedErrors.clear();
    List<String> out = List.copyOf(consoleErrors);
    consoleErrors.clear();
    return out;
  }

  String consoleErrorsText(List<String> errors) {
    return errors.stream().collect(Collectors.joining("\n  ", "\n  ", ""));
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      deleteQuietly(userDataDir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temp profile left behind is harmless
    }
  }
}
