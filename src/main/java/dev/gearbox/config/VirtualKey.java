package dev.gearbox.config;

import dev.gearbox.policy.DataLabel;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;

/**
 * A client key of the gateway, stored only as the SHA-256 of the secret. {@code id} is what the
 * ledger, the audit log and the logs name; the secret is never kept. {@code dataLabel} is the
 * least sensitivity every request of the key gets (a request may ask for more, never less).
 */
public record VirtualKey(
    String id, byte[] sha256, String tenant, boolean admin, Optional<DataLabel> dataLabel) {
  public VirtualKey {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tenant, "tenant");
    Objects.requireNonNull(dataLabel, "dataLabel");
    if (sha256.length != 32) {
      throw new IllegalArgumentException("a key hash is 32 bytes of SHA-256");
    }
    sha256 = sha256.clone();
  }

  /** A key without a data label of its own. */
  public VirtualKey(String id, byte[] sha256, String tenant, boolean admin) {
    this(id, sha256, tenant, admin, Optional.empty());
  }

  @Override
  public byte[] sha256() {
    return sha256.clone();
  }

  @Override
  public String toString() {
    return "VirtualKey[id=" + id + ", tenant=" + tenant + ", admin=" + admin
        + dataLabel.map(l -> ", dataLabel=" + l).orElse("") + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VirtualKey k
        && k.id.equals(id)
        && java.util.Arrays.equals(k.sha256, sha256)
        && k.tenant.equals(tenant)
        && k.admin == admin
        && k.dataLabel.equals(dataLabel);
  }

  @Override
  public int hashCode() {
    return Objects.hash(id, HexFormat.of().formatHex(sha256), tenant, admin, dataLabel);
  }
}
