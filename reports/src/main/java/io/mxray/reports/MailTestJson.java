package io.mxray.reports;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.mxray.core.mailtest.TestMailAnalysis;
import java.time.Instant;

/**
 * The {@code mail-test} document (docs/schema/mailtest.schema.json): a one-time test address and,
 * once a message arrived at it, its analysis as received.
 */
public final class MailTestJson {

  private MailTestJson() {}

  /**
   * @param status pending, received or expired
   * @param result the stored {@link #result} document, or null while pending
   */
  public static ObjectNode of(
      String token,
      String address,
      Instant createdAt,
      Instant expiresAt,
      String status,
      String resultUrl,
      ObjectNode result) {
    ObjectNode n = Json.document("mail-test");
    n.put("token", token);
    n.put("address", address);
    n.put("status", status);
    n.put("createdAt", createdAt.toString());
    n.put("expiresAt", expiresAt.toString());
    n.put("resultUrl", resultUrl);
    if (result == null) {
      n.putNull("result");
    } else {
      n.set("result", result);
    }
    return n;
  }

  /** The analysis of the message that arrived (stored as the test's result). */
  public static ObjectNode result(TestMailAnalysis a) {
    ObjectNode n = Json.object();
    n.put("severity", a.severity().id());
    n.put("receivedAt", a.envelope().receivedAt().toString());
    ObjectNode env = n.putObject("envelope");
    env.put("remoteIp", a.envelope().remoteIp());
    env.put("helo", a.envelope().helo());
    env.put("mailFrom", a.envelope().mailFrom());
    ArrayNode rcpt = env.putArray("recipients");
    a.envelope().recipients().forEach(rcpt::add);
    ObjectNode tls = n.putObject("tls");
    tls.put("protocol", a.envelope().tlsProtocol());
    tls.put("cipher", a.envelope().tlsCipher());
    ObjectNode ptr = n.putObject("reverseDns");
    ptr.put("name", a.ptr());
    ptr.put("forwardConfirmed", a.ptrConfirmed());
    ptr.put("genericRule", a.genericRule());
    ObjectNode spf = n.putObject("spf");
    spf.set("mailFrom", spf(a.spfMailFrom()));
    spf.set("helo", spf(a.spfHelo()));
    ObjectNode dm = n.putObject("dmarc");
    dm.put("fromDomain", a.dmarc().fromDomain());
    dm.put("record", a.dmarc().record());
    dm.put("policy", a.dmarc().policy());
    dm.put("spfAligned", a.dmarc().spfAligned());
    dm.put("dkimAligned", a.dmarc().dkimAligned());
    ArrayNode dd = dm.putArray("dkimDomains");
    a.dmarc().dkimDomains().forEach(dd::add);
    dm.put("result", a.dmarc().result());
    n.set("findings", Json.findings(a.findings()));
    n.set("message", HeadersJson.of(a.message()));
    return n;
  }

  private static ObjectNode spf(TestMailAnalysis.Spf s) {
    ObjectNode o = Json.object();
    o.put("result", s.result());
    o.put("domain", s.domain());
    o.put("mechanism", s.mechanism());
    o.put("reason", s.reason());
    return o;
  }
}
