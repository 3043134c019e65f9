package org.bangfu.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.bangfu.households.IdNumbers;
import org.bangfu.privacy.PersonalDataCipher;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * A large file is checked and sealed in slices on several threads: the county must get the same
 * answer as from one thread — every row in the file's order, each refused row reported with its own
 * row number and field, also where a slice ends.
 */
@DisplayName("防返贫: a large warning file checked in slices answers as one")
class WarningSlicesTest {

  @Test
  @DisplayName("slices cover every row once, in order, none smaller than asked but the only one")
  void slicesCoverTheRows() {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < 45_001; i++) {
      rows.add(i);
    }
    List<List<Integer>> two = WarningService.slices(rows, 2, 20_000);
    assertThat(two).hasSize(2);
    assertThat(two.stream().flatMap(List::stream).toList()).isEqualTo(rows);
    assertThat(WarningService.slices(rows.subList(0, 39_999), 2, 20_000)).hasSize(1);
    assertThat(WarningService.slices(rows, 8, 20_000)).hasSize(2);
    assertThat(WarningService.slices(List.of(), 2, 20_000)).containsExactly(List.of());
  }

  @Test
  @DisplayName("the rows and the per-row report are the same from slices as from one thread")
  void slicedAnswersAsOne() {
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    PersonalDataCipher cipher = new PersonalDataCipher(key);
    List<WarningFile.RawRow> raw = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      int rowNo = i + 2; // the header is row 1
      String id = IdNumbers.withCheck("35052419700101" + String.format("%03d", i));
      // a wrong row on each side of where the slices part (rows 500/501) and at both ends
      boolean wrong = i == 0 || i == 499 || i == 500 || i == 999;
      raw.add(
          new WarningFile.RawRow(
              rowNo,
              wrong
                  ? Map.of("idNumber", id, "amount", "约三千元")
                  : Map.of("idNumber", id, "name", "测试", "amount", "6000")));
    }
    WarningService.Prepared one = WarningService.prepareSlice(raw, "medical", cipher);
    List<WarningService.Prepared> parts = new ArrayList<>();
    for (List<WarningFile.RawRow> s : WarningService.slices(raw, 2, 500)) {
      parts.add(WarningService.prepareSlice(s, "medical", cipher));
    }
    assertThat(parts).hasSize(2);
    WarningService.Prepared sliced = WarningService.Prepared.joined(parts);

    assertThat(sliced.total()).isEqualTo(1_000);
    assertThat(sliced.errors()).isEqualTo(one.errors());
    assertThat(sliced.errors())
        .contains(
            new WarningRow.Error(2, "name", "required"),
            new WarningRow.Error(501, "amount", "not_a_number"),
            new WarningRow.Error(502, "name", "required"),
            new WarningRow.Error(1001, "amount", "not_a_number"));
    assertThat(sliced.rejected()).isEqualTo(4);
    assertThat(digests(sliced)).isEqualTo(digests(one)).hasSize(996);
    assertThat(sliced.rows().stream().map(WarningRepository.Staged::rowNo).toList())
        .isEqualTo(one.rows().stream().map(WarningRepository.Staged::rowNo).toList());
  }

  private static List<String> digests(WarningService.Prepared p) {
    return p.rows().stream()
        .map(r -> r.rowNo() + ":" + HexFormat.of().formatHex(r.digest()))
        .toList();
  }
}
