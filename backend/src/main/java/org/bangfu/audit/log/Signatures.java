package org.bangfu.audit.log;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.HexFormat;

/** Ed25519 signatures over text statements, and the short ids that name public keys. */
public final class Signatures {

  private Signatures() {}

  public static byte[] sign(PrivateKey key, String statement) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key);
      s.update(statement.getBytes(StandardCharsets.UTF_8));
      return s.sign();
    } catch (GeneralSecurityException ex) {
      throw new IllegalStateException("cannot sign with Ed25519", ex);
    }
  }

  public static boolean verify(PublicKey key, String statement, byte[] signature) {
    if (key == null || signature == null) {
      return false;
    }
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key);
      s.update(statement.getBytes(StandardCharsets.UTF_8));
      return s.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException ex) {
      return false;
    }
  }

  /**
   * A key's id: the first 8 bytes of SHA-256 over its X.509 (SubjectPublicKeyInfo) encoding, in
   * hex. Short enough to print, long enough that two keys never share one by chance.
   */
  public static String keyId(PublicKey key) {
    byte[] h = Merkle.sha256().digest(key.getEncoded());
    return HexFormat.of().formatHex(h, 0, 8);
  }

  public static String encode(PublicKey key) {
    return Base64.getEncoder().encodeToString(key.getEncoded());
  }

  /**
   * A public key from its base64 X.509 form; {@link IllegalArgumentException} when it is not one.
   */
  public static PublicKey publicKey(String base64) {
    try {
      return KeyFactory.getInstance("Ed25519")
          .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(base64.trim())));
    } catch (GeneralSecurityException | IllegalArgumentException | NullPointerException ex) {
      throw new IllegalArgumentException("not a base64 Ed25519 public key");
    }
  }
}
