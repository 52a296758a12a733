package dev.quarry.seed.education;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** Turns a chunk of student ids (first id, count) into the individual ids. */
final class ExpandArrivalsFn extends DoFn<KV<Integer, Integer>, Integer> {

  private static final long serialVersionUID = 1L;

  @ProcessElement
  public void process(@Element KV<Integer, Integer> chunk, OutputReceiver<Integer> out) {
    for (int i = 0; i < chunk.getValue(); i++) {
      out.output(chunk.getKey() + i);
    }
  }
}
