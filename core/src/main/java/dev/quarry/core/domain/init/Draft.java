package dev.quarry.core.domain.init;

import dev.quarry.core.domain.Domain;
import java.util.List;

/**
 * The result of {@link DomainDrafter#draft}: the draft domain and what a person should know about it.
 *
 * @param domain the draft, loadable by {@link dev.quarry.core.domain.DomainLoader}
 * @param warnings what was skipped or could not be read well (unsupported column types, tables without rows,
 *     descriptions that match nothing), in words
 * @param review the guesses to look at first, least confident first, in words
 */
public record Draft(Domain domain, List<String> warnings, List<String> review) {}
