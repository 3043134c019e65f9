package org.bangfu.matching;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.bangfu.matching.json.ProblemJson;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/** Bad input is refused with one line per problem, naming the item and the field. */
class ValidationTest {
  static final String VILLAGES =
      "\"villages\":[{\"id\":\"V1\",\"county\":\"350524\",\"township\":\"T1\"}]";

  static List<String> errorsOf(String json) {
    InvalidProblemException e =
        catchThrowableOfType(InvalidProblemException.class, () -> ProblemJson.read(json));
    assertThat(e).as("refused: " + json).isNotNull();
    return e.lines();
  }

  static String problem(String needs, String pledges) {
    return "{" + VILLAGES + ",\"needs\":[" + needs + "],\"pledges\":[" + pledges + "]}";
  }

  static final String NEED =
      "{\"id\":\"N1\",\"village\":\"V1\",\"category\":\"health\",\"unit\":\"CNY\",\"quantity\":10,\"priority\":3}";
  static final String PLEDGE = "{\"id\":\"P1\",\"donor\":\"D1\",\"unit\":\"CNY\",\"quantity\":5}";

  @Test
  @DisplayName("a valid problem with nothing to allocate is not an error: objective 0")
  void emptyProblemIsFine() {
    var p = ProblemJson.read("{\"villages\":[],\"needs\":[],\"pledges\":[]}");
    var r = new AllocationEngine().solve(p);
    assertThat(r.objective()).isZero();
    assertThat(r.allocations()).isEmpty();
  }

  @Test
  @DisplayName("missing required fields and lists are each reported")
  void missingFields() {
    assertThat(errorsOf("{\"villages\":[]}"))
        .containsExactly("needs: is required", "pledges: is required");
    assertThat(
            errorsOf(
                problem(
                    "{\"id\":\"N1\",\"village\":\"V1\",\"category\":\"health\",\"unit\":\"CNY\",\"priority\":3}",
                    PLEDGE)))
        .containsExactly("needs[0] (id \"N1\"): quantity is required");
  }

  @Test
  @DisplayName("wrong types name the field and show the value")
  void wrongTypes() {
    assertThat(errorsOf(problem(NEED.replace("\"quantity\":10", "\"quantity\":\"ten\""), PLEDGE)))
        .containsExactly("needs[0] (id \"N1\"): quantity must be an integer, got \"ten\"");
    assertThat(errorsOf(problem(NEED.replace("\"quantity\":10", "\"quantity\":2.5"), PLEDGE)))
        .containsExactly("needs[0] (id \"N1\"): quantity must be an integer, got 2.5");
    assertThat(errorsOf(problem(NEED, PLEDGE.replace("\"donor\":\"D1\"", "\"donor\":7"))))
        .containsExactly("pledges[0] (id \"P1\"): donor must be a string, got 7");
    assertThat(errorsOf("[1,2]")).containsExactly("input: must be a JSON object");
  }

  @Test
  @DisplayName("lists that are not lists, items that are not objects, trailing content")
  void shapes() {
    assertThat(errorsOf("{\"villages\":{},\"needs\":[3],\"pledges\":[]}"))
        .containsExactly(
            "villages: must be an array, got {}", "needs[0]: must be an object, got 3");
    assertThat(errorsOf("{\"villages\":[],\"needs\":[],\"pledges\":[]} {}"))
        .containsExactly("input: unexpected content after the JSON object");
    assertThat(errorsOf("")).containsExactly("input: is empty");
  }

  @Test
  @DisplayName("ranges: quantity, max, maxPerNeed within 1..10^12, priority 1..5")
  void ranges() {
    assertThat(
            errorsOf(
                problem(
                    NEED.replace("\"quantity\":10", "\"quantity\":0"),
                    PLEDGE.replace(
                        "\"quantity\":5", "\"quantity\":1000000000001,\"maxPerNeed\":0"))))
        .containsExactly(
            "needs[0] (id \"N1\"): quantity must be an integer from 1 to 1000000000000, got 0",
            "pledges[0] (id \"P1\"): quantity must be an integer from 1 to 1000000000000, got 1000000000001",
            "pledges[0] (id \"P1\"): maxPerNeed must be an integer from 1 to 1000000000000, got 0");
  }

