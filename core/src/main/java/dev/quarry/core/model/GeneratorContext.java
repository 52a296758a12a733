package dev.quarry.core.model;

import dev.quarry.core.domain.Domain;
import java.nio.file.Path;
import java.time.Duration;

/**
 * What a generator may need besides its location.
 *
 * @param domain the domain (schema for prompts, validator)
 * @param workspace the workspace root (for relative model paths and caches)
 * @param modelName model name for OpenAI-compatible servers ({@code --model-name}); may be null
 * @param apiKey bearer token for OpenAI-compatible servers (read from the env var named by
 *     {@code --api-key-env}); may be null
 * @param timeout per-request timeout
 * @param retries retries after a failed request (5xx, 429, I/O error, timeout)
 */
public record GeneratorContext(Domain domain, Path workspace, String modelName, String apiKey, Duration timeout,
    int retries) {}
