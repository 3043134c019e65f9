package org.bangfu.sampling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName(
    "Sample size by Cochran's formula with the finite population correction; a draw anyone can repeat")
class SampleSizeTest {

  @Test
  @DisplayName("95 % and ± 5 %: N = 10,000 → 370, N = 100 → 80, and the known values between")
  void knownValues() {
    assertThat(SampleSize.of(10_000)).isEqualTo(370);
    assertThat(SampleSize.of(100)).isEqualTo(80);
    assertThat(SampleSize.of(1_000)).isEqualTo(278);
    assertThat(SampleSize.of(500)).isEqualTo(218);
    assertThat(SampleSize.of(1_000_000)).isEqualTo(385);
    // tiny frames are checked whole
    assertThat(SampleSize.of(0)).isZero();
    assertThat(SampleSize.of(1)).isEqualTo(1);
    assertThat(SampleSize.of(3)).isEqualTo(3);
    // never more than the frame, and growing with it
    for (int n = 1; n < 5_000; n += 7) {
      assertThat(SampleSize.of(n)).isBetween(1, n);
      assertThat(SampleSize.of(n + 7)).isGreaterThanOrEqualTo(SampleSize.of(n));
    }
    assertThatThrownBy(() -> SampleSize.of(-1)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @DisplayName("the formula itself: z²·p(1−p)/e² corrected by 1 + (n₀ − 1)/N, rounded up")
  void formula() {
    double n0 = 1.96 * 1.96 * 0.25 / (0.05 * 0.05);
    assertThat(n0).isCloseTo(384.16, org.assertj.core.data.Offset.offset(1e-9));
    for (int population : new int[] {50, 250, 2_500, 25_000}) {
      int expected = (int) Math.ceil(n0 / (1 + (n0 - 1) / population));
      assertThat(SampleSize.of(population)).isEqualTo(expected);
    }
    // a wider margin asks for fewer
    assertThat(SampleSize.of(10_000, 1.96, 0.10)).isEqualTo(96);
  }

  @Test
  @DisplayName(
      "the same seed and frame draw the same allocations, in the same order; another seed others")
  void drawIsRepeatable() {
    List<Long> frame = new ArrayList<>(LongStream.rangeClosed(1, 1_000).boxed().toList());
    String seed = "00112233445566778899aabbccddeeff";
    List<Long> drawn = SampleDraw.draw(seed, frame, SampleSize.of(frame.size()));
    assertThat(drawn).hasSize(278).doesNotHaveDuplicates().allMatch(frame::contains);
    java.util.Collections.reverse(frame);
    assertThat(SampleDraw.draw(seed, frame, 278)).isEqualTo(drawn);
    assertThat(SampleDraw.draw("ffeeddccbbaa99887766554433221100", frame, 278)).isNotEqualTo(drawn);
    // the key is SHA-256 of "<seed>:<id>" in hex, as the docs tell anyone to compute it
    assertThat(SampleDraw.key("abc", 1))
        .isEqualTo(
            java.util.HexFormat.of()
                .formatHex(sha256("abc:1".getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    assertThat(SampleDraw.newSeed()).matches("[0-9a-f]{32}");
  }

  private static byte[] sha256(byte[] b) {
    try {
      return java.security.MessageDigest.getInstance("SHA-256").digest(b);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
