package org.bangfu.privacy;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bangfu.keys.Keys;

/**
 * Encrypts household personal data (ID number, phone, exact address) at rest with AES-256-GCM.
 *
 * <p>The key is 32 bytes, given base64-encoded in {@code BANGFU_DATA_KEY} or kept in the key file
 * {@code BANGFU_DATA_DIR/keys/personal-data.key} (mode 0600), never in the database, so a dump of
 * the database alone does not open the personal data ({@link Keys}). Losing the key loses the data.
 *
 * <p>A ciphertext is {@code nonce(12) || ciphertext || tag(16)}; the field name is the associated
 * data, so a value copied into another column does not decrypt. {@link #digest} is an HMAC-SHA256
 * under a key derived from the same secret: a blind index that lets the database keep ID numbers
 * unique without ever holding them in clear.
 */
public final class PersonalDataCipher {
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;

  private final SecretKeySpec encryptionKey;
  private final SecretKeySpec digestKey;
  private final SecureRandom random = new SecureRandom();

  public PersonalDataCipher(byte[] key) {
    if (key == null || key.length != 32) {
      throw new IllegalArgumentException(
          "the personal data key must be 32 bytes (base64 of 32 random bytes)");
    }
    this.encryptionKey = new SecretKeySpec(key, "AES");
    this.digestKey = new SecretKeySpec(hmac(key, "bangfu-digest-key"), "HmacSHA256");
  }

  /**
   * A cipher with {@code base64Key} when given; otherwise the cipher of this deployment ({@link
   * #resolve(SqlClient)}).
   */
  public static Future<PersonalDataCipher> resolve(String base64Key, SqlClient sql) {
    if (base64Key != null && !base64Key.isBlank()) {
      try {
        return Future.succeededFuture(
            new PersonalDataCipher(decodeKey(base64Key.trim(), "BANGFU_DATA_KEY")));
      } catch (IllegalArgumentException e) {
        return Future.failedFuture(e);
      }
    }
    return resolve(sql);
  }

  /**
   * The cipher of this deployment, with the key the start loaded ({@link Keys}: BANGFU_DATA_KEY or
   * the key file, never the database). {@code sql} is not used any more; it stays so callers need
   * not change.
   */
  public static Future<PersonalDataCipher> resolve(SqlClient sql) {
    return Keys.installed()
        .map(k -> Future.succeededFuture(new PersonalDataCipher(k.dataKey())))
        .orElseGet(
            () ->
                Future.failedFuture(
                    new IllegalStateException(
                        "the personal-data key is not loaded: the start loads it (Keys.load) before any use")));
  }

  public byte[] encrypt(String field, String clear) {
    if (clear == null) {
      return null;
    }
    try {
      byte[] nonce = new byte[NONCE_BYTES];
      random.nextBytes(nonce);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
      byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
      byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
      System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  public String decrypt(String field, byte[] sealed) {
    if (sealed == null) {
      return null;
    }
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(
          Cipher.DECRYPT_MODE,
          encryptionKey,
          new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
      cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
      byte[] clear = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
      return new String(clear, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      // never include the value: only that it could not be opened with this key
      throw new IllegalStateException(
          "personal data could not be decrypted (wrong key or tampered data)", e);
    }
  }

  /** A keyed, deterministic digest for uniqueness checks (blind index). */
  public byte[] digest(String field, String clear) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(digestKey);
      mac.update(field.getBytes(StandardCharsets.UTF_8));
      mac.update((byte) 0);
      return mac.doFinal(clear.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("digest failed", e);
    }
  }

  /**
   * A digester of one field for many values in a row (a warning file's ID numbers): the same digest
   * as {@link #digest}, one MAC made once. Not for several threads at once: make one per thread.
   */
  public Digester digester(String field) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(digestKey);
      return new Digester(mac, field.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("digest failed", e);
    }
  }

  /** See {@link #digester}. */
  public static final class Digester {
    private final Mac mac;
    private final byte[] field;

    private Digester(Mac mac, byte[] field) {
      this.mac = mac;
      this.field = field;
    }

    public byte[] digest(String clear) {
      mac.update(field);
      mac.update((byte) 0);
      return mac.doFinal(clear.getBytes(StandardCharsets.UTF_8));
    }
  }

  /**
   * A sealer of one field for many values in a row: the same ciphertext format as {@link #encrypt},
   * one cipher object made once. Not for several threads at once: make one per thread.
   */
  public Sealer sealer(String field) {
    try {
      return new Sealer(
          Cipher.getInstance("AES/GCM/NoPadding"), field.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("encryption failed", e);
    }
  }

  /** See {@link #sealer}. */
  public final class Sealer {
    private final Cipher cipher;
    private final byte[] field;

    private Sealer(Cipher cipher, byte[] field) {
      this.cipher = cipher;
      this.field = field;
    }

    public byte[] seal(String clear) {
      if (clear == null) {
        return null;
      }
      try {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        cipher.init(Cipher.ENCRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(field);
        byte[] sealed = cipher.doFinal(clear.getBytes(StandardCharsets.UTF_8));
        byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
        System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
        return out;
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException("encryption failed", e);
      }
    }
  }

  private static byte[] hmac(byte[] key, String label) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(label.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static byte[] decodeKey(String base64, String where) {
    try {
      return Base64.getDecoder().decode(base64);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(where + " is not base64 of 32 bytes");
    }
  }
}
