package io.mxray.core.probe;

import io.mxray.core.probe.TlsScan.Answer;
import io.mxray.core.probe.TlsScan.KeyExchange;
import io.mxray.core.probe.TlsScan.Support;
import java.io.ByteArrayInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Hashtable;
import java.util.List;
import java.util.Vector;
import org.bouncycastle.tls.AlertDescription;
import org.bouncycastle.tls.Certificate;
import org.bouncycastle.tls.CertificateStatusRequest;
import org.bouncycastle.tls.CertificateStatusType;
import org.bouncycastle.tls.DefaultTlsClient;
import org.bouncycastle.tls.NameType;
import org.bouncycastle.tls.NamedGroup;
import org.bouncycastle.tls.OCSPStatusRequest;
import org.bouncycastle.tls.ProtocolVersion;
import org.bouncycastle.tls.ServerName;
import org.bouncycastle.tls.ServerOnlyTlsAuthentication;
import org.bouncycastle.tls.SignatureAndHashAlgorithm;
import org.bouncycastle.tls.TlsAuthentication;
import org.bouncycastle.tls.TlsClientProtocol;
import org.bouncycastle.tls.TlsDHGroupVerifier;
import org.bouncycastle.tls.TlsFatalAlert;
import org.bouncycastle.tls.TlsFatalAlertReceived;
import org.bouncycastle.tls.TlsServerCertificate;
import org.bouncycastle.tls.TlsUtils;

/**
 * One connection of the TLS scan, made with Bouncy Castle's TLS client (which, unlike the JDK's,
 * still offers TLS 1.0/1.1, NULL and anonymous suites and any DH group): one protocol version, the
 * given suites and groups. It records what the server chose in its ServerHello, the key exchange it
 * negotiated, the certificate chain, RFC 5746/7627 support, OCSP stapling and SCTs, and whether
 * mxray's client could finish the handshake. A failure of mxray's own client after the server has
 * chosen (a DH prime too large to compute, a signature it does not support) leaves the suite
 * accepted, with the reason; only an alert or a closed connection before the ServerHello is a
 * refusal.
 */
final class ScanAttempt {

  /** DH primes mxray computes with (bits); outside this the suite is accepted but not usable. */
  static final int MIN_DH_BITS = 256;

  static final int MAX_DH_BITS = 8192;

  /** How long the 0-RTT check waits for post-handshake messages. */
  static final int TICKET_WAIT_MILLIS = 2000;

  /** The SHA-1/SHA-224 signature algorithms offered alone for the key-exchange hash check. */
  static final Vector<SignatureAndHashAlgorithm> SHA1 = sigalgs((short) 2);

  static final Vector<SignatureAndHashAlgorithm> SHA224 = sigalgs((short) 3);

  /**
   * What to offer.
   *
   * @param version the one version offered
   * @param suites the suites offered, in this order
   * @param groups the named groups offered (supported_groups), in this order
   * @param sigalgs signature algorithms to offer instead of the defaults, or null
   * @param details also ask for OCSP stapling and SCTs, and (TLS 1.3) wait for session tickets
   * @param stopAtKeyExchange the question is answered by the ServerHello and key exchange (which
   *     suite, which group, which signature hash): stop once the server's key share (TLS 1.3) or
   *     signed parameters (TLS 1.2) have arrived, before mxray computes anything
   */
  record Offer(
      ProtocolVersion version,
      int[] suites,
      int[] groups,
      Vector<SignatureAndHashAlgorithm> sigalgs,
      boolean details,
      boolean stopAtKeyExchange) {

    Offer(
        ProtocolVersion version,
        int[] suites,
        int[] groups,
        Vector<SignatureAndHashAlgorithm> sigalgs,
        boolean details) {
      this(version, suites, groups, sigalgs, details, false);
    }
  }

