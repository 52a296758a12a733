package dev.quarry.train.encoder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class QuestionFeaturizerTest {

  @Test
  void readableTextShowsPlaceholdersAsTheirTypeAndRecordsEachTokensSpan() {
    List<String> tokens = List.of("avg", "gpa", "at", "<schools_1>", "in", "<year_2>", "for", "<grade_levels_1>", "?");
    int[][] spans = new int[tokens.size()][];
    String text = QuestionFeaturizer.readable(tokens, spans);
    assertThat(text).isEqualTo("avg gpa at schools in school year for grade levels ?");
    assertThat(text.substring(spans[3][0], spans[3][1])).isEqualTo("schools");
    assertThat(text.substring(spans[5][0], spans[5][1])).isEqualTo("school year");
    assertThat(text.substring(spans[8][0], spans[8][1])).isEqualTo("?");
    assertThat(QuestionFeaturizer.word("<num_3>")).isEqualTo("number");
    assertThat(QuestionFeaturizer.word("<date_1>")).isEqualTo("date");
  }

  @Test
  void givesOneUnitRowPerTokenEncodesDuplicatesOnceAndPlacesSynonymsClose() {
    List<String> a = List.of("how", "many", "pupils", "are", "enrolled", "at", "<schools_1>");
    List<String> b = List.of("how", "many", "students", "are", "enrolled", "at", "<schools_1>");
    List<String> c = List.of("how", "many", "courses", "are", "offered", "at", "<schools_1>");
    try (QuestionFeaturizer f = QuestionFeaturizer.open(1)) {
      List<TokenFeatures> out = f.featuresAll(List.of(a, b, c, a), n -> {});
      assertThat(out).hasSize(4);
      assertThat(out.get(3)).isSameAs(out.get(0));
      assertThat(out.get(0).size()).isEqualTo(a.size());
      assertThat(out.get(0).dim()).isEqualTo(QuestionFeaturizer.DIM);
      for (int i = 0; i < a.size(); i++) {
        assertThat(dot(out.get(0).row(i), out.get(0).row(i))).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.02));
      }
      double pupilsStudents = dot(out.get(0).row(2), out.get(1).row(2));
      double pupilsCourses = dot(out.get(0).row(2), out.get(2).row(2));
      assertThat(pupilsStudents).isGreaterThan(pupilsCourses + 0.1);
    }
  }

  @Test
  void theCacheServesASecondCallWithoutTheEncoderAndRewritesADamagedFile(@org.junit.jupiter.api.io.TempDir
      java.nio.file.Path tmp) throws Exception {
    List<List<String>> qs = List.of(List.of("average", "gpa", "at", "<schools_1>"), List.of("count", "incidents"));
    List<TokenFeatures> first;
    try (QuestionFeaturizer f = QuestionFeaturizer.open(1, tmp)) {
      first = f.featuresAll(qs, n -> {});
    }
    java.nio.file.Path file;
    try (var files = java.nio.file.Files.list(tmp)) {
      List<java.nio.file.Path> all = files.toList();
      assertThat(all).hasSize(1);
      file = all.get(0);
    }
    SentenceEncoder closed = SentenceEncoder.open(1);
    closed.close(); // a closed encoder fails if used: the second call must come from the cache
    List<TokenFeatures> second = new QuestionFeaturizer(closed, new TokenFeatureCache(tmp)).featuresAll(qs, n -> {});
    for (int q = 0; q < qs.size(); q++) {
      for (int i = 0; i < qs.get(q).size(); i++) {
        assertThat(second.get(q).row(i)).containsExactly(first.get(q).row(i));
      }
    }
    java.nio.file.Files.write(file, new byte[] {1, 2, 3});
    try (QuestionFeaturizer f = QuestionFeaturizer.open(1, tmp)) {
      assertThat(f.featuresAll(qs, n -> {}).get(1).row(0)).containsExactly(first.get(1).row(0));
    }
    assertThat(java.nio.file.Files.size(file)).isGreaterThan(3);
  }

  @Test
  void quantizedRowsStayWithinHalfAStepOfTheNormalizedInput() {
    float[][] rows = {{3f, -4f, 0f}, {0f, 0f, 0f}, {1f, 1f, 1f}};
    TokenFeatures t = TokenFeatures.of(rows, 3);
    assertThat(t.row(0)).containsExactly(new float[] {0.6f, -0.8f, 0f}, org.assertj.core.data.Offset.offset(0.8f / 254));
    assertThat(t.row(1)).containsExactly(0f, 0f, 0f);
    assertThat(t.head(2).size()).isEqualTo(2);
    assertThat(t.head(5)).isSameAs(t);
  }

  private static double dot(float[] x, float[] y) {
    double s = 0;
    for (int i = 0; i < x.length; i++) {
      s += x[i] * y[i];
    }
    return s;
  }
}
