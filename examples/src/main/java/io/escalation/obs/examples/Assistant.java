package io.escalation.obs.examples;

import io.escalation.obs.business.Channel;
import io.escalation.obs.http.Peer;
import io.escalation.obs.llm.LlmCall;
import io.escalation.obs.llm.LlmErrorReason;
import io.escalation.obs.llm.LlmMetrics;
import io.escalation.obs.llm.LlmProvider;
import io.escalation.obs.memory.EmbeddingMetrics;
import io.escalation.obs.memory.MemoryMetrics;
import io.escalation.obs.memory.QdrantMetrics;
import io.escalation.obs.memory.RagMetrics;
import io.escalation.obs.memory.RagStep;
import io.escalation.obs.memory.ShortTermOperation;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The AI side of an agent: before contacting a customer it recalls the conversation from
 * short-term memory (Redis), retrieves similar interactions (embedding, cache, Qdrant search: an
 * agentic RAG pipeline) and has an LLM draft the message, streamed from the OpenAI stand-in with a
 * retry on 429 and a fallback to Anthropic on a server error.
 */
final class Assistant {

    /** Thrown when no provider could draft the message. */
    static final class LlmUnavailable extends Exception {
        private static final long serialVersionUID = 1L;

        LlmUnavailable(String message) {
            super(message);
        }
    }

    /** The model of every draft with {@code --faults none}; see {@link #model}. */
    static final String ECONOMY_MODEL = "gpt-4.1-nano";

    /** A model missing from the price table; see {@link #model}. */
    static final String PREVIEW_MODEL = "gpt-4o-realtime-preview";

    private static final Pattern USAGE =
            Pattern.compile("\"prompt_tokens\":(\\d+),\"cached_tokens\":(\\d+),\"completion_tokens\":(\\d+)");

    private final Random random;
    private final Backend backend;
    private final LlmMetrics llm;
    private final EmbeddingMetrics embeddings;
    private final QdrantMetrics qdrant;
    private final RagMetrics rag;
    private final MemoryMetrics memory;
    private final HttpClient client;
    private final Peer openai;
    private final Peer anthropic;
    private final String openaiUrl;
    private final String anthropicUrl;
    /** Whether phone calls try {@link #PREVIEW_MODEL} (a demo fault) instead of a priced model. */
    private final boolean previewModel;

    Assistant(
            Random random,
            Backend backend,
            LlmMetrics llm,
            EmbeddingMetrics embeddings,
            QdrantMetrics qdrant,
            RagMetrics rag,
            MemoryMetrics memory,
            HttpClient client,
            Peer openai,
            Peer anthropic,
            ExternalApis apis,
            boolean previewModel) {
        this.random = random;
        this.previewModel = previewModel;
        this.backend = backend;
        this.llm = llm;
        this.embeddings = embeddings;
        this.qdrant = qdrant;
        this.rag = rag;
        this.memory = memory;
        this.client = client;
        this.openai = openai;
        this.anthropic = anthropic;
        this.openaiUrl = apis.url("openai") + "/v1/chat/completions";
        this.anthropicUrl = apis.url("anthropic") + "/v1/messages";
    }

    /** Drafts the message of {@code task}: memory, RAG, LLM. */
    String draft(Backend.Task task) throws LlmUnavailable, InterruptedException {
        String session = "session:" + task.id;
        memory.recordShortTerm(ShortTermOperation.GET);
        String history = backend.redisGet(session);

        rag.recordQuery();
        rag.recordStep(RagStep.QUERY_UNDERSTANDING);
        if (draw(100) < 62) {
            embeddings.cacheHit();
        } else {
            embeddings.cacheMiss();
            embeddings.recordGenerated(1, Duration.ofMillis(40 + draw(120)).toNanos());
        }
        long searchNanos = Duration.ofMillis(3 + draw(draw(20) == 0 ? 400 : 25)).toNanos();
        int hits = draw(11);
        int found = rag.retrieve(() -> {
            qdrant.recordSearch(searchNanos, hits);
            return hits;
        });
        rag.recordStep(RagStep.RETRIEVAL);
        if (found > 0) {
            rag.recordStep(RagStep.RERANKING);
        }
        rag.recordStep(RagStep.SYNTHESIS);

        String model = model(task.channel, previewModel);
        String text = complete(model);
        rag.recordStep(RagStep.VERIFICATION);
        double accuracy = 0.55 + draw(45) / 100.0;
        // the preview model's answers carry no score: NaN, which obs drops and counts as a fault
        rag.recordAccuracy(model.equals(PREVIEW_MODEL) ? Double.NaN : accuracy);

        memory.recordShortTerm(ShortTermOperation.SET);
        backend.redisSet(session, history == null ? "1" : history + ",1");
        memory.recordEpisodeStored();
        if (draw(50) == 0) {
            rag.recordLearningEvent();
        }
        return text;
    }

