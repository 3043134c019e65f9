package org.bangfu.notices;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The web app lists the notice kinds for its filter and translates each one: a kind the server
 * publishes and the web app does not know reached the public notices as its code (the monitor's
 * kinds did).
 */
@DisplayName("Every kind of notice the server publishes is one the web app lists and names")
class NoticeKindsInWebTest {

  @Test
  @DisplayName("the web app's NOTICE_KINDS are the server's NoticeKinds.ALL")
  void sameKinds() throws IOException {
    Path here = Path.of("").toAbsolutePath();
    Path web = (Files.exists(here.resolve("web")) ? here : here.getParent()).resolve("web/src");
    String funds = Files.readString(web.resolve("funds.ts"));
    Matcher list =
        Pattern.compile("NOTICE_KINDS = \\[(.*?)\\] as const", Pattern.DOTALL).matcher(funds);
    assertThat(list.find()).as("NOTICE_KINDS in web/src/funds.ts").isTrue();
    List<String> kinds = new ArrayList<>();
    Matcher kind = Pattern.compile("'([a-z_]+)'").matcher(list.group(1));
    while (kind.find()) {
      kinds.add(kind.group(1));
    }
    assertThat(kinds).containsExactlyInAnyOrderElementsOf(NoticeKinds.ALL);
  }
}
