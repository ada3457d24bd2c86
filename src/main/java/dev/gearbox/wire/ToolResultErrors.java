package dev.gearbox.wire;

import dev.gearbox.model.ContentPart;
import dev.gearbox.model.Message;
import dev.gearbox.model.Role;
import java.util.List;

/**
 * How a failed tool result ({@code is_error: true} in Anthropic's format) is carried in canonical
 * form, which has no flag for it: as a leading text part holding exactly {@link #MARKER}.
 *
 * <p>Why a text part: an OpenAI-format upstream has no error flag either, and the conventional
 * way to tell its model that a tool failed is to say so in the content, which the marker does
 * ("Error: " followed by the result). Being a part of its own, it is recognised exactly and
 * turned back into {@code is_error} when the request goes to an Anthropic upstream.
 */
final class ToolResultErrors {
  static final ContentPart.Text MARKER = new ContentPart.Text("Error: ");

  private ToolResultErrors() {}

  static boolean isError(Message message) {
    return message.role() == Role.TOOL
        && !message.content().isEmpty()
        && message.content().getFirst().equals(MARKER);
  }

  /** The content without the marker. */
  static List<ContentPart> content(Message message) {
    return isError(message)
        ? message.content().subList(1, message.content().size())
        : message.content();
  }
}
