package org.bangfu.audit.log;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Optional;

/**
 * A witness's two files: its state ({@link WitnessState} as JSON, replaced atomically so a crash
 * leaves the old or the new, never half) and its Ed25519 key ({@code <base64 PKCS#8
 * private>:<base64 X.509 public>}, mode 0600, created once). Blocking: call them off the event
 * loop.
 */
public final class WitnessFiles {

  private WitnessFiles() {}

  public static Optional<WitnessState> read(Path file) throws IOException {
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          WitnessState.fromJson(new JsonObject(Files.readString(file, StandardCharsets.UTF_8))));
    } catch (RuntimeException ex) {
      throw new IOException(file + " is not a witness's state file: " + ex.getMessage());
    }
  }

  public static synchronized void write(Path file, WitnessState state) throws IOException {
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, ".witness-", ".tmp");
    try {
      Files.writeString(tmp, state.toJson().encodePrettily() + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException ex) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The key in {@code file}, created (mode 0600) when there is none. */
  public static KeyPair key(Path file) throws IOException {
    if (!Files.exists(file)) {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      KeyPair pair;
      try {
        pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
      } catch (GeneralSecurityException ex) {
        throw new IllegalStateException("Ed25519 is not available in this JDK", ex);
      }
      Path tmp = Files.createTempFile(dir, ".key-", ".tmp");
      try {
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ex) {
          // not a POSIX file system
        }
        Base64.Encoder b64 = Base64.getEncoder();
        Files.writeString(
            tmp,
            b64.encodeToString(pair.getPrivate().getEncoded())
                + ":"
                + b64.encodeToString(pair.getPublic().getEncoded())
                + "\n");
        Files.createLink(file, tmp); // fails when another process made it first
      } catch (FileAlreadyExistsException ex) {
        // theirs is the one
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
    String[] parts = Files.readString(file).trim().split(":");
    try {
      KeyFactory kf = KeyFactory.getInstance("Ed25519");
      return new KeyPair(
          kf.generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(parts[1]))),
          kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(parts[0]))));
    } catch (GeneralSecurityException | RuntimeException ex) {
      throw new IOException(file + " is not an Ed25519 key pair");
    }
  }
}
