package io.mxray.core.insight;

import io.mxray.core.dns.DnsAnswer;
import io.mxray.core.dns.DnsClient;
import io.mxray.core.dns.DnsStatus;
import java.net.InetAddress;
import java.util.List;
import java.util.Locale;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Name;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.TextParseException;
import org.xbill.DNS.Type;

/**
 * The real DNS with one TXT answer replaced: how a proposed SPF record would evaluate if it were
 * published, without publishing it ("every proposed record must work when published").
 */
final class OverlayDnsClient implements DnsClient {

  private final DnsClient delegate;
  private final String name;
  private final String txt;

  OverlayDnsClient(DnsClient delegate, String name, String txt) {
    this.delegate = delegate;
    this.name = name.toLowerCase(Locale.ROOT);
    this.txt = txt;
  }

  @Override
  public DnsAnswer query(String qname, int type) {
    String q = qname.toLowerCase(Locale.ROOT);
    if (q.endsWith(".")) {
      q = q.substring(0, q.length() - 1);
    }
    if (type != Type.TXT || !q.equals(name)) {
      return delegate.query(qname, type);
    }
    DnsAnswer real = delegate.query(qname, type);
    try {
      List<String> keep =
          real.status() == DnsStatus.NOERROR
              ? real.txtJoined().stream()
                  .filter(t -> !t.toLowerCase(Locale.ROOT).startsWith("v=spf1"))
                  .toList()
              : List.of();
      java.util.ArrayList<org.xbill.DNS.Record> rr = new java.util.ArrayList<>();
      Name n = Name.fromString(name + ".");
      for (String k : keep) {
        rr.add(new TXTRecord(n, DClass.IN, 300, chunks(k)));
      }
      rr.add(new TXTRecord(n, DClass.IN, 300, chunks(txt)));
      return new DnsAnswer(
          name, Type.TXT, DnsStatus.NOERROR, rr, List.of(), false, false, "proposed", 0, "");
    } catch (TextParseException e) {
      return real;
    }
  }

  /** TXT strings are at most 255 octets each (RFC 1035 §3.3.14). */
  private static List<String> chunks(String s) {
    java.util.ArrayList<String> out = new java.util.ArrayList<>();
    for (int i = 0; i < s.length(); i += 255) {
      out.add(s.substring(i, Math.min(s.length(), i + 255)));
    }
    return out;
  }

  @Override
  public DnsAnswer queryAuthoritative(InetAddress server, String qname, int type) {
    return delegate.queryAuthoritative(server, qname, type);
  }
}