    /**
     * The model of a channel. With the demo faults ({@code previewModel}) e-mails are drafted by gpt-4o,
     * whose spend at the demo's pace crosses HighLLMCost's $10 an hour, and phone calls try
     * {@value #PREVIEW_MODEL}, which the bundled price table does not list: its requests are counted
     * in {@code llm_unpriced_requests_total} (the alert LLMUnpricedRequests) and its missing accuracy
     * score in {@code obs_instrumentation_errors_total} (InstrumentationFaults), obs reporting on
     * its own health. Without them ({@code --faults none}) every draft uses {@value #ECONOMY_MODEL},
     * the cheapest priced model (a twenty-fifth of gpt-4o's price), so that at the example's top pace
     * no cost alert has a reason to fire either.
     */
    static String model(Channel channel, boolean previewModel) {
        if (!previewModel) {
            return ECONOMY_MODEL;
        }
        if (channel == Channel.SMS) {
            return "gpt-4o-mini";
        }
        return channel == Channel.PHONE ? PREVIEW_MODEL : "gpt-4o";
    }

    /** One LLM request: OpenAI, one retry on 429, Anthropic when OpenAI fails with a server error. */
    private String complete(String model) throws LlmUnavailable, InterruptedException {
        LlmCall call = llm.start(LlmProvider.OPENAI, model);
        try {
            for (int attempt = 0; ; attempt++) {
                int status = stream(call, openai, openaiUrl);
                if (status == 200) {
                    return "drafted";
                }
                if (status == 429 && attempt == 0) {
                    call.retry(LlmErrorReason.RATE_LIMIT);
                    continue;
                }
                LlmErrorReason reason = status == 429 ? LlmErrorReason.RATE_LIMIT : LlmErrorReason.SERVER_ERROR;
                call = call.fallback(LlmProvider.ANTHROPIC, "claude-3-5-haiku-20241022", reason);
                if (stream(call, anthropic, anthropicUrl) == 200) {
                    return "drafted";
                }
                call.failure(LlmErrorReason.SERVER_ERROR);
                throw new LlmUnavailable("OpenAI and Anthropic both failed to draft the message");
            }
        } finally {
            call.close(); // no outcome yet (an exception): a cancelled failure
        }
    }

    /** Streams one completion through {@code peer}; on 200 ends {@code call} with the usage. Returns the status. */
    private int stream(LlmCall call, Peer peer, String url) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"stream\":true}"))
                .build();
        try {
            HttpResponse<InputStream> response = peer.send(client, request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    body.readAllBytes();
                    return response.statusCode();
                }
                byte[] first = new byte[64];
                if (body.read(first) > 0) {
                    call.firstToken();
                }
                String rest = new String(body.readAllBytes(), StandardCharsets.UTF_8);
                Matcher usage = USAGE.matcher(rest);
                if (!usage.find()) {
                    call.failure(LlmErrorReason.INVALID_RESPONSE);
                    return 502;
                }
                call.responseLength(80 + rest.length() / 2)
                        .quality(0.6 + draw(40) / 100.0)
                        .success(
                                Long.parseLong(usage.group(1)),
                                Long.parseLong(usage.group(3)),
                                Long.parseLong(usage.group(2)),
                                0);
                return 200;
            }
        } catch (IOException e) {
            return 599; // no response: treated as a server error
        }
    }

    private int draw(int bound) {
        synchronized (random) {
            return random.nextInt(bound);
        }
    }
}