  /**
   * What happened.
   *
   * @param answer ACCEPTED (the server chose a suite we offered), REFUSED, or UNKNOWN (timeout, or
   *     the connection could not be prepared; see {@code stop})
   * @param suite the suite chosen, or -1
   * @param kex the key exchange negotiated, UNKNOWN when not seen
   * @param usable YES: mxray's client completed the handshake; NO: it failed after the server chose
   *     (see detail); UNKNOWN: the attempt stopped at the key exchange on purpose
   * @param detail the alert or error, or why the suite is not usable by mxray
   * @param stop the connection could not be brought to the ClientHello (the server refused the
   *     session, e.g. 421, or the overall deadline passed): the scan should stop
   * @param timedOut the server did not answer in time
   * @param kexHash the hash of the server's signature over its (EC)DHE parameters (TLS 1.2 and
   *     older: sha1, sha256, …), empty when there was none
   */
  record Outcome(
      Answer answer,
      int suite,
      KeyExchange kex,
      Support usable,
      String detail,
      boolean stop,
      boolean timedOut,
      Support secureRenegotiation,
      Support extendedMasterSecret,
      Support ocspStapled,
      int tlsScts,
      Support earlyData,
      List<X509Certificate> chain,
      String kexHash) {

    static Outcome failed(Answer a, String detail, boolean stop, boolean timedOut) {
      return new Outcome(
          a,
          -1,
          KeyExchange.UNKNOWN,
          Support.NO,
          detail,
          stop,
          timedOut,
          Support.UNKNOWN,
          Support.UNKNOWN,
          Support.UNKNOWN,
          -1,
          Support.UNKNOWN,
          List.of(),
          "");
    }

    boolean accepted() {
      return answer == Answer.ACCEPTED;
    }
  }

  private ScanAttempt() {}

  static Outcome run(TlsScanner.Opener opener, ProbeTarget target, Offer offer) {
    Session s;
    try {
      s = opener.open();
    } catch (ProbeFailure f) {
      return Outcome.failed(
          Answer.UNKNOWN, f.getMessage(), true, f.kind() == ProbeFailure.Kind.TIMEOUT);
    }
    Client client = new Client(offer, target);
    client.recorder.stopAtKeyExchange = offer.stopAtKeyExchange();
    try {
      s.socket().setSoTimeout((int) Math.max(1, s.deadline().step().toMillis()));
      Protocol p = new Protocol(s.socket().getInputStream(), s.socket().getOutputStream());
      p.connect(client);
      client.completed = true;
      if (offer.details() && TlsUtils.isTLSv13(offer.version())) {
        p.awaitTickets(s, opener.afterTls());
        client.earlyData = p.earlyData ? Support.YES : Support.NO;
      }
      try {
        p.close();
      } catch (IOException ignored) {
        // the server may hang up first
      }
      return client.outcome("");
    } catch (IOException e) {
      if (answered(e) && client.selected(offer)) {
        client.stoppedOnPurpose = true;
        return client.outcome("");
      }
      return failure(e, client, offer, s);
    } catch (RuntimeException e) {
      return failure(e, client, offer, s);
    } finally {
      s.close();
    }
  }

  private static boolean answered(Throwable e) {
    return cause(e, KeyExchangeWatch.Answered.class);
  }

  /**
   * Classifies a failed attempt: once the server has chosen (ServerHello), the suite stays accepted
   * and the failure is recorded as the reason mxray could not use it; before that, an alert or a
   * closed connection is the server refusing, a timeout is unknown.
   */
  private static Outcome failure(Exception e, Client client, Offer offer, Session s) {
    boolean selected = client.selected(offer);
    if (cause(e, SocketTimeoutException.class)) {
      return selected
          ? client.outcome("no answer after the ServerHello within the step timeout")
          : Outcome.failed(Answer.UNKNOWN, "timeout", false, true);
    }
    if (e instanceof TlsFatalAlertReceived r) {
      String alert = AlertDescription.getText(r.getAlertDescription());
      return selected
          ? client.outcome("the server sent the alert " + alert + " after its ServerHello")
          : Outcome.failed(Answer.REFUSED, "alert " + alert, false, false);
    }
    if (e instanceof TlsFatalAlert a) {
      String alert = AlertDescription.getText(a.getAlertDescription());
      String why = a.getMessage() == null || a.getMessage().equals(alert) ? alert : a.getMessage();
      if (selected) {
        return client.outcome("mxray's TLS client gave up: " + why);
      }
      if (client.suite >= 0 || client.version != null) {
        return Outcome.failed(
            Answer.REFUSED,
            "the server answered with something not offered (" + client.answered() + ")",
            false,
            false);
      }
      return Outcome.failed(Answer.REFUSED, "no usable answer: " + why, false, false);
    }
    if ((s.expired() || s.deadline().expired())) {
      return selected
          ? client.outcome("the overall deadline passed")
          : Outcome.failed(Answer.UNKNOWN, "deadline", true, true);
    }
    String why =
        e instanceof EOFException
            ? "connection closed"
            : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
    return selected ? client.outcome(why) : Outcome.failed(Answer.REFUSED, why, false, false);
  }

