package dev.quarry.synth;

import dev.quarry.synth.generate.Candidate;
import dev.quarry.synth.generate.LiteralPhrases;
import dev.quarry.synth.generate.QueryFamily;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * Compact, deterministic coders for the records that cross shuffles in synth. Java serialization (Beam's
 * fallback {@code SerializableCoder}) is several times slower, and the Direct runner re-encodes grouped
 * state for every bundle, so coder speed dominates its wall time.
 */
public final class SynthCoders {

  private static final Coder<String> STR = StringUtf8Coder.of();
  private static final Coder<String> NSTR = NullableCoder.of(StringUtf8Coder.of());
  private static final Coder<Long> LONG = VarLongCoder.of();
  private static final Coder<List<String>> STRS = ListCoder.of(StringUtf8Coder.of());

  private SynthCoders() {}

  /** Registers the coders in {@code p}'s registry. */
  public static void register(Pipeline p) {
    CoderRegistry r = p.getCoderRegistry();
    r.registerCoderForClass(SynthPair.class, PairCoder.INSTANCE);
    r.registerCoderForClass(Reject.class, RejectCoder.INSTANCE);
    r.registerCoderForClass(Candidate.class, CandidateCoder.INSTANCE);
    r.registerCoderForClass(ExecutedCandidate.class, ExecutedCandidateCoder.INSTANCE);
  }

  /** Coder for {@link SynthPair}. */
  public static final class PairCoder extends AtomicCoder<SynthPair> {
    static final PairCoder INSTANCE = new PairCoder();

    @Override
    public void encode(SynthPair p, OutputStream out) throws IOException {
      STR.encode(p.id(), out);
      STR.encode(p.question(), out);
      STR.encode(p.normalizedQuestion(), out);
      STR.encode(p.sql(), out);
      STR.encode(p.normalizedSql(), out);
      STR.encode(p.family(), out);
      STR.encode(p.hardness(), out);
      STR.encode(p.templateId(), out);
      STR.encode(p.fingerprint(), out);
      LONG.encode(p.rowCount(), out);
      NSTR.encode(p.split(), out);
    }

    @Override
    public SynthPair decode(InputStream in) throws IOException {
      return new SynthPair(STR.decode(in), STR.decode(in), STR.decode(in), STR.decode(in), STR.decode(in),
          STR.decode(in), STR.decode(in), STR.decode(in), STR.decode(in), LONG.decode(in), NSTR.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder for {@link Reject}. */
  public static final class RejectCoder extends AtomicCoder<Reject> {
    static final RejectCoder INSTANCE = new RejectCoder();

    @Override
    public void encode(Reject r, OutputStream out) throws IOException {
      STR.encode(r.step(), out);
      STR.encode(r.reason().id(), out);
      NSTR.encode(r.message(), out);
      NSTR.encode(r.templateId(), out);
      STR.encode(r.sql(), out);
      NSTR.encode(r.question(), out);
    }

    @Override
    public Reject decode(InputStream in) throws IOException {
      return new Reject(STR.decode(in), DropReason.ofId(STR.decode(in)), NSTR.decode(in), NSTR.decode(in),
          STR.decode(in), NSTR.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder for {@link Candidate}. */
  public static final class CandidateCoder extends AtomicCoder<Candidate> {
    static final CandidateCoder INSTANCE = new CandidateCoder();

    @Override
    public void encode(Candidate c, OutputStream out) throws IOException {
      STR.encode(c.id(), out);
      STR.encode(c.family().name(), out);
      STR.encode(c.templateId(), out);
      STR.encode(c.sql(), out);
      STRS.encode(c.questions(), out);
      LONG.encode((long) c.literals().size(), out);
      for (LiteralPhrases l : c.literals()) {
        STR.encode(l.sql(), out);
        STRS.encode(l.phrases(), out);
      }
    }

    @Override
    public Candidate decode(InputStream in) throws IOException {
      String id = STR.decode(in);
      QueryFamily family = QueryFamily.valueOf(STR.decode(in));
      String templateId = STR.decode(in);
      String sql = STR.decode(in);
      List<String> questions = STRS.decode(in);
      int n = LONG.decode(in).intValue();
      List<LiteralPhrases> literals = new ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        literals.add(new LiteralPhrases(STR.decode(in), STRS.decode(in)));
      }
      return new Candidate(id, family, templateId, sql, questions, literals);
    }

    @Override
    public void verifyDeterministic() {}
  }

  /** Coder for {@link ExecutedCandidate}. */
  public static final class ExecutedCandidateCoder extends AtomicCoder<ExecutedCandidate> {
    static final ExecutedCandidateCoder INSTANCE = new ExecutedCandidateCoder();

    @Override
    public void encode(ExecutedCandidate e, OutputStream out) throws IOException {
      CandidateCoder.INSTANCE.encode(e.candidate(), out);
      STR.encode(e.normalizedSql(), out);
      STR.encode(e.hardness(), out);
      STR.encode(e.fingerprint(), out);
      LONG.encode(e.rowCount(), out);
    }

    @Override
    public ExecutedCandidate decode(InputStream in) throws IOException {
      return new ExecutedCandidate(CandidateCoder.INSTANCE.decode(in), STR.decode(in), STR.decode(in),
          STR.decode(in), LONG.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
