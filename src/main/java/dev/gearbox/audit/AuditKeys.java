package dev.gearbox.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.EnumSet;
import java.util.HexFormat;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Ed25519 key pair that signs audit checkpoints, kept under the data directory: the private
 * key in {@value #PRIVATE_KEY_FILE} (PKCS#8 PEM, readable by its owner only) and the public key
 * in {@value #PUBLIC_KEY_FILE} (X.509 PEM), which is what a verifier needs. The pair is generated
 * with the JDK's own Ed25519 on first start. A key is named by its id: the first 16 hex digits of
 * the SHA-256 of its public key encoding.
 *
 * <p>The signatures guard against someone who can edit the database but cannot read this file;
 * whoever holds the private key can forge checkpoints, so keep it on the gateway host only.
 */
public final class AuditKeys {
  public static final String PRIVATE_KEY_FILE = "audit-ed25519.key";
  public static final String PUBLIC_KEY_FILE = "audit-ed25519.pub";
  static final String ALGORITHM = "Ed25519";

  private static final Logger LOG = LoggerFactory.getLogger(AuditKeys.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private final PrivateKey privateKey;
  private final PublicKey publicKey;

  private AuditKeys(PrivateKey privateKey, PublicKey publicKey) {
    this.privateKey = privateKey;
    this.publicKey = publicKey;
  }

  /**
   * The key pair under {@code dataDir}, generated and stored on first use.
   *
   * @throws AuditException when the files cannot be read or written, or do not form a pair
   */
  public static AuditKeys loadOrCreate(Path dataDir) {
    Path privateFile = dataDir.resolve(PRIVATE_KEY_FILE);
    Path publicFile = dataDir.resolve(PUBLIC_KEY_FILE);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(privateFile)) {
        create(privateFile, publicFile);
      }
      warnIfExposed(privateFile);
      AuditKeys keys = new AuditKeys(readPrivateKey(privateFile), readPublicKey(publicFile));
      keys.requireMatchingPair(privateFile);
      return keys;
    } catch (IOException e) {
      throw new AuditException("cannot read or create the audit key under " + dataDir, e);
    }
  }

  /**
   * Reads a public key as {@link #publicKeyPem()} writes it.
   *
   * @throws AuditException when the file is missing or holds no Ed25519 public key
   */
  public static PublicKey readPublicKey(Path file) {
    try {
      byte[] der = pemBody(Files.readString(file, StandardCharsets.US_ASCII), "PUBLIC KEY");
      return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(der));
    } catch (IOException e) {
      throw new AuditException("cannot read the public key " + file, e);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new AuditException(file + " holds no Ed25519 public key", e);
    }
  }

  /** The id checkpoints name their key by. */
  public static String keyId(PublicKey key) {
    return HexFormat.of().formatHex(Canonical.sha256(key.getEncoded())).substring(0, 16);
  }

  public String keyId() {
    return keyId(publicKey);
  }

  public PublicKey publicKey() {
    return publicKey;
  }

  /** The public key as PEM text ("-----BEGIN PUBLIC KEY-----"). */
  public String publicKeyPem() {
    return pem("PUBLIC KEY", publicKey.getEncoded());
  }

  byte[] sign(byte[] message) {
    try {
      Signature signer = Signature.getInstance(ALGORITHM);
      signer.initSign(privateKey);
      signer.update(message);
      return signer.sign();
    } catch (GeneralSecurityException e) {
      throw new AuditException("cannot sign with the audit key", e);
    }
  }

  static boolean verifies(PublicKey key, byte[] message, byte[] signature) {
    try {
      Signature verifier = Signature.getInstance(ALGORITHM);
      verifier.initVerify(key);
      verifier.update(message);
      return verifier.verify(signature);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static void create(Path privateFile, Path publicFile) throws IOException {
    KeyPair pair;
    try {
      pair = KeyPairGenerator.getInstance(ALGORITHM).generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new AuditException("this JDK cannot generate Ed25519 keys", e);
    }
    writeAtomically(publicFile, pem("PUBLIC KEY", pair.getPublic().getEncoded()), false);
    writeAtomically(privateFile, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), true);
    LOG.info("created the audit signing key {} ({}); verifiers need {}",
        keyId(pair.getPublic()), privateFile, publicFile);
  }

  /** Writes via a temporary file that is owner-only from its creation, then renames it. */
  private static void writeAtomically(Path file, String text, boolean secret) throws IOException {
    Path temporary = file.resolveSibling(file.getFileName() + ".tmp");
    Files.deleteIfExists(temporary);
    if (secret && posix(file.getParent())) {
      Files.createFile(temporary, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
    } else {
      Files.createFile(temporary);
      if (secret) {
        ownerOnlyWithoutPosix(temporary);
      }
    }
    Files.writeString(temporary, text, StandardCharsets.US_ASCII);
    try {
      Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException e) {
      Files.delete(temporary);
      throw e;
    }
  }

  private static void ownerOnlyWithoutPosix(Path file) {
    java.io.File plain = file.toFile();
    boolean restricted = plain.setReadable(false, false) && plain.setReadable(true, true)
        && plain.setWritable(false, false) && plain.setWritable(true, true);
    if (!restricted) {
      LOG.warn("could not restrict {} to its owner; restrict it by hand", file);
    }
  }

  private static boolean posix(Path dir) throws IOException {
    return Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
  }

  private static void warnIfExposed(Path privateFile) throws IOException {
    if (posix(privateFile.getParent())
        && !OWNER_ONLY.containsAll(Files.getPosixFilePermissions(privateFile))) {
      LOG.warn("the audit signing key {} is readable by others; run: chmod 600 {}",
          privateFile, privateFile);
    }
  }

  private static PrivateKey readPrivateKey(Path file) throws IOException {
    try {
      byte[] der = pemBody(Files.readString(file, StandardCharsets.US_ASCII), "PRIVATE KEY");
      return KeyFactory.getInstance(ALGORITHM).generatePrivate(new PKCS8EncodedKeySpec(der));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new AuditException(file + " holds no Ed25519 private key", e);
    }
  }

  private void requireMatchingPair(Path privateFile) {
    byte[] probe = "gearbox audit key check".getBytes(StandardCharsets.US_ASCII);
    if (!verifies(publicKey, probe, sign(probe))) {
      throw new AuditException(privateFile + " and " + PUBLIC_KEY_FILE + " are not one key pair;"
          + " restore the matching public key");
    }
  }

  private static String pem(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
        .encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static byte[] pemBody(String text, String type) {
    String begin = "-----BEGIN " + type + "-----";
    String end = "-----END " + type + "-----";
    int from = text.indexOf(begin);
    int to = text.indexOf(end);
    if (from < 0 || to < from) {
      throw new IllegalArgumentException("no " + type + " block");
    }
    String base64 = text.substring(from + begin.length(), to).replaceAll("\\s", "");
    return Base64.getDecoder().decode(base64);
  }

  @Override
  public String toString() {
    return "AuditKeys[" + keyId() + "]";
  }
}
