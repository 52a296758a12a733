package dev.quarry.eval.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.model.Generation;
import dev.quarry.core.model.GeneratorContext;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenAI-compatible adapter against an in-process HTTP server. */
class OpenAiGeneratorTest {

  private record Reply(int status, String content, long delayMs) {}

  private HttpServer server;
  private final Deque<Reply> replies = new ArrayDeque<>();
  private final AtomicInteger calls = new AtomicInteger();
  private final AtomicReference<String> lastBody = new AtomicReference<>();
  private final AtomicReference<String> lastAuth = new AtomicReference<>();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/v1/chat/completions", ex -> {
      calls.incrementAndGet();
      lastBody.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      lastAuth.set(ex.getRequestHeaders().getFirst("Authorization"));
      Reply r;
      synchronized (replies) {
        r = replies.size() > 1 ? replies.poll() : replies.peek();
      }
      try {
        Thread.sleep(r.delayMs());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      String body = r.status() == 200 && r.content() != null && !r.content().startsWith("RAW:")
          ? new ObjectMapper().createObjectNode().set("choices", new ObjectMapper().createArrayNode().add(
              new ObjectMapper().createObjectNode().set("message",
                  new ObjectMapper().createObjectNode().put("role", "assistant").put("content", r.content())))).toString()
          : r.content() == null ? "oops" : r.content().substring(4);
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      try {
        ex.sendResponseHeaders(r.status(), b.length);
        ex.getResponseBody().write(b);
      } catch (IOException e) {
        // client gave up (timeout test)
      }
      ex.close();
    });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private OpenAiGenerator generator(Duration timeout, int retries) {
    return new OpenAiGenerator("http://127.0.0.1:" + server.getAddress().getPort() + "/v1",
        new GeneratorContext(DomainLoader.load("education"), null, "test-model", "sk-test", timeout, retries));
  }

  private void reply(Reply... rs) {
    synchronized (replies) {
      replies.clear();
      replies.addAll(java.util.List.of(rs));
    }
  }

  @Test
  void goodAnswerGivesTheSqlAndSendsSchemaPromptAndKey() throws IOException {
    reply(new Reply(200, "SELECT COUNT(*) FROM students;", 0));
    Generation g = generator(Duration.ofSeconds(5), 0).generate("how many kids");
    assertThat(g.bestSql()).isEqualTo("SELECT COUNT(*) FROM students");
    var body = new ObjectMapper().readTree(lastBody.get());
    assertThat(body.path("model").asText()).isEqualTo("test-model");
    assertThat(body.path("temperature").asDouble(-1)).isZero();
    assertThat(body.at("/messages/0/role").asText()).isEqualTo("system");
    assertThat(body.at("/messages/0/content").asText()).contains("CREATE TABLE students");
    assertThat(body.at("/messages/1/content").asText()).isEqualTo("how many kids");
    assertThat(lastAuth.get()).isEqualTo("Bearer sk-test");
  }

  @Test
  void fencedCodeBlockIsExtracted() {
    reply(new Reply(200, "Sure! Here it is:\n```sql\nSELECT 1 AS x\n```\nThis counts.", 0));
    assertThat(generator(Duration.ofSeconds(5), 0).generate("q").bestSql()).isEqualTo("SELECT 1 AS x");
  }

  @Test
  void garbageGivesAnEmptyPredictionWithAReason() {
    reply(new Reply(200, "I cannot help with that.", 0));
    OpenAiGenerator g = generator(Duration.ofSeconds(5), 0);
    assertThat(g.generate("q").candidates()).isEmpty();
    assertThat(g.lastError()).contains("malformed answer");
    reply(new Reply(200, "RAW:{\"not\":\"openai\"}", 0));
    assertThat(g.generate("q").candidates()).isEmpty();
    assertThat(g.lastError()).contains("malformed response");
  }

  @Test
  void slowAnswerTimesOutAndIsRetriedThenGivesUp() {
    reply(new Reply(200, "SELECT 1", 1500));
    OpenAiGenerator g = generator(Duration.ofMillis(300), 1);
    Generation out = g.generate("q");
    assertThat(out.candidates()).isEmpty();
    assertThat(g.lastError()).contains("timeout").contains("2 attempts");
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void http500IsRetriedAndASuccessfulRetryCounts() {
    reply(new Reply(500, "RAW:boom", 0), new Reply(200, "SELECT 2", 0));
    assertThat(generator(Duration.ofSeconds(5), 2).generate("q").bestSql()).isEqualTo("SELECT 2");
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void http500AfterAllRetriesGivesAnEmptyPrediction() {
    reply(new Reply(500, "RAW:boom", 0));
    OpenAiGenerator g = generator(Duration.ofSeconds(5), 1);
    assertThat(g.generate("q").candidates()).isEmpty();
    assertThat(g.lastError()).contains("HTTP 500");
    assertThat(calls.get()).isEqualTo(2);
  }

  @Test
  void http400IsNotRetried() {
    reply(new Reply(400, "RAW:bad model", 0));
    OpenAiGenerator g = generator(Duration.ofSeconds(5), 3);
    assertThat(g.generate("q").candidates()).isEmpty();
    assertThat(calls.get()).isEqualTo(1);
  }

  @Test
  void needsModelNameAndHttpUrl() {
    var ctx = new GeneratorContext(DomainLoader.load("education"), null, null, null, Duration.ofSeconds(1), 0);
    assertThatThrownBy(() -> new OpenAiGenerator("http://x/v1", ctx)).hasMessageContaining("--model-name");
    assertThatThrownBy(() -> GeneratorFactory.open("tgi:models/latest", null, ctx))
        .hasMessageContaining("no provider for scheme tgi");
  }

  @Test
  void extractorHandlesPlainTextPrefixesAndNoSql() {
    assertThat(SqlExtractor.extract("The query is: select a from t;")).isEqualTo("select a from t");
    assertThat(SqlExtractor.extract("```\nWITH x AS (SELECT 1) SELECT * FROM x\n```")).startsWith("WITH x");
    assertThat(SqlExtractor.extract("no idea")).isEmpty();
    assertThat(SqlExtractor.extract(null)).isEmpty();
  }
}
