package dev.quarry.synth.generate;

import java.io.Serializable;
import java.util.List;

/**
 * One unit of generation work: a template applied to one table (or one joined pair of tables).
 * Small and serializable so that a Beam pipeline can distribute specs and call
 * {@link CandidateGenerator#expand(TemplateSpec)} on each.
 *
 * @param id unique, stable id: {@code templateId + "@" + tables joined by "+"}; seeds the RNG
 * @param templateId the template, e.g. {@code top-n-group}
 * @param family the family of every candidate the spec yields
 * @param tables one table name, or two for join templates (left, right)
 * @param samples how many distinct SQL candidates to aim for
 */
public record TemplateSpec(String id, String templateId, QueryFamily family, List<String> tables, int samples)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Copies the table list. */
  public TemplateSpec {
    tables = List.copyOf(tables);
  }
}
