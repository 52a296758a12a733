package dev.quarry.train.encoder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SentenceEncoderTest {

  @Test
  void loadsOfflineFromTheJarAndPlacesParaphrasesCloserThanOtherQuestions() {
    try (SentenceEncoder e = SentenceEncoder.open(1)) {
      float[] a = e.embed("how many kids were absent last year");
      float[] b = e.embed("number of students absent in the previous school year");
      float[] c = e.embed("average GPA in math by school");
      assertThat(a).hasSize(SentenceEncoder.DIM);
      assertThat(dot(a, a)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-4));
      assertThat(dot(a, b)).isGreaterThan(dot(a, c) + 0.2);
    }
  }

  @Test
  void batchedVectorsAreCloseToSingleOnes() {
    try (SentenceEncoder e = SentenceEncoder.open(1)) {
      List<String> texts = List.of("suspensions at <schools_1>", "a much longer question about the attendance of "
          + "english learners in grade 3 at two schools", "gpa");
      float[][] batch = e.embedAll(texts, 3, n -> {});
      for (int i = 0; i < texts.size(); i++) {
        // int8 dynamic quantization scales activations per batch: close, not equal
        assertThat(dot(batch[i], e.embed(texts.get(i)))).isGreaterThan(0.99);
      }
    }
  }

  @Test
  void splitsUnknownWordsIntoSubwordsInsteadOfUnk() {
    try (SentenceEncoder e = SentenceEncoder.open(1)) {
      assertThat(e.tokens("chronicaly absnt ELLs in 23-24")).doesNotContain("[UNK]").contains("[CLS]", "[SEP]");
    }
  }

  @Test
  void refusesATamperedModelFileNamingIt() throws Exception {
    byte[] model;
    byte[] tokenizer;
    try (InputStream m = getClass().getClassLoader().getResourceAsStream(SentenceEncoder.MODEL_RESOURCE);
        InputStream t = getClass().getClassLoader().getResourceAsStream(SentenceEncoder.TOKENIZER_RESOURCE)) {
      model = m.readAllBytes();
      tokenizer = t.readAllBytes();
    }
    model[model.length / 2] ^= 1;
    assertThatThrownBy(() -> SentenceEncoder.open(model, SentenceEncoder.MODEL_SHA256, tokenizer,
        SentenceEncoder.TOKENIZER_SHA256, 1))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(SentenceEncoder.MODEL_RESOURCE)
        .hasMessageContaining("altered");
  }

  @Test
  void cachesVectorsByContentAndSkipsTheEncoderOnAHit(@TempDir Path dir) throws Exception {
    VectorCache cache = new VectorCache(dir);
    List<String> texts = List.of("students at <schools_1>", "kids absent in <year_1>");
    AtomicInteger encoded = new AtomicInteger();
    try (SentenceEncoder e = SentenceEncoder.open(1)) {
      float[][] first = cache.vectors(texts, e, encoded::addAndGet);
      assertThat(encoded).hasValue(2);
      float[][] second = cache.vectors(texts, e, encoded::addAndGet);
      assertThat(encoded).hasValue(2);
      assertThat(second).isDeepEqualTo(first);
      try (var files = Files.list(dir)) {
        assertThat(files.map(p -> p.getFileName().toString()).toList())
            .singleElement().asString().endsWith(".f32").doesNotStartWith(".");
      }
      cache.vectors(List.of("another question"), e, encoded::addAndGet);
      assertThat(encoded).hasValue(3);
    }
  }

  private static double dot(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }
}
