package dev.gearbox.demo;

import dev.gearbox.audit.AuditException;
import dev.gearbox.audit.AuditKeys;
import dev.gearbox.audit.AuditReader;
import dev.gearbox.audit.AuditVerifier;
import dev.gearbox.audit.Verification;
import dev.gearbox.config.GatewayConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.List;

/**
 * Verifies the audit log a demo run left behind, the way {@code gearbox audit verify} does:
 * the hash chain record by record and every checkpoint against the gateway's public key.
 */
final class AuditCheck {
  private AuditCheck() {}

  /** The verdict in a few words: verified with counts, or broken where and how. */
  static String verify(GatewayConfig config) {
    try {
      Verification verdict = new AuditVerifier(AuditReader.direct(config.database()),
          publicKeys(config.dataDir()), List.of()).verify();
      return describe(verdict);
    } catch (AuditException e) {
      return "not verified: " + e.getMessage();
    }
  }

  static String describe(Verification verdict) {
    return switch (verdict) {
      case Verification.Intact intact -> "verified: " + intact.records() + " records chained, "
          + intact.checkpoints() + " signed checkpoint" + (intact.checkpoints() == 1 ? "" : "s");
      case Verification.Broken broken -> "BROKEN at record " + broken.seq() + " ("
          + broken.problem().label() + ")";
    };
  }

  private static List<PublicKey> publicKeys(Path dataDir) {
    Path key = dataDir.resolve(AuditKeys.PUBLIC_KEY_FILE);
    return Files.exists(key) ? List.of(AuditKeys.readPublicKey(key)) : List.of();
  }
}
