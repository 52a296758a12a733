package dev.quarry.core.workspace;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * The {@code manifest.json} written beside every stage output: what produced the output and a SHA-256
 * of every file in it, so that a corrupted or partial output is detected and never used.
 *
 * @param format manifest format version ({@link #FORMAT})
 * @param stage stage name: {@code seed}, {@code synth}, …
 * @param command the command line that produced it, e.g. {@code quarry seed --seed 42}
 * @param options effective options of the stage (names as on the command line)
 * @param seed the random seed
 * @param codeVersion {@link CodeVersion#full()} of the producing code
 * @param fingerprint SHA-256 over stage, options, input manifests and project version; equal
 *     fingerprints mean the stage would produce the same output, so it can be skipped
 * @param inputs manifests this output was made from: name → {@link Input}
 * @param createdAt ISO-8601 instant when the output was completed
 * @param wallTimeMs wall time of the stage in milliseconds
 * @param counts stage-specific counts (rows per table; kept/dropped pairs by reason, family, …)
 * @param files every data file, path relative to the output directory, sorted by path
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Manifest(
    @JsonProperty("format") int format,
    @JsonProperty("stage") String stage,
    @JsonProperty("command") String command,
    @JsonProperty("options") Map<String, Object> options,
    @JsonProperty("seed") Long seed,
    @JsonProperty("code_version") String codeVersion,
    @JsonProperty("fingerprint") String fingerprint,
    @JsonProperty("inputs") Map<String, Input> inputs,
    @JsonProperty("created_at") String createdAt,
    @JsonProperty("wall_time_ms") long wallTimeMs,
    @JsonProperty("counts") JsonNode counts,
    @JsonProperty("files") List<FileEntry> files) {

  /** Current manifest format version. */
  public static final int FORMAT = 1;

  /** File name of the manifest inside an output directory. */
  public static final String FILE_NAME = "manifest.json";

  /**
   * One data file.
   *
   * @param path path relative to the output directory, with {@code /} separators
   * @param bytes size in bytes
   * @param sha256 SHA-256 of the content, lower-case hex
   * @param rows number of records in the file, when the stage knows it (else null)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FileEntry(
      @JsonProperty("path") String path,
      @JsonProperty("bytes") long bytes,
      @JsonProperty("sha256") String sha256,
      @JsonProperty("rows") Long rows) {}

  /**
   * An input this output depends on.
   *
   * @param path directory of the input, as given
   * @param manifestSha256 SHA-256 of the input's manifest.json bytes
   */
  public record Input(@JsonProperty("path") String path, @JsonProperty("manifest_sha256") String manifestSha256) {}
}