  private static boolean cause(Throwable e, Class<? extends Throwable> type) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private static Vector<SignatureAndHashAlgorithm> sigalgs(short hash) {
    Vector<SignatureAndHashAlgorithm> v = new Vector<>();
    for (short sig : new short[] {1, 3, 2}) { // rsa, ecdsa, dsa
      v.add(new SignatureAndHashAlgorithm(hash, sig));
    }
    return v;
  }

  /** The protocol, with TLS 1.3 session tickets read for their early_data extension. */
  private static final class Protocol extends TlsClientProtocol {
    boolean earlyData;

    Protocol(InputStream in, java.io.OutputStream out) {
      super(in, out);
    }

    @Override
    protected void receive13NewSessionTicket(ByteArrayInputStream buf) throws IOException {
      buf.mark(0);
      earlyData |= ticketAllowsEarlyData(buf);
      buf.reset();
      super.receive13NewSessionTicket(buf);
    }

    /**
     * Sends the protocol's first command after TLS (or nothing when the server speaks first) and
     * reads until an answer arrives: the session tickets come before it.
     */
    void awaitTickets(Session s, String afterTls) {
      try {
        s.socket().setSoTimeout((int) Math.min(TICKET_WAIT_MILLIS, s.deadline().step().toMillis()));
        if (!afterTls.isEmpty()) {
          getOutputStream().write((afterTls + "\r\n").getBytes(StandardCharsets.US_ASCII));
          getOutputStream().flush();
        }
        getInputStream().read();
      } catch (IOException | RuntimeException e) {
        // no answer: the tickets seen so far are all there is
      }
    }
  }

  /** RFC 8446 §4.6.1: NewSessionTicket with an early_data extension (max_early_data_size). */
  static boolean ticketAllowsEarlyData(ByteArrayInputStream in) {
    try {
      TlsUtils.readUint32(in);
      TlsUtils.readUint32(in);
      TlsUtils.readOpaque8(in);
      TlsUtils.readOpaque16(in);
      byte[] ext = TlsUtils.readOpaque16(in);
      ByteArrayInputStream e = new ByteArrayInputStream(ext);
      while (e.available() >= 4) {
        int type = TlsUtils.readUint16(e);
        byte[] data = TlsUtils.readOpaque16(e);
        if (type == 42 && data.length == 4) {
          return new BigInteger(1, data).signum() > 0;
        }
      }
    } catch (IOException e) {
      // malformed: BC will reject it; no early data either way
    }
    return false;
  }

  /** The client: offers exactly what it is told and records what the server does. */
  private static final class Client extends DefaultTlsClient {
    private final Offer offer;
    private final ProbeTarget target;
    final KeyExchangeWatch recorder = new KeyExchangeWatch();
    ProtocolVersion version;
    int suite = -1;
    boolean completed;
    boolean stoppedOnPurpose;
    Support secureReneg = Support.UNKNOWN;
    Support earlyData = Support.UNKNOWN;
    boolean stapled;
    int scts = -1;
    List<X509Certificate> chain = List.of();

