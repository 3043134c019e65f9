package org.bangfu.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

@DisplayName("Personal data: encryption at rest and masking")
class PersonalDataCipherTest {
  static final byte[] KEY = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

  @Test
  @DisplayName(
      "an ID number round-trips, but the stored bytes never contain it and differ every time")
  void roundTrip() {
    PersonalDataCipher c = new PersonalDataCipher(KEY);
    byte[] a = c.encrypt("household.idNumber", "350524198001010011");
    byte[] b = c.encrypt("household.idNumber", "350524198001010011");
    assertThat(c.decrypt("household.idNumber", a)).isEqualTo("350524198001010011");
    assertThat(a).isNotEqualTo(b);
    assertThat(new String(a, StandardCharsets.ISO_8859_1)).doesNotContain("350524");
  }

  @Test
  @DisplayName("a value moved to another column, a tampered byte or another key does not open")
  void tamperAndWrongKey() {
    PersonalDataCipher c = new PersonalDataCipher(KEY);
    byte[] sealed = c.encrypt("household.phone", "13812345678");
    assertThatThrownBy(() -> c.decrypt("household.address", sealed))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageNotContaining("138");
    byte[] tampered = sealed.clone();
    tampered[tampered.length - 1] ^= 1;
    assertThatThrownBy(() -> c.decrypt("household.phone", tampered))
        .isInstanceOf(IllegalStateException.class);
    byte[] other = KEY.clone();
    other[0] ^= 1;
    assertThatThrownBy(() -> new PersonalDataCipher(other).decrypt("household.phone", sealed))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  @DisplayName("the blind index is stable for a key and differs between keys and fields")
  void digest() {
    PersonalDataCipher c = new PersonalDataCipher(KEY);
    byte[] other = KEY.clone();
    other[5] ^= 1;
    assertThat(c.digest("household.idNumber", "x")).isEqualTo(c.digest("household.idNumber", "x"));
    assertThat(c.digest("household.idNumber", "x"))
        .isNotEqualTo(new PersonalDataCipher(other).digest("household.idNumber", "x"));
    assertThat(c.digest("household.idNumber", "x")).isNotEqualTo(c.digest("household.phone", "x"));
  }

  @Test
  @DisplayName("BANGFU_DATA_KEY must be base64 of 32 bytes")
  void keyFromEnvironment() {
    String good = Base64.getEncoder().encodeToString(KEY);
    assertThat(PersonalDataCipher.resolve(good, null).succeeded()).isTrue();
    assertThat(PersonalDataCipher.resolve("c2hvcnQ=", null).failed()).isTrue();
    assertThat(PersonalDataCipher.resolve("not base64!", null).failed()).isTrue();
  }

  @Test
  @DisplayName("masks: 350524********1234, 138****5678, the address cut to the village")
  void masks() {
    assertThat(Masking.idNumber("350524199001011234")).isEqualTo("350524********1234");
    assertThat(Masking.phone("13812345678")).isEqualTo("138****5678");
    assertThat(Masking.address("福亭村3组12号", "福亭村")).isEqualTo("福亭村***");
    assertThat(Masking.idNumber(null)).isNull();
    assertThat(Masking.phone("123")).isEqualTo("***");
  }
}
