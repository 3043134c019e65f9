package org.bangfu.privacy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts household personal data (ID number, phone, exact address) at rest with AES-256-GCM.
 *
 * <p>The key is 32 bytes, given base64-encoded in {@code BANGFU_DATA_KEY}; without it a key
 * file {@code data.key} is read from the data directory, or generated there (mode 0600) on
 * first start. Losing the key loses the personal data, so production sets BANGFU_DATA_KEY from
 * a secret store. A ciphertext is {@code nonce(12) || ciphertext || tag(16)}; the field name is
 * the associated data, so a value copied into another column does not decrypt.
 *
 * <p>{@link #digest} is an HMAC-SHA256 under a key derived from the same secret: a blind index
 * that lets the database keep ID numbers unique without ever holding them in clear.
 */
public final class PersonalDataCipher {
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final String KEY_FILE = "data.key";

    private final SecretKeySpec encryptionKey;
    private final SecretKeySpec digestKey;
    private final SecureRandom random = new SecureRandom();

    public PersonalDataCipher(byte[] key) {
        if (key == null || key.length != 32) {
            throw new IllegalArgumentException("the personal data key must be 32 bytes (base64 of 32 random bytes)");
        }
        this.encryptionKey = new SecretKeySpec(key, "AES");
        this.digestKey = new SecretKeySpec(hmac(key, "bangfu-digest-key"), "HmacSHA256");
    }

    /** From BANGFU_DATA_KEY when set, else from (or into) {@code dataDir/data.key}. */
    public static PersonalDataCipher load(String base64Key, Path dataDir) {
        if (base64Key != null && !base64Key.isBlank()) {
            return new PersonalDataCipher(decodeKey(base64Key.trim(), "BANGFU_DATA_KEY"));
        }
        Path file = dataDir.resolve(KEY_FILE);
        try {
            if (Files.exists(file)) {
                return new PersonalDataCipher(decodeKey(Files.readString(file).trim(), file.toString()));
            }
            Files.createDirectories(dataDir);
            byte[] key = new byte[32];
            new SecureRandom().nextBytes(key);
            Path tmp = Files.createTempFile(dataDir, "data.key", ".tmp");
            restrictToOwner(tmp);
            Files.writeString(tmp, Base64.getEncoder().encodeToString(key) + "\n", StandardOpenOption.WRITE);
            try {
                // atomic and refusing to replace: when two verticles start at once, one key wins
                Files.createLink(file, tmp);
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another instance wrote it first: use theirs
            } finally {
                Files.deleteIfExists(tmp);
            }
            return new PersonalDataCipher(decodeKey(Files.readString(file).trim(), file.toString()));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read or create the personal data key " + file, e);
        }
    }

    private static final java.util.concurrent.ConcurrentHashMap<Path, PersonalDataCipher> BY_DIR =
            new java.util.concurrent.ConcurrentHashMap<>();

    /** The process's cipher for a data directory, with BANGFU_DATA_KEY taking precedence. */
    public static PersonalDataCipher forDataDir(Path dataDir) {
        return BY_DIR.computeIfAbsent(dataDir.toAbsolutePath().normalize(),
                dir -> load(System.getenv("BANGFU_DATA_KEY"), dir));
    }

    public static PersonalDataCipher fromEnv(java.util.Map<String, String> env) {
        String dir = env.getOrDefault("BANGFU_DATA_DIR", "data");
        return load(env.get("BANGFU_DATA_KEY"), Path.of(dir));
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
            cipher.init(Cipher.DECRYPT_MODE, encryptionKey, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(field.getBytes(StandardCharsets.UTF_8));
            byte[] clear = cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES);
            return new String(clear, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            // never include the value: only that it could not be opened with this key
            throw new IllegalStateException("personal data could not be decrypted (wrong key or tampered data)", e);
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

    private static void restrictToOwner(Path file) {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | IOException ignored) {
            // not a POSIX file system: the directory's own permissions have to do
        }
    }
}
