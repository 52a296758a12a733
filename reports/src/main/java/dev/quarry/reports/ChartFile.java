package dev.quarry.reports;

/**
 * A chart written into the site.
 *
 * @param path path relative to the site root, e.g. {@code charts/trend-overall.png}
 * @param title chart title, also used as the image's alt text
 */
public record ChartFile(String path, String title) {}
