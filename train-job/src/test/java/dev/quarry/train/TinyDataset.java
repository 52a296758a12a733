package dev.quarry.train;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.quarry.core.dataset.ChatJsonl;
import dev.quarry.core.dataset.DatasetLayout;
import dev.quarry.core.workspace.Manifest;
import dev.quarry.core.workspace.Manifests;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Writes a small synthetic dataset (chat JSONL shards + manifest) in the synth layout, for tests. */
public final class TinyDataset {

  private static final String[][] SCHOOLS = {{"Lincoln", "Lincoln Elementary"}, {"Jefferson High", "Jefferson High"},
      {"Kennedy", "Kennedy Prep"}, {"Roosevelt", "Roosevelt Academy"}};
  private static final String[] YEARS = {"2021-22", "2022-2023", "2023-24", "2024-25"};

  private TinyDataset() {}

  public static Path write(Path dir, int trainPairs, long seed) throws IOException {
    Random r = new Random(seed);
    Files.createDirectories(dir);
    writeSplit(dir, "train", trainPairs, r);
    writeSplit(dir, "validation", 20, r);
    writeSplit(dir, "test", 20, r);
    Manifests.write(dir, new Manifest(Manifest.FORMAT, "synth", "test", Map.of(), seed, "test", "fp", Map.of(),
        "2026-01-01T00:00:00Z", 0L, new ObjectMapper().createObjectNode(), Manifests.describeFiles(dir, Map.of())));
    return dir;
  }

  private static void writeSplit(Path dir, String split, int n, Random r) throws IOException {
    List<ChatJsonl.Pair> pairs = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String[] school = SCHOOLS[r.nextInt(SCHOOLS.length)];
      String year = YEARS[r.nextInt(YEARS.length)];
      String full = year.length() == 7 ? year.substring(0, 5) + "20" + year.substring(5) : year;
      int k = 2 + r.nextInt(20);
      String q;
      String sql;
      if (r.nextBoolean()) {
        q = "How many students at " + school[0] + " had more than " + k + " absences in " + year + "?";
        sql = "SELECT COUNT(*) AS count FROM attendance WHERE school_name = '" + school[1]
            + "' AND school_year = '" + full + "' AND absence_count > " + k;
      } else {
        q = "List the top " + k + " students by absences at " + school[0] + ".";
        sql = "SELECT student_id, absence_count FROM attendance WHERE school_name = '" + school[1]
            + "' ORDER BY absence_count DESC LIMIT " + k;
      }
      pairs.add(new ChatJsonl.Pair(q, sql));
    }
    ChatJsonl.write(dir.resolve(DatasetLayout.jsonlShard(split, "part-00000-of-00001")), "schema", pairs);
  }
}
