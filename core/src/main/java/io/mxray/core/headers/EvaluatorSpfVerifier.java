package io.mxray.core.headers;

import io.mxray.core.dns.DnsClient;
import io.mxray.core.spf.SpfEvaluation;
import io.mxray.core.spf.SpfEvaluator;
import io.mxray.core.spf.SpfRequest;
import java.net.InetAddress;
import java.util.Locale;

/** {@link SpfVerifier} backed by mxray's RFC 7208 evaluator ({@link SpfEvaluator}). */
public final class EvaluatorSpfVerifier implements SpfVerifier {

  private final SpfEvaluator evaluator;

  public EvaluatorSpfVerifier(DnsClient dns, SpfEvaluator.Options options) {
    this.evaluator = new SpfEvaluator(dns, options);
  }

  @Override
  public SpfVerdict verify(InetAddress ip, String mailFrom, String helo) {
    SpfRequest request = SpfRequest.mailFrom(ip, mailFrom, helo);
    SpfEvaluation e = evaluator.checkHost(request);
    String how = e.mechanism().map(m -> "matched " + m).orElse(e.reason());
    return new SpfVerdict(e.result().name().toLowerCase(Locale.ROOT), true, request.domain(), how);
  }
}
