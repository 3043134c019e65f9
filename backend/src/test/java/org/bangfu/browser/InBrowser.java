package org.bangfu.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.bangfu.testing.TestApp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * What every browser test class shares: the whole app on a fresh database with the given data, one
 * headless Chromium for the class, and no console error allowed after any step.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class InBrowser {

  protected TestApp app;
  protected Browser browser;

  /** The data the app starts with. */
  protected abstract TestApp.Data data();

  /** Configuration variables the app starts with besides the tests' own (none by default). */
  protected Map<String, String> env() {
    return Map.of();
  }

  @BeforeAll
  void startAppAndBrowser() {
    app = TestApp.start(data(), env());
    browser = Browser.open(app.baseUrl());
  }

  /**
   * A new browser on the same app, as if the person closed the browser and opened it again: for a
   * test that walks many screens one after another. One tab keeps at most six connections to the
   * server, and after about a hundred sign-ins and page loads in one session the dashboards'
   * requests were seen to queue behind connections the browser still held; each walk starts clean.
   */
  protected void reopenBrowser() {
    browser.close();
    browser = Browser.open(app.baseUrl());
  }

  @AfterAll
  void stopAppAndBrowser() {
    try {
      if (browser != null) {
        browser.close();
      }
    } finally {
      if (app != null) {
        app.close();
      }
    }
  }

  @AfterEach
  void noConsoleErrors() {
    List<String> errors = browser.drainConsoleErrors();
    assertThat(errors).as("browser console errors:%s", browser.consoleErrorsText(errors)).isEmpty();
  }
}
