package dev.gearbox.cost;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingRegistry;
import com.knuddels.jtokkit.api.EncodingType;
import com.knuddels.jtokkit.api.IntArrayList;
import dev.gearbox.model.ChatRequest;
import dev.gearbox.model.ContentPart;
import dev.gearbox.model.Message;
import dev.gearbox.model.Tool;
import dev.gearbox.model.ToolCall;
import dev.gearbox.model.Usage;
import dev.gearbox.model.UsageSource;

/**
 * Counts tokens with a real BPE tokenizer (jtokkit, bundled vocabularies: no download). Used when
 * an upstream reports no usage, for the counterfactual on another model, and by the simulator.
 *
 * <p>Chat overhead follows OpenAI's published accounting for chat models: 3 tokens per message
 * plus 3 to prime the reply. Images are counted at a flat 85 tokens (OpenAI's low-detail price);
 * a provider's own count, when it reports one, always wins over this estimate.
 */
public final class TokenCounter {
  private static final int TOKENS_PER_MESSAGE = 3;
  private static final int REPLY_PRIMING_TOKENS = 3;
  private static final int IMAGE_TOKENS = 85;

  private static final EncodingRegistry REGISTRY = Encodings.newLazyEncodingRegistry();

  private final Encoding encoding;

  private TokenCounter(Encoding encoding) {
    this.encoding = encoding;
  }

  /** cl100k_base: GPT-4 and GPT-3.5 era models, and the default for unknown models. */
  public static TokenCounter cl100k() {
    return new TokenCounter(REGISTRY.getEncoding(EncodingType.CL100K_BASE));
  }

  /** o200k_base: GPT-4o and later OpenAI models. */
  public static TokenCounter o200k() {
    return new TokenCounter(REGISTRY.getEncoding(EncodingType.O200K_BASE));
  }

  /** The encoding named in config ("cl100k_base", "o200k_base"); cl100k_base when unknown. */
  public static TokenCounter named(String encodingName) {
    return REGISTRY
        .getEncoding(encodingName)
        .map(TokenCounter::new)
        .orElseGet(TokenCounter::cl100k);
  }

  public String encodingName() {
    return encoding.getName();
  }

  public int count(String text) {
    return encoding.countTokensOrdinary(text);
  }

  /**
   * The longest prefix of {@code text} of at most {@code maxTokens} tokens, cut at a token
   * boundary and never inside a character: what a model emits when it stops at its token limit.
   * Returns {@code text} itself when it already fits.
   *
   * @throws IllegalArgumentException when {@code maxTokens} is negative
   */
  public String truncate(String text, int maxTokens) {
    if (maxTokens < 0) {
      throw new IllegalArgumentException("maxTokens must not be negative");
    }
    IntArrayList tokens = encoding.encodeOrdinary(text);
    if (tokens.size() <= maxTokens) {
      return text;
    }
    for (int keep = maxTokens; keep > 0; keep--) {
      IntArrayList head = new IntArrayList(keep);
      for (int i = 0; i < keep; i++) {
        head.add(tokens.get(i));
      }
      String prefix = encoding.decode(head);
      // A byte-level token can end inside a multi-byte character; such a prefix decodes to a
      // replacement character and is not a prefix of the text, so one token fewer is kept. The
      // count is checked again because a cut text may tokenise differently from the whole.
      if (text.startsWith(prefix) && count(prefix) <= maxTokens) {
        return prefix;
      }
    }
    return "";
  }

  /** Prompt tokens of a whole request: messages, tool calls, tool schemas and chat overhead. */
  public long countPrompt(ChatRequest request) {
    long total = REPLY_PRIMING_TOKENS;
    for (Message message : request.messages()) {
      total += countMessage(message);
    }
    for (Tool tool : request.tools()) {
      total += count(tool.name()) + count(tool.description().orElse(""));
      total += count(tool.parametersSchema().toString());
    }
    return total;
  }

  /**
   * Usage of a call the upstream reported none for: the prompt and the answer counted here,
   * marked {@link UsageSource#COUNTED} so the ledger says where the numbers came from.
   */
  public Usage countUsage(ChatRequest request, String answerText) {
    return Usage.counted(countPrompt(request), count(answerText));
  }

  /** Tokens of one message as it sits in a prompt, overhead included. */
  public long countMessage(Message message) {
    long total = TOKENS_PER_MESSAGE;
    for (ContentPart part : message.content()) {
      total +=
          switch (part) {
            case ContentPart.Text text -> count(text.text());
            case ContentPart.Image ignored -> IMAGE_TOKENS;
          };
    }
    for (ToolCall call : message.toolCalls()) {
      total += count(call.name()) + count(call.argumentsJson());
    }
    return total;
  }
}