    Client(Offer offer, ProbeTarget target) {
      super(new KeyExchangeWatch.Crypto());
      this.offer = offer;
      this.target = target;
      ((KeyExchangeWatch.Crypto) getCrypto()).recorder = recorder;
    }

    boolean selected(Offer o) {
      return suite >= 0
          && Arrays.stream(o.suites()).anyMatch(x -> x == suite)
          && (version == null || version.equals(o.version()));
    }

    String answered() {
      return (version == null ? "" : version + " ")
          + (suite < 0 ? "" : SuiteCatalog.name(suite)).strip();
    }

    Outcome outcome(String problem) {
      int group = recorder.group;
      KeyExchange kex;
      if (recorder.dh != null) {
        BigInteger p = recorder.dh.getP();
        kex =
            new KeyExchange(
                KeyExchangeWatch.method(suite, version, group),
                KeyExchangeWatch.dhGroupName(p),
                p.bitLength());
      } else if (group >= 0) {
        int bits =
            NamedGroup.refersToASpecificFiniteField(group)
                ? NamedGroup.getFiniteFieldBits(group)
                : NamedGroup.getCurveBits(group);
        kex =
            new KeyExchange(
                KeyExchangeWatch.method(suite, version, group),
                KeyExchangeWatch.groupName(group),
                bits);
      } else if (completed) {
        kex = new KeyExchange(KeyExchangeWatch.method(suite, version, -1), "", 0);
      } else {
        kex = KeyExchange.UNKNOWN;
      }
      boolean tls13 = version != null && TlsUtils.isTLSv13(version);
      Support ems =
          !completed
              ? Support.UNKNOWN
              : tls13
                  ? Support.NOT_APPLICABLE
                  : context.getSecurityParametersConnection().isExtendedMasterSecret()
                      ? Support.YES
                      : Support.NO;
      return new Outcome(
          Answer.ACCEPTED,
          suite,
          kex,
          completed ? Support.YES : stoppedOnPurpose ? Support.UNKNOWN : Support.NO,
          problem,
          false,
          false,
          tls13 ? Support.NOT_APPLICABLE : secureReneg,
          ems,
          !offer.details() || chain.isEmpty()
              ? Support.UNKNOWN
              : stapled ? Support.YES : Support.NO,
          offer.details() && !chain.isEmpty() ? Math.max(0, scts) : -1,
          earlyData,
          chain,
          recorder.kexHash);
    }

    @Override
    protected ProtocolVersion[] getSupportedVersions() {
      return offer.version().only();
    }

    @Override
    protected int[] getSupportedCipherSuites() {
      return offer.suites();
    }

    @Override
    protected Vector<Integer> getSupportedGroups(@SuppressWarnings("rawtypes") Vector roles) {
      Vector<Integer> v = new Vector<>();
      for (int g : offer.groups()) {
        if (NamedGroup.canBeNegotiated(g, offer.version()) && getCrypto().hasNamedGroup(g)) {
          v.add(g);
        }
      }
      return v;
    }

