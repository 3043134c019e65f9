package org.bangfu.needs;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A need is read from its row by position: the select list must name the record's fields in order.
 */
class NeedColumnsTest {

  @Test
  @DisplayName("the needs' select list gives the Need record's fields, in the record's order")
  void columnsInTheRecordsOrder() {
    List<String> fields =
        Arrays.stream(Need.class.getRecordComponents())
            .map(RecordComponent::getName)
            .map(n -> n.replaceAll("([A-Z])", "_$1").toLowerCase())
            .toList();
    assertThat(selectedNames(NeedRepository.COLUMNS)).isEqualTo(fields);
  }

  /** The names a select list gives its columns ({@code v.name AS village_name}: village_name). */
  static List<String> selectedNames(String select) {
    List<String> out = new ArrayList<>();
    for (String item : select.replaceFirst("^\\s*SELECT\\s+", "").split(",")) {
      String[] words = item.trim().split("\\s+");
      String last = words[words.length - 1];
      out.add(last.substring(last.lastIndexOf('.') + 1));
    }
    return out;
  }
}
