package dev.quarry.train;

import ai.djl.ndarray.NDManager;
import dev.quarry.core.domain.Domain;
import dev.quarry.core.domain.DomainLoader;
import dev.quarry.core.model.Generation;
import dev.quarry.core.model.SqlCandidate;
import dev.quarry.core.model.SqlGenerator;
import dev.quarry.core.sql.SqlSandbox;
import dev.quarry.core.sql.SqlValidator;
import dev.quarry.core.workspace.Sha256;
import dev.quarry.train.encoder.QuestionFeaturizer;
import dev.quarry.train.model.Decoder;
import dev.quarry.train.model.SchemaConstraint;
import dev.quarry.train.model.TransformerModel;
import dev.quarry.train.text.LiteralAnonymizer;
import dev.quarry.train.text.Vocabulary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Inference for a model trained by {@link DjlTrainer}: question → ranked SQL candidates (log-probability
 * scores) with the generation time. Greedy or beam search; with execution guidance the first candidate
 * that passes validation and runs without error is moved to the front (Wang et al. 2018). Not thread-safe.
 */
public final class DjlSqlGenerator implements SqlGenerator {

  private final String id;
  private final String cardSha;
  private final NDManager manager;
  private final TransformerModel model;
  private final SqlCodec codec;
  private final Optional<SqlSandbox> sandbox;
  private final DecodeSettings settings;
  private final SqlValidator validator;
  /** The question-independent part of constrained decoding, built once for this model and domain. */
  private final SchemaConstraint.Index constraintIndex;
  private final QuestionFeaturizer featurizer;

  private DjlSqlGenerator(Path dir, NDManager manager, TransformerModel model, SqlCodec codec,
      QuestionFeaturizer featurizer, Optional<SqlSandbox> sandbox, DecodeSettings settings, Domain domain) {
    this.featurizer = featurizer;
    this.id = dir.getFileName().toString();
    this.cardSha = Files.isRegularFile(dir.resolve(ModelFiles.CARD)) ? Sha256.ofFile(dir.resolve(ModelFiles.CARD)) : null;
    this.manager = manager;
    this.model = model;
    this.codec = codec;
    this.sandbox = sandbox;
    this.settings = settings;
    this.validator = new SqlValidator(domain);
    this.constraintIndex = new SchemaConstraint.Index(codec.vocabulary(), domain);
  }

  /**
   * Opens a model directory.
   *
   * @param modelDir {@code models/<id>} with config.json, tokenizer.json, parameters.bin
   * @param forExecutionGuidance sandbox used when {@code settings.executionGuided()} (not closed here)
   * @throws ExternalModelException when the directory holds a model trained by an external command
   * @throws IllegalArgumentException when the directory is not a model or guidance lacks a sandbox
   */
  public static DjlSqlGenerator open(Path modelDir, Optional<SqlSandbox> forExecutionGuidance, DecodeSettings settings) {
    if (settings.executionGuided() && forExecutionGuidance.isEmpty()) {
      throw new IllegalArgumentException("--execution-guided needs the seed data (a sandbox)");
    }
    ModelFiles.StoredConfig c = ModelFiles.readConfig(modelDir);
    DjlEnvironment.configure(modelDir.toAbsolutePath().getParent().getParent());
    Vocabulary v = Vocabulary.load(modelDir.resolve(ModelFiles.TOKENIZER));
    NDManager m = NDManager.newBaseManager();
    TransformerModel model = TransformerModel.load(c.model(), m, modelDir.resolve(ModelFiles.PARAMETERS));
    Domain domain = DomainLoader.load(c.domain());
    QuestionFeaturizer featurizer = c.model().questionFeatures() > 0 ? QuestionFeaturizer.open(
        Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors()))) : null;
    SqlCodec codec = new SqlCodec(v, new LiteralAnonymizer(domain), c.model(), featurizer);
    return new DjlSqlGenerator(modelDir, m, model, codec, featurizer, forExecutionGuidance, settings, domain);
  }

  @Override
  public String modelId() {
    return id;
  }

  @Override
  public String modelCardSha256() {
    return cardSha;
  }

  @Override
  public Generation generate(String question) {
    long start = System.nanoTime();
    SqlCodec.Encoded enc = codec.encodeQuestion(question);
    Decoder dec = new Decoder(model);
    List<Decoder.Hypothesis> hyps;
    if (settings.constrained()) {
      Map<String, String> literals = new HashMap<>();
      enc.literals().forEach(l -> literals.put(l.placeholder(), l.sqlToken()));
      hyps = dec.beam(enc.ids(), enc.features(), settings.beamWidth(),
          new SchemaConstraint(constraintIndex, literals));
    } else if (settings.beamWidth() == 1) {
      hyps = dec.greedy(List.of(enc.ids()), enc.features() == null ? null : List.of(enc.features()));
    } else {
      hyps = dec.beam(enc.ids(), enc.features(), settings.beamWidth(), null);
    }
    List<SqlCandidate> out = new ArrayList<>();
    for (Decoder.Hypothesis h : hyps) {
      out.add(new SqlCandidate(codec.decode(h.ids(), enc.literals()), h.logProb()));
    }
    if (settings.constrained()) {
      firstPassingFirst(out, c -> validator.validate(c.sql()).ok());
    }
    if (settings.executionGuided()) {
      firstPassingFirst(out, c -> sandbox.get().execute(c.sql()).isOk());
    }
    return new Generation(out, (System.nanoTime() - start) / 1000);
  }

  /**
   * Moves the first candidate of {@code candidates} that passes {@code check} to the front, keeping the others in
   * order; unchanged when none passes. Checks candidates in order and stops at the first that passes.
   */
  static void firstPassingFirst(List<SqlCandidate> candidates, java.util.function.Predicate<SqlCandidate> check) {
    for (int i = 0; i < candidates.size(); i++) {
      if (check.test(candidates.get(i))) {
        candidates.add(0, candidates.remove(i));
        return;
      }
    }
  }

  @Override
  public void close() {
    if (featurizer != null) {
      featurizer.close();
    }
    model.close();
    manager.close();
  }
}