    @Override
    public Vector<Integer> getEarlyKeyShareGroups() {
      Vector<Integer> v = new Vector<>();
      if (supportedGroups != null && !supportedGroups.isEmpty()) {
        v.add((Integer) supportedGroups.get(0));
      }
      return v;
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected Vector getSupportedSignatureAlgorithms() {
      return offer.sigalgs() != null ? offer.sigalgs() : super.getSupportedSignatureAlgorithms();
    }

    @Override
    @SuppressWarnings("rawtypes")
    protected Vector getSupportedSignatureAlgorithmsCert() {
      // Restricting the key-exchange signature must not restrict which certificate chain is sent.
      return offer.sigalgs() != null ? super.getSupportedSignatureAlgorithms() : null;
    }

    @Override
    protected Vector<ServerName> getSNIServerNames() {
      if (target.byAddress()) {
        return null;
      }
      Vector<ServerName> v = new Vector<>();
      v.add(new ServerName(NameType.host_name, target.name().getBytes(StandardCharsets.US_ASCII)));
      return v;
    }

    @Override
    protected CertificateStatusRequest getCertificateStatusRequest() {
      return offer.details()
          ? new CertificateStatusRequest(
              CertificateStatusType.ocsp, new OCSPStatusRequest(new Vector<>(), null))
          : null;
    }

    @Override
    @SuppressWarnings({"rawtypes", "unchecked"})
    public Hashtable getClientExtensions() throws IOException {
      Hashtable h = super.getClientExtensions();
      if (offer.details() && h != null) {
        h.put(18, TlsUtils.EMPTY_BYTES); // signed_certificate_timestamp (RFC 6962 §3.3.1)
      }
      return h;
    }

    @Override
    @SuppressWarnings("rawtypes")
    public void processServerExtensions(Hashtable ext) throws IOException {
      if (ext != null && ext.get(18) instanceof byte[] sct) {
        scts = sctCount(sct);
      }
      super.processServerExtensions(ext);
    }

    @Override
    public boolean shouldCheckSigAlgOfPeerCerts() {
      return false; // a scan inspects certificates, TlsInspector judges them
    }

    @Override
    public void notifySecureRenegotiation(boolean secure) {
      // Recorded, never fatal: an RFC 5746-less server is graded, not refused.
      secureReneg = secure ? Support.YES : Support.NO;
    }

    @Override
    public void notifyServerVersion(ProtocolVersion v) throws IOException {
      version = v;
      super.notifyServerVersion(v);
    }

    @Override
    public void notifySelectedCipherSuite(int s) {
      suite = s;
      super.notifySelectedCipherSuite(s);
    }

    @Override
    public TlsDHGroupVerifier getDHGroupVerifier() {
      return group -> {
        recorder.dh = group;
        int bits = group.getP().bitLength();
        return bits >= MIN_DH_BITS && bits <= MAX_DH_BITS;
      };
    }

    @Override
    public TlsAuthentication getAuthentication() {
      return new ServerOnlyTlsAuthentication() {
        @Override
        public void notifyServerCertificate(TlsServerCertificate sc) throws IOException {
          chain = x509(sc.getCertificate());
          stapled = sc.getCertificateStatus() != null;
          if (scts < 0) {
            scts = tls13Scts(sc.getCertificate());
          }
        }
      };
    }
  }

  static List<X509Certificate> x509(Certificate c) {
    List<X509Certificate> out = new ArrayList<>();
    try {
      CertificateFactory f = CertificateFactory.getInstance("X.509");
      for (int i = 0; i < Math.min(c.getLength(), 10); i++) {
        out.add(
            (X509Certificate)
                f.generateCertificate(
                    new ByteArrayInputStream(c.getCertificateAt(i).getEncoded())));
      }
    } catch (CertificateException | IOException e) {
      // an unparsable certificate ends the chain here; TlsInspector reports what there is
    }
    return List.copyOf(out);
  }

  /** SCTs in the TLS 1.3 Certificate entry of the leaf (RFC 8446 §4.4.2.1), or -1. */
  private static int tls13Scts(Certificate c) {
    try {
      if (c.getCertificateEntryList() != null
          && c.getCertificateEntryList().length > 0
          && c.getCertificateEntryList()[0].getExtensions() != null
          && c.getCertificateEntryList()[0].getExtensions().get(18) instanceof byte[] b) {
        return sctCount(b);
      }
    } catch (RuntimeException e) {
      // no count
    }
    return -1;
  }

  /** Entries of an RFC 6962 §3.3 SignedCertificateTimestampList; 0 when malformed. */
  static int sctCount(byte[] list) {
    if (list.length < 2) {
      return 0;
    }
    int total = ((list[0] & 0xff) << 8) | (list[1] & 0xff);
    int n = 0;
    int i = 2;
    int end = Math.min(list.length, 2 + total);
    while (i + 2 <= end) {
      int len = ((list[i] & 0xff) << 8) | (list[i + 1] & 0xff);
      if (len == 0 || i + 2 + len > end) {
        break;
      }
      n++;
      i += 2 + len;
    }
    return n;
  }
}
