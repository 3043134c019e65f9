package org.bangfu.allocations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A donor's ties are read from their row by position: each statement that reads them must select
 * the ties' columns in {@link AllocationRepository#TIES_COLUMNS}'s order, after the key it puts
 * first.
 */
class TiesColumnsTest {

  @Test
  @DisplayName("every statement of a donor's ties selects their columns in the order they are read")
  void columnsInTheReadOrder() {
    List<String> ties = AllocationRepository.TIES_COLUMNS;
    assertThat(selectedNames(AllocationRepository.DONOR_TIES)).isEqualTo(ties);
    assertThat(selectedNames(AllocationRepository.DONORS_TIES))
        .isEqualTo(Stream.concat(Stream.of("id"), ties.stream()).toList());
    String joined = AllocationRepository.tiesJoin("$1");
    String inner = joined.substring(joined.indexOf("SELECT"), joined.lastIndexOf(") ties ON"));
    assertThat(selectedNames(inner))
        .isEqualTo(Stream.concat(Stream.of("ties_of"), ties.stream()).toList());
  }

  /**
   * The names a statement's outer select list gives its columns ({@code d.id AS ties_of}: ties_of;
   * {@code ARRAY(SELECT …) AS paired_villages}: paired_villages).
   */
  static List<String> selectedNames(String statement) {
    String sql = statement.strip();
    int depth = 0;
    int from = -1;
    // the outer FROM: the first one outside parentheses
    for (int i = 0; i < sql.length() && from < 0; i++) {
      char c = sql.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (depth == 0
          && sql.startsWith("FROM ", i)
          && Character.isWhitespace(sql.charAt(i - 1))) {
        from = i;
      }
    }
    String list = sql.substring("SELECT".length(), from);
    List<String> items = new ArrayList<>();
    depth = 0;
    int start = 0;
    for (int i = 0; i < list.length(); i++) {
      char c = list.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == ',' && depth == 0) {
        items.add(list.substring(start, i));
        start = i + 1;
      }
    }
    items.add(list.substring(start));
    return items.stream()
        .map(String::strip)
        .map(
            item -> {
              String[] words = item.split("\\s+");
              String last = words[words.length - 1];
              return last.substring(last.lastIndexOf('.') + 1);
            })
        .toList();
  }
}
