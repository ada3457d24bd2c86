package dev.gearbox.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuditKeysTest {
  @TempDir Path dir;

  @Test
  void firstStart_createsAPrivateKeyOnlyItsOwnerCanRead() throws Exception {
    AuditKeys.loadOrCreate(dir);

    Path privateKey = dir.resolve(AuditKeys.PRIVATE_KEY_FILE);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(privateKey)))
        .isEqualTo("rw-------");
    assertThat(Files.readString(privateKey)).startsWith("-----BEGIN PRIVATE KEY-----");
    assertThat(Files.readString(dir.resolve(AuditKeys.PUBLIC_KEY_FILE)))
        .startsWith("-----BEGIN PUBLIC KEY-----");
  }

  @Test
  void laterStarts_useTheSameKey_andItsPublicHalfReadsBack() {
    AuditKeys first = AuditKeys.loadOrCreate(dir);
    AuditKeys again = AuditKeys.loadOrCreate(dir);

    assertThat(again.keyId()).isEqualTo(first.keyId()).matches("[0-9a-f]{16}");
    assertThat(AuditKeys.keyId(AuditKeys.readPublicKey(dir.resolve(AuditKeys.PUBLIC_KEY_FILE))))
        .isEqualTo(first.keyId());
  }

  @Test
  void publicKeyOfAnotherPair_isRefusedAtStart(@TempDir Path other) throws Exception {
    AuditKeys.loadOrCreate(dir);
    AuditKeys.loadOrCreate(other);
    Files.copy(other.resolve(AuditKeys.PUBLIC_KEY_FILE), dir.resolve(AuditKeys.PUBLIC_KEY_FILE),
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);

    assertThatThrownBy(() -> AuditKeys.loadOrCreate(dir))
        .isInstanceOf(AuditException.class)
        .hasMessageContaining("not one key pair");
  }

  @Test
  void checkpointSignature_verifiesOnlyForItsOwnFields() {
    AuditKeys keys = AuditKeys.loadOrCreate(dir);
    Checkpoint signed = Checkpoint.sign(7, "ab".repeat(32), Instant.EPOCH, keys);
    Checkpoint moved = new Checkpoint(8, signed.hash(), signed.atEpochMs(), signed.keyId(),
        signed.signature());

    assertThat(signed.verifies(keys.publicKey())).isTrue();
    assertThat(moved.verifies(keys.publicKey())).isFalse();
  }
}
