package dev.gearbox.wire;

import dev.gearbox.model.ClientText;
import dev.gearbox.model.ContentPart;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Validation of image references shared by both formats: remote URLs must be absolute http(s)
 * URLs, inline images must be base64 in one of the media types both providers accept.
 */
final class Images {
  static final Set<String> MEDIA_TYPES =
      Set.of("image/jpeg", "image/png", "image/gif", "image/webp");
  private static final Set<String> JPEG_ALIASES = Set.of("image/jpg", "image/pjpeg");
  private static final String MEDIA_LIST = "image/jpeg, image/png, image/gif, image/webp";
  private static final String DATA_PREFIX = "data:";
  private static final String BASE64_MARK = ";base64,";

  private Images() {}

  /** An OpenAI {@code image_url.url}: an http(s) URL or a {@code data:} URI. */
  static ContentPart.Image fromOpenAiUrl(String url, Optional<String> detail, String param) {
    if (url.regionMatches(true, 0, DATA_PREFIX, 0, DATA_PREFIX.length())) {
      return fromDataUri(url, detail, param);
    }
    return new ContentPart.Image(remote(url, param), null, null, detail.orElse(null));
  }

  static String remote(String url, String param) {
    try {
      URI uri = new URI(url);
      String scheme = uri.getScheme();
      if (scheme != null && (scheme.equalsIgnoreCase("http") || scheme.equalsIgnoreCase("https"))
          && uri.getHost() != null) {
        return url;
      }
    } catch (URISyntaxException e) {
      // Falls through to the same message: the value is not a usable URL.
    }
    throw Fields.invalid(param, "'" + param + "' must be an http(s) URL or a data: URI "
        + "(data:<media type>;base64,<data>)");
  }

  private static ContentPart.Image fromDataUri(String uri, Optional<String> detail, String param) {
    int mark = uri.indexOf(BASE64_MARK);
    int comma = uri.indexOf(',');
    if (mark < 0 || comma != mark + BASE64_MARK.length() - 1) {
      throw Fields.invalid(param, "'" + param + "' is a data: URI that is not base64; use "
          + "data:<media type>;base64,<data>");
    }
    String header = uri.substring(DATA_PREFIX.length(), mark);
    int parameters = header.indexOf(';');
    String mediaType = (parameters < 0 ? header : header.substring(0, parameters))
        .strip().toLowerCase(Locale.ROOT);
    String data = uri.substring(comma + 1);
    return new ContentPart.Image(null, mediaType(mediaType, param), base64(data, param),
        detail.orElse(null));
  }

  /**
   * The media type as both providers name it. Case is not significant in media types, and
   * {@code image/jpg} (and {@code image/pjpeg}), which browsers, clipboards and many tools write
   * for JPEG files, is {@code image/jpeg}: the Messages API refuses any other spelling.
   */
  static String mediaType(String mediaType, String param) {
    String name = mediaType.strip().toLowerCase(Locale.ROOT);
    if (JPEG_ALIASES.contains(name)) {
      return "image/jpeg";
    }
    if (!MEDIA_TYPES.contains(name)) {
      throw Fields.invalid(param, "unsupported image media type '" + clip(mediaType)
          + "' in '" + param + "'; supported: " + MEDIA_LIST);
    }
    return name;
  }

  static String base64(String data, String param) {
    if (data.isEmpty() || !isBase64(data)) {
      throw Fields.invalid(param, "'" + param + "' does not hold valid base64 image data");
    }
    return data;
  }

  static String dataUri(ContentPart.Image image) {
    return DATA_PREFIX + image.mediaType() + BASE64_MARK + image.base64Data();
  }

  private static boolean isBase64(String data) {
    for (int i = 0; i < data.length(); i++) {
      char c = data.charAt(i);
      boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
          || c == '+' || c == '/' || c == '=' || c == '-' || c == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String clip(String value) {
    return ClientText.shown(value);
  }
}
