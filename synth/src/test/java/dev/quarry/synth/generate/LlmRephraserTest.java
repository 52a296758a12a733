package dev.quarry.synth.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.quarry.core.sql.SandboxSettings;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlmRephraserTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<LiteralPhrases> LITS = List.of(
      new LiteralPhrases("'Jefferson High'", List.of("Jefferson High", "Jefferson")),
      new LiteralPhrases("'2023-2024'", List.of("2023-2024", "2023-24", "last year")));
  private static final String QUESTION = "How many incidents were there at Jefferson in 2023-24?";

  private HttpServer server;
  private final AtomicInteger hits = new AtomicInteger();
  private final List<String> authHeaders = new ArrayList<>();
  private final List<String> bodies = new ArrayList<>();

  /** Starts a local chat-completions stub answering with status and body from {@code answer}. */
  private LlmEndpoint serve(int status, Supplier<String> answer) throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v1/chat/completions", ex -> {
      hits.incrementAndGet();
      authHeaders.add(String.valueOf(ex.getRequestHeaders().getFirst("Authorization")));
      bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      byte[] b = answer.get().getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, b.length);
      try (OutputStream o = ex.getResponseBody()) {
        o.write(b);
      }
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort() + "/v1/";
    return new LlmEndpoint(base, "test-model", "TEST_KEY", Duration.ofSeconds(5), 2, 0.5);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private static String completion(String content) {
    return JSON.createObjectNode().set("choices", JSON.createArrayNode().add(
        JSON.createObjectNode().set("message", JSON.createObjectNode().put("role", "assistant").put("content", content))))
        .toString();
  }

  @Test
  void keepsRephrasingsThatExpressEveryLiteralAndSendsTheKeyFromTheEnvironment() throws Exception {
    LlmEndpoint ep = serve(200, () -> completion(
        "1. What was the incident count at Jefferson High last year?\n- \"Count incidents at Jefferson in 2023-24.\"\n"));
    LlmRephraser r = new LlmRephraser(ep, Map.of("TEST_KEY", "sk-test")::get);
    List<String> out = r.rephrase(QUESTION, LITS, 3);
    assertThat(out).containsExactly("What was the incident count at Jefferson High last year?",
        "Count incidents at Jefferson in 2023-24.");
    assertThat(authHeaders).containsExactly("Bearer sk-test");
    assertThat(JSON.readTree(bodies.get(0)).path("model").asText()).isEqualTo("test-model");
    assertThat(JSON.readTree(bodies.get(0)).path("messages").get(1).path("content").asText()).contains(QUESTION);
  }

  @Test
  void rejectsRephrasingsThatDropALiteral() throws Exception {
    LlmEndpoint ep = serve(200, () -> completion("How many incidents were there at Jefferson?\n"
        + "How many incidents happened in 2023-24?\nHow many incidents were there at Jefferson in 2023-24?"));
    List<String> out = new LlmRephraser(ep, k -> null).rephrase(QUESTION, LITS, 3);
    assertThat(out).isEmpty();
    assertThat(authHeaders).containsExactly("null");
  }

  @Test
  void retriesServerErrorsThenGivesUpWithoutThrowing() throws Exception {
    LlmEndpoint ep = serve(500, () -> "oops");
    LlmRephraser r = new LlmRephraser(ep, k -> null);
    assertThat(r.rephrase(QUESTION, LITS, 3)).isEmpty();
    assertThat(hits.get()).isEqualTo(3);
    assertThat(r.failures()).isEqualTo(1);
  }

  @Test
  void ignoresGarbageAndMalformedAnswers() throws Exception {
    List<String> answers = new ArrayList<>(List.of("not json at all", "{\"choices\": []}",
        "{\"choices\": [{\"message\": {\"role\": \"assistant\"}}]}"));
    LlmEndpoint ep = serve(200, () -> answers.remove(0));
    LlmRephraser r = new LlmRephraser(ep, k -> null);
    for (int i = 0; i < 3; i++) {
      assertThat(r.rephrase(QUESTION, LITS, 3)).isEmpty();
    }
    assertThat(hits.get()).isEqualTo(3);
    assertThat(r.failures()).isEqualTo(3);
  }

  @Test
  void theGeneratorAddsLlmRephrasingsWhenAnEndpointIsConfigured() throws Exception {
    LlmEndpoint ep = serve(200, () -> completion("unused"));
    CandidateGenerator g = new CandidateGenerator(TestData.domain(), TestData.catalog(),
        TestData.small().withSamplesPerTemplate(2).withLlm(ep));
    assertThat(g.usesLlm()).isTrue();
    g.expand(g.templates().get(0));
    assertThat(hits.get()).isPositive();
  }

  @Test
  void theSelfTrainingFilterKeepsOnlyRephrasingsTheModelMapsToTheGoldResult(@TempDir Path dir) throws Exception {
    String gold = "SELECT COUNT(*) FROM students WHERE school_name = 'Jefferson High'";
    String same = "What is the number of students at Jefferson High in 2023-24?";
    String other = "How many kids at Jefferson High in 2023-24 in all?";
    String unanswered = "Jefferson High 2023-24 head count?";
    String invalid = "Count of Jefferson pupils, 2023-24?";
    Path model = dir.resolve("answers.tsv");
    Files.write(model, List.of(
        same + "\tSELECT COUNT(student_id) FROM students WHERE school_name = 'Jefferson High'",
        other + "\tSELECT COUNT(*) FROM students",
        invalid + "\tSELECT COUNT(*) FROM nowhere"));
    LlmEndpoint ep = serve(200, () -> completion(String.join("\n", same, other, unanswered, invalid)));
    try (SelfTrainingFilter filter = new SelfTrainingFilter("lookup:" + model, TestData.domain(),
        TestData.seedDir().toString(), SandboxSettings.defaults())) {
      LlmRephraser r = new LlmRephraser(ep, k -> null, filter);
      assertThat(r.rephrase(QUESTION, gold, LITS, 4)).containsExactly(same);
      assertThat(filter.kept()).isEqualTo(1);
      assertThat(filter.dropped()).isEqualTo(3);
      assertThat(new LlmRephraser(ep, k -> null).rephrase(QUESTION, gold, LITS, 4))
          .as("without the filter every rephrasing that expresses its literals is kept")
          .containsExactly(same, other, unanswered, invalid);
    }
  }

  @Test
  void theSelfTrainingFilterNamesAnUnknownModelScheme() {
    SelfTrainingFilter filter = new SelfTrainingFilter("nosuch:model", TestData.domain(),
        TestData.seedDir().toString(), SandboxSettings.defaults());
    assertThatThrownBy(() -> filter.keeps("How many students?", "SELECT COUNT(*) FROM students"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no provider for scheme nosuch")
        .hasMessageContaining("lookup");
    filter.close();
  }

  @Test
  void nothingContactsTheNetworkWithoutAConfiguredEndpoint() {
    assertThat(LlmEndpoint.fromEnvironment(Map.of())).isEmpty();
    assertThat(SynthConfig.defaults().llm()).isNull();
    long before = LlmRephraser.requestsSent();
    CandidateGenerator g = new CandidateGenerator(TestData.domain(), TestData.catalog(), TestData.small());
    assertThat(g.usesLlm()).isFalse();
    g.templates().forEach(g::expand);
    assertThat(LlmRephraser.requestsSent()).isEqualTo(before);
  }

  @Test
  void readsTheEndpointFromTheEnvironment() {
    LlmEndpoint ep = LlmEndpoint.fromEnvironment(Map.of(LlmEndpoint.ENV_BASE_URL, "http://llm:8000/v1/",
        LlmEndpoint.ENV_MODEL, "m", LlmEndpoint.ENV_KEY_VAR, "MY_KEY")).orElseThrow();
    assertThat(ep.baseUrl()).isEqualTo("http://llm:8000/v1");
    assertThat(ep.model()).isEqualTo("m");
    assertThat(ep.apiKeyEnv()).isEqualTo("MY_KEY");
  }

  @Test
  void cleansNumberingBulletsAndQuotes() {
    assertThat(LlmRephraser.clean("  2) \"How many?\" ")).isEqualTo("How many?");
    assertThat(LlmRephraser.clean("* Count them.")).isEqualTo("Count them.");
  }
}
