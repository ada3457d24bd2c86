package dev.gearbox.server;

import dev.gearbox.config.VirtualKey;
import dev.gearbox.model.GatewayError;
import dev.gearbox.policy.DataLabel;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves the caller's virtual key from {@code Authorization: Bearer} or {@code x-api-key}.
 * Keys are compared by SHA-256 digest in constant time, so neither the stored configuration nor
 * the comparison leaks the secret. With no keys configured the gateway is open, but only to
 * loopback callers: an unconfigured gateway must not become an open relay on a network.
 */
final class Authenticator {
  static final String ANONYMOUS_KEY_ID = "anonymous";
  static final String DEFAULT_TENANT = "default";

  private final List<VirtualKey> keys;

  Authenticator(List<VirtualKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /** The caller's key, or a {@link GatewayError.Unauthorized} explaining what is wrong. */
  Caller authenticate(
      Optional<String> authorization, Optional<String> apiKey, SocketAddress remote) {
    if (keys.isEmpty()) {
      if (!isLoopback(remote)) {
        throw new GatewayError.Unauthorized(
                "this gateway has no keys configured and accepts requests from loopback only")
            .toException();
      }
      return new Caller(ANONYMOUS_KEY_ID, DEFAULT_TENANT, false, Optional.empty());
    }
    List<String> secrets = presented(authorization, apiKey);
    if (secrets.isEmpty()) {
      throw new GatewayError.Unauthorized(
              "missing API key: send 'Authorization: Bearer <key>' or 'x-api-key: <key>'")
          .toException();
    }
    for (String secret : secrets) {
      byte[] digest = sha256(secret);
      for (VirtualKey key : keys) {
        if (MessageDigest.isEqual(digest, key.sha256())) {
          return new Caller(key.id(), key.tenant(), key.admin(), key.dataLabel());
        }
      }
    }
    throw new GatewayError.Unauthorized("invalid API key").toException();
  }

  /**
   * Whether {@code caller} may read what a call of key {@code ownerKeyId} recorded: its own
   * calls, any call with an admin key, and every call on a gateway without keys (which serves
   * loopback callers only).
   */
  boolean mayRead(Caller caller, String ownerKeyId) {
    return keys.isEmpty() || caller.admin() || caller.keyId().equals(ownerKeyId);
  }

  /** Like {@link #authenticate}, and the key must be an admin key (any caller on loopback
   * when no keys are configured). */
  Caller authenticateAdmin(
      Optional<String> authorization, Optional<String> apiKey, SocketAddress remote) {
    Caller caller = authenticate(authorization, apiKey, remote);
    if (!keys.isEmpty() && !caller.admin()) {
      throw new GatewayError.Forbidden("this endpoint needs an admin key (admin: true in config)")
          .toException();
    }
    return caller;
  }

  /**
   * Every key the caller presented. Tools that speak both APIs often send both headers, one of
   * them holding a provider key or a placeholder (Claude Code with an auth token beside an API
   * key), so either may carry the gateway key.
   */
  private static List<String> presented(Optional<String> authorization, Optional<String> key) {
    List<String> secrets = new ArrayList<>(2);
    key.map(String::strip).filter(value -> !value.isEmpty()).ifPresent(secrets::add);
    authorization
        .filter(value -> value.regionMatches(true, 0, "Bearer ", 0, 7))
        .map(value -> value.substring(7).strip())
        .filter(value -> !value.isEmpty())
        .ifPresent(secrets::add);
    return secrets;
  }

  static boolean isLoopback(SocketAddress remote) {
    if (remote instanceof InetSocketAddress inet) {
      InetAddress address = inet.getAddress();
      return address != null && address.isLoopbackAddress();
    }
    return false;
  }

  static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JDK", e);
    }
  }

  /** An authenticated caller: the key's id (never the secret), its tenant and data label. */
  record Caller(String keyId, String tenant, boolean admin, Optional<DataLabel> dataLabel) {}
}
