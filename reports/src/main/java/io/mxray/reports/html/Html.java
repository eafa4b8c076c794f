package io.mxray.reports.html;

import com.github.jknack.handlebars.Context;
import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Template;
import com.github.jknack.handlebars.cache.ConcurrentMapTemplateCache;
import com.github.jknack.handlebars.context.MapValueResolver;
import com.github.jknack.handlebars.context.MethodValueResolver;
import com.github.jknack.handlebars.io.ClassPathTemplateLoader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The one Handlebars configuration of mxray. Templates live under {@code
 * io/mxray/reports/templates/} on the class path; every value is HTML-escaped by {@code {{ }}} and
 * templates never use the unescaped triple-stash on data (DNS TXT data, banners and headers are
 * attacker controlled). View models are records (resolved by accessor name) and maps (facts).
 *
 * <p>Per-check partials: a section's body is {@code checks/<check id>.hbs} when it exists, else
 * {@code checks/generic.hbs}; the {@code checkBody} helper picks it.
 */
public final class Html {

  static final String ROOT = "/io/mxray/reports/templates";

  private static final Handlebars HANDLEBARS = create();
  private static final Map<String, Template> TEMPLATES = new ConcurrentHashMap<>();
  private static final Map<String, Boolean> EXISTS = new ConcurrentHashMap<>();

  private Html() {}

  private static Handlebars create() {
    // Without a template cache Handlebars re-parses every partial on every use ({{> parts/finding}}
    // once per
    // finding): ReportRenderBenchmark measured ~300 ms per report before, well under 1 ms after.
    Handlebars h =
        new Handlebars(new ClassPathTemplateLoader(ROOT, ".hbs"))
            .with(new ConcurrentMapTemplateCache());
    h.setPrettyPrint(true);
    h.registerHelper(
        "checkBody",
        (Object section, com.github.jknack.handlebars.Options options) -> {
          String id = section instanceof SectionView s ? s.id() : "";
          String name = "checks/" + id;
          if (!templateExists(name)) {
            name = "checks/generic";
          }
          // The partial output is already escaped by its own {{ }}; SafeString only stops double
          // escaping.
          return new Handlebars.SafeString(template(name).apply(options.context));
        });
    return h;
  }

  static boolean templateExists(String name) {
    return EXISTS.computeIfAbsent(
        name, n -> Html.class.getResource(ROOT + "/" + n + ".hbs") != null);
  }

  private static Template template(String name) {
    return TEMPLATES.computeIfAbsent(
        name,
        n -> {
          try {
            return HANDLEBARS.compile(n);
          } catch (IOException e) {
            throw new UncheckedIOException("cannot compile template " + n, e);
          }
        });
  }

  /** Renders the named template (e.g. {@code audit}) over a view model. */
  public static String render(String templateName, Object view) {
    Context ctx =
        Context.newBuilder(view)
            .resolver(MapValueResolver.INSTANCE, MethodValueResolver.INSTANCE)
            .build();
    try {
      return template(templateName).apply(ctx);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render template " + templateName, e);
    } finally {
      ctx.destroy();
    }
  }
}
