package dev.quarry.train.encoder;

/**
 * Pretrained features of the tokens of one question, stored compactly: row {@code i} is a unit-length vector of
 * {@link #dim()} floats, quantized to int8 with one scale per row ({@code value = q * scale}, symmetric
 * quantization, scale = max |x| / 127). The quantization error per component is at most {@code scale / 2},
 * small beside the spread of the encoder's own int8 activations.
 */
public final class TokenFeatures {

  private final byte[] values;
  private final float[] scales;
  private final int dim;

  private TokenFeatures(byte[] values, float[] scales, int dim) {
    this.values = values;
    this.scales = scales;
    this.dim = dim;
  }

  /**
   * Quantizes rows of floats; each row is scaled to unit L2 norm first (an all-zero row stays zero).
   *
   * @param rows (n, dim) floats, n ≥ 0, every row the same length
   * @throws IllegalArgumentException when rows differ in length
   */
  public static TokenFeatures of(float[][] rows, int dim) {
    byte[] v = new byte[rows.length * dim];
    float[] s = new float[rows.length];
    for (int i = 0; i < rows.length; i++) {
      float[] r = rows[i];
      if (r.length != dim) {
        throw new IllegalArgumentException("feature row " + i + " has " + r.length + " values, expected " + dim);
      }
      double norm = 0;
      for (float x : r) {
        norm += x * x;
      }
      double inv = norm == 0 ? 0 : 1 / Math.sqrt(norm);
      float max = 0;
      for (float x : r) {
        max = Math.max(max, (float) Math.abs(x * inv));
      }
      s[i] = max / 127f;
      for (int k = 0; k < dim; k++) {
        v[i * dim + k] = s[i] == 0 ? 0 : (byte) Math.round(r[k] * inv / s[i]);
      }
    }
    return new TokenFeatures(v, s, dim);
  }

  /** Rebuilds features from their stored parts (see {@link TokenFeatureCache}); the arrays are not copied. */
  static TokenFeatures raw(byte[] values, float[] scales, int dim) {
    return new TokenFeatures(values, scales, dim);
  }

  byte[] values() {
    return values;
  }

  float[] scales() {
    return scales;
  }

  /** Number of tokens (rows). */
  public int size() {
    return scales.length;
  }

  /** Values per row. */
  public int dim() {
    return dim;
  }

  /**
   * Writes row {@code i} into {@code dst} at {@code offset}.
   *
   * @throws IndexOutOfBoundsException when {@code i} is not a row or {@code dst} is too short
   */
  public void copyRow(int i, float[] dst, int offset) {
    float s = scales[i];
    int base = i * dim;
    for (int k = 0; k < dim; k++) {
      dst[offset + k] = values[base + k] * s;
    }
  }

  /** Row {@code i} as floats. */
  public float[] row(int i) {
    float[] out = new float[dim];
    copyRow(i, out, 0);
    return out;
  }

  /** The first {@code n} rows (the question cut to the model's length). */
  public TokenFeatures head(int n) {
    if (n >= size()) {
      return this;
    }
    return new TokenFeatures(java.util.Arrays.copyOf(values, n * dim), java.util.Arrays.copyOf(scales, n), dim);
  }
}
