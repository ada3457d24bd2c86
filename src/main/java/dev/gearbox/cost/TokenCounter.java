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
import java.util.function.ToLongFunction;

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
    return promptTotal(request, this::count);
  }

  /**
   * A bound that {@link #countPrompt} never exceeds, whatever the encoding, in one pass over the
   * text and without tokenising: every token of a byte-level BPE vocabulary covers at least one
   * UTF-8 byte, so bytes stand in for tokens. What checks a prompt against a context window
   * uses it first and tokenises only the prompts it cannot clear (counting a 100k-token agent
   * history takes about 45 ms on one core here).
   */
  public static long promptTokensAtMost(ChatRequest request) {
    return promptTotal(request, TokenCounter::utf8Bytes);
  }

  private static long promptTotal(ChatRequest request, ToLongFunction<String> tokens) {
    long total = REPLY_PRIMING_TOKENS;
    for (Message message : request.messages()) {
      total += messageTotal(message, tokens);
    }
    for (Tool tool : request.tools()) {
      total += tokens.applyAsLong(tool.name())
          + tokens.applyAsLong(tool.description().orElse(""));
      total += tokens.applyAsLong(tool.parametersSchema().toString());
    }
    return total;
  }

  private static long utf8Bytes(String text) {
    long bytes = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c) && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += 3;
      }
    }
    return bytes;
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
    return messageTotal(message, this::count);
  }

  private static long messageTotal(Message message, ToLongFunction<String> tokens) {
    long total = TOKENS_PER_MESSAGE;
    for (ContentPart part : message.content()) {
      total +=
          switch (part) {
            case ContentPart.Text text -> tokens.applyAsLong(text.text());
            case ContentPart.Image ignored -> IMAGE_TOKENS;
            case ContentPart.Thinking thinking -> tokens.applyAsLong(thinking.text());
            case ContentPart.RedactedThinking ignored -> 0;
          };
    }
    for (ToolCall call : message.toolCalls()) {
      total += tokens.applyAsLong(call.name()) + tokens.applyAsLong(call.argumentsJson());
    }
    return total;
  }
}
