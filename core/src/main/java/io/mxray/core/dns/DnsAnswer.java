package io.mxray.core.dns;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.MXRecord;
import org.xbill.DNS.NSRecord;
import org.xbill.DNS.PTRRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.SPFRecord;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/**
 * The answer to one question, whatever happened. Never null, never thrown.
 *
 * @param name the name asked, lower-case, without the trailing dot
 * @param type the RR type asked (dnsjava {@link Type} constant)
 * @param status outcome
 * @param records records of the asked type at the end of the CNAME chain (empty unless NOERROR)
 * @param cnameChain names the query was redirected through, in order, excluding {@code name}
 * @param authenticated the AD flag of the reply (RFC 4035 §3.2.3); only as trustworthy as the
 *     resolver
 * @param authoritative the AA flag of the reply (meaningful for direct queries to a name server)
 * @param server which server answered ("zone-file" for the zone-file client)
 * @param millis how long the question took
 * @param detail a short explanation for failures (socket error, fault injected), else empty
 */
public record DnsAnswer(
    String name,
    int type,
    DnsStatus status,
    List<Record> records,
    List<String> cnameChain,
    boolean authenticated,
    boolean authoritative,
    String server,
    long millis,
    String detail) {

  public DnsAnswer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    records = List.copyOf(records);
    cnameChain = List.copyOf(cnameChain);
    server = Objects.requireNonNullElse(server, "");
    detail = Objects.requireNonNullElse(detail, "");
  }

  /** An answer with no records: NXDOMAIN, NODATA or a failure. */
  public static DnsAnswer empty(
      String name, int type, DnsStatus status, String server, long millis, String detail) {
    return new DnsAnswer(
        name, type, status, List.of(), List.of(), false, false, server, millis, detail);
  }

  public String typeName() {
    return Type.string(type);
  }

  /** NOERROR with at least one record. */
  public boolean hasRecords() {
    return status == DnsStatus.NOERROR && !records.isEmpty();
  }

  public boolean isFailure() {
    return status.isFailure();
  }

  /**
   * True for a zone-file client's NXDOMAIN for a name outside every loaded zone: the answer is "no
   * data loaded", which checks that depend on third-party zones (blocklists) must not read as
   * "absent".
   */
  public boolean outsideLoadedZones() {
    return status == DnsStatus.NXDOMAIN
        && server.equals(ZoneFileDnsClient.SERVER)
        && detail.equals(ZoneFileDnsClient.OUTSIDE_ZONES);
  }

  /** The name the records are owned by after following CNAMEs. */
  public String canonicalName() {
    return cnameChain.isEmpty() ? name : cnameChain.get(cnameChain.size() - 1);
  }

  /**
   * Each TXT (or type 99 SPF) record's strings joined without separators, as RFC 7208 §3.3 says.
   */
  public List<String> txtJoined() {
    List<String> out = new ArrayList<>();
    for (List<String> strings : txtStrings()) {
      out.add(String.join("", strings));
    }
    return out;
  }

  /**
   * Each TXT record's character-strings, unjoined (to spot strings over 255 octets, split records).
   */
  public List<List<String>> txtStrings() {
    List<List<String>> out = new ArrayList<>();
    for (Record r : records) {
      List<byte[]> raw =
          r instanceof TXTRecord t
              ? t.getStringsAsByteArrays()
              : r instanceof SPFRecord s ? s.getStringsAsByteArrays() : null;
      if (raw != null) {
        // Raw octets, decoded as UTF-8: dnsjava's getStrings() would escape non-printable bytes.
        out.add(raw.stream().map(b -> new String(b, StandardCharsets.UTF_8)).toList());
      }
    }
    return out;
  }

  /** Addresses from A and AAAA records. */
  public List<InetAddress> addresses() {
    List<InetAddress> out = new ArrayList<>();
    for (Record r : records) {
      if (r instanceof ARecord a) {
        out.add(a.getAddress());
      } else if (r instanceof AAAARecord a) {
        out.add(a.getAddress());
      }
    }
    return out;
  }

  public List<MXRecord> mx() {
    List<MXRecord> out = new ArrayList<>();
    for (Record r : records) {
      if (r instanceof MXRecord m) {
        out.add(m);
      }
    }
    return out;
  }

  /** Target names of PTR records, lower-case without trailing dot. */
  public List<String> ptrNames() {
    List<String> out = new ArrayList<>();
    for (Record r : records) {
      if (r instanceof PTRRecord p) {
        out.add(DomainName.normalize(p.getTarget()));
      }
    }
    return out;
  }

  /** Target names of NS records, lower-case without trailing dot. */
  public List<String> nsNames() {
    List<String> out = new ArrayList<>();
    for (Record r : records) {
      if (r instanceof NSRecord n) {
        out.add(DomainName.normalize(n.getTarget()));
      }
    }
    return out;
  }

  /** Smallest TTL of the records, or -1 when there are none. */
  public long minTtl() {
    return records.stream().mapToLong(Record::getTTL).min().orElse(-1);
  }

  /** Same answer as seen under another question name (used when following CNAMEs). */
  public DnsAnswer withName(String newName, List<String> chain) {
    return new DnsAnswer(
        newName,
        type,
        status,
        records,
        chain,
        authenticated,
        authoritative,
        server,
        millis,
        detail);
  }

  public DnsAnswer withMillis(long ms) {
    return new DnsAnswer(
        name, type, status, records, cnameChain, authenticated, authoritative, server, ms, detail);
  }
}