  @Test
  @DisplayName("dates must be yyyy-mm-dd and real")
  void dates() {
    assertThat(
            errorsOf(
                "{\"date\":\"2018-02-30\","
                    + VILLAGES
                    + ",\"needs\":["
                    + NEED.replace("}", ",\"deadline\":\"18-1-1\"}")
                    + "],\"pledges\":[]}"))
        .containsExactly(
            "date must be a date yyyy-mm-dd, got \"2018-02-30\"",
            "needs[0] (id \"N1\"): deadline must be a date yyyy-mm-dd, got \"18-1-1\"");
  }

  @Test
  @DisplayName("weights: negative and unknown names are refused")
  void weights() {
    assertThat(
            errorsOf(
                "{\"weights\":{\"coverageBonus\":-1,\"bonus\":3},"
                    + VILLAGES
                    + ",\"needs\":[],\"pledges\":[]}"))
        .containsExactly(
            "weights.coverageBonus: must be an integer from 0 to 1000000, got -1",
            "weights.bonus: unknown weight name (known: priorityUnit, coverageBonus, paired-village, "
                + "hometown-village, hometown-township, hometown-county, paired-county, same-county)");
  }

  @Test
  @DisplayName(
      "references: unknown villages everywhere, unknown counties where counties are listed")
  void references() {
    String json =
        "{\"counties\":[{\"id\":\"350524\",\"pairedWith\":[\"999999\"]}],"
            + VILLAGES
            + ",\"caps\":[{\"village\":\"V9\",\"unit\":\"CNY\",\"max\":5}],\"needs\":["
            + NEED
            + "],\"pledges\":["
            + PLEDGE.replace(
                "}",
                ",\"homeCounty\":\"350000\",\"hometown\":"
                    + "{\"county\":\"350524\",\"village\":\"V7\"},\"pairedVillages\":[\"V1\",\"V8\"]}")
            + "]}";
    assertThat(errorsOf(json))
        .containsExactly(
            "counties[0] (id \"350524\"): pairedWith refers to unknown county \"999999\"",
            "caps[0]: village \"V9\" is not a known village",
            "pledges[0] (id \"P1\"): homeCounty \"350000\" is not a known county",
            "pledges[0] (id \"P1\"): hometown.village \"V7\" is not a known village",
            "pledges[0] (id \"P1\"): pairedVillages[1] \"V8\" is not a known village");
  }

  @Test
  @DisplayName("duplicate ids and duplicate keys are refused")
  void duplicates() {
    assertThat(errorsOf(problem(NEED + "," + NEED, PLEDGE)))
        .containsExactly("needs[1] (id \"N1\"): id duplicates needs[0]");
    assertThat(errorsOf("{\"villages\":[],\"villages\":[],\"needs\":[],\"pledges\":[]}").get(0))
        .startsWith("input: malformed JSON")
        .contains("Duplicate field 'villages'");
  }

  @Test
  @DisplayName("an objective beyond the range of a long is refused with a line, not a crash")
  void objectiveOverflow() {
    StringBuilder needs = new StringBuilder();
    StringBuilder pledges = new StringBuilder();
    for (int k = 0; k < 20; k++) {
      needs
          .append(k == 0 ? "" : ",")
          .append(
              NEED.replace("\"N1\"", "\"N" + k + "\"")
                  .replace("\"quantity\":10", "\"quantity\":1000000000000"));
      pledges
          .append(k == 0 ? "" : ",")
          .append(
              PLEDGE
                  .replace("\"P1\"", "\"P" + k + "\"")
                  .replace("\"quantity\":5", "\"quantity\":1000000000000"));
    }
    var p =
        ProblemJson.read(
            "{\"weights\":{\"priorityUnit\":1000000},"
                + VILLAGES
                + ",\"needs\":["
                + needs
                + "],\"pledges\":["
                + pledges
                + "]}");
    var e =
        catchThrowableOfType(InvalidProblemException.class, () -> new AllocationEngine().solve(p));
    assertThat(e.lines())
        .containsExactly(
            "input: the objective would exceed 9223372036854775807; lower the quantities or the weights");
  }

  @Test
  @DisplayName("the engine refuses an invalid problem built in Java too")
  void engineValidates() {
    var p =
        new org.bangfu.matching.model.Problem(
            null,
            null,
            List.of(),
            List.of(),
            List.of(),
            List.of(new org.bangfu.matching.model.Need("N1", "V1", "health", "CNY", 5, 9, null)),
            List.of());
    var e =
        catchThrowableOfType(InvalidProblemException.class, () -> new AllocationEngine().solve(p));
    assertThat(e.lines())
        .containsExactly(
            "needs[0] (id \"N1\"): village \"V1\" is not a known village",
            "needs[0] (id \"N1\"): priority must be an integer from 1 to 5, got 9");
  }
}
