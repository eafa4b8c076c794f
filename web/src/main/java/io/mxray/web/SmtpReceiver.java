package io.mxray.web;

import io.mxray.core.mailtest.Delivery;
import io.mxray.core.mailtest.RecipientPolicy;
import io.mxray.core.mailtest.RecipientPolicy.Accepted;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import org.subethamail.smtp.DropConnectionException;
import org.subethamail.smtp.MessageContext;
import org.subethamail.smtp.MessageHandler;
import org.subethamail.smtp.RejectException;
import org.subethamail.smtp.TooMuchDataException;
import org.subethamail.smtp.server.SMTPServer;
import org.subethamail.smtp.server.Session;
import org.subethamail.smtp.server.SessionHandler;

/**
 * The inbound SMTP receiver of {@code serve --smtp-port}: takes DMARC/TLS reports for the
 * configured report addresses and messages for live one-time test addresses, and nothing else —
 * every other RCPT TO is refused with 550, so it is never a relay. STARTTLS is offered; the message
 * size, the recipients per message, the connections (in all and per source address), the idle time
 * per command and the whole session are limited.
 */
public final class SmtpReceiver implements AutoCloseable {

  /**
   * The limits.
   *
   * @param maxMessageBytes largest message taken (larger: 552 at end of DATA)
   * @param maxRecipients recipients per message
   * @param maxConnections connections at once
   * @param perSource connections at once from one address
   * @param idle longest wait for the next command or data
   * @param session longest session
   */
  public record Limits(
      int maxMessageBytes,
      int maxRecipients,
      int maxConnections,
      int perSource,
      Duration idle,
      Duration session) {
    public static Limits defaults() {
      return new Limits(25 << 20, 20, 64, 8, Duration.ofSeconds(60), Duration.ofMinutes(10));
    }
  }

  private final SMTPServer server;
  private final ScheduledExecutorService watchdog;

  private SmtpReceiver(SMTPServer server, ScheduledExecutorService watchdog) {
    this.server = server;
    this.watchdog = watchdog;
  }

  /** Starts listening on {@code bind:port} (0 picks a free port). */
  public static SmtpReceiver start(
      String bind,
      int port,
      String hostName,
      SSLContext tls,
      Limits limits,
      ReportHost host,
      Clock clock,
      PrintWriter log) {
    ScheduledExecutorService watchdog =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mxray-smtp-watchdog");
              t.setDaemon(true);
              return t;
            });
    Map<Session, Long> started = new ConcurrentHashMap<>();
    SessionHandler perSource = SessionHandler.limitConcurrentSessionsBySource(limits.perSource());
    SessionHandler sessions =
        new SessionHandler() {
          @Override
          public SessionAcceptance accept(Session s) {
            SessionAcceptance a = perSource.accept(s);
            started.put(s, System.nanoTime());
            return a;
          }

          @Override
          public void onSessionEnd(Session s) {
            started.remove(s);
            perSource.onSessionEnd(s);
          }
        };
    InetAddress address;
    try {
      address = InetAddress.getByName(bind);
    } catch (IOException e) {
      throw new IllegalArgumentException("--smtp-bind " + bind + ": " + e.getMessage());
    }
    SMTPServer server =
        SMTPServer.port(port)
            .bindAddress(address)
            .hostName(hostName)
            .softwareName("mxray")
            .enableTLS(true)
            .insertReceivedHeaders(false)
            .startTlsSocketFactory(tls, false)
            .maxMessageSize(limits.maxMessageBytes())
            .maxRecipients(limits.maxRecipients())
            .maxConnections(limits.maxConnections())
            .connectionTimeout((int) limits.idle().toMillis(), TimeUnit.MILLISECONDS)
            .sessionHandler(sessions)
            .messageHandlerFactory(ctx -> new Handler(ctx, host, hostName, clock, limits, log))
            .serverThreadName("mxray-smtp")
            .build();
    server.start();
    SmtpReceiver r = new SmtpReceiver(server, watchdog);
    long max = limits.session().toNanos();
    watchdog.scheduleAtFixedRate(
        () -> {
          long now = System.nanoTime();
          started.forEach(
              (s, t0) -> {
                if (now - t0 > max) {
                  try {
                    s.closeSocket();
                  } catch (IOException | RuntimeException e) {
                    // closing a stuck session: nothing else to do
                  }
                  started.remove(s);
                }
              });
        },
        5,
        5,
        TimeUnit.SECONDS);
    return r;
  }

  public int port() {
    return server.getPortAllocated();
  }

  @Override
  public void close() {
    watchdog.shutdownNow();
    server.stop();
  }

  /** One message transaction. */
  private static final class Handler implements MessageHandler {
    private final MessageContext ctx;
    private final ReportHost host;
    private final String hostName;
    private final Clock clock;
    private final Limits limits;
    private final PrintWriter log;
    private String from = "";
    private final List<String> rcpts = new ArrayList<>();
    private final List<Accepted> accepted = new ArrayList<>();

    Handler(
        MessageContext ctx,
        ReportHost host,
        String hostName,
        Clock clock,
        Limits limits,
        PrintWriter log) {
      this.ctx = ctx;
      this.host = host;
      this.hostName = hostName;
      this.clock = clock;
      this.limits = limits;
      this.log = log;
    }

    @Override
    public void from(String address) throws RejectException {
      if (address != null && address.length() > 320) {
        throw new RejectException(501, "5.1.7 sender address too long");
      }
      from = address == null ? "" : address;
    }

    @Override
    public void recipient(String address) throws RejectException {
      Optional<Accepted> a = host.policy().accept(address == null ? "" : address);
      if (a.isEmpty()) {
        throw new RejectException(
            550,
            "5.7.1 <"
                + clean(address)
                + ">: relay access denied; this receiver takes reports and test messages only");
      }
      if (a.get().purpose() == RecipientPolicy.Purpose.TEST && !host.testOpen(a.get().token())) {
        throw new RejectException(
            550, "5.1.1 <" + clean(address) + ">: unknown, used or expired test address");
      }
      rcpts.add(address);
      accepted.add(a.get());
    }

    private static String clean(String s) {
      return s == null ? "" : s.replaceAll("[^\\x21-\\x7e]", "?");
    }

    @Override
    public String data(InputStream in) throws RejectException, TooMuchDataException, IOException {
      byte[] message = in.readNBytes(limits.maxMessageBytes() + 1);
      if (message.length > limits.maxMessageBytes()) {
        // Read the rest (up to a bound) so the reply lands after the final dot, then refuse.
        long skipped = 0;
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) > 0) {
          skipped += n;
          if (skipped > 4L * limits.maxMessageBytes()) {
            throw new DropConnectionException(
                552,
                "5.3.4 message size exceeds the limit of " + limits.maxMessageBytes() + " bytes");
          }
        }
        throw new RejectException(
            552, "5.3.4 message size exceeds the limit of " + limits.maxMessageBytes() + " bytes");
      }
      String tlsProtocol = "";
      String tlsCipher = "";
      if (ctx instanceof Session s) {
        Socket sock = s.getSocket();
        if (sock instanceof SSLSocket ssl && ssl.getSession() != null) {
          tlsProtocol = ssl.getSession().getProtocol();
          tlsCipher = ssl.getSession().getCipherSuite();
        }
      }
      String ip =
          ctx.getRemoteAddress() instanceof InetSocketAddress isa && isa.getAddress() != null
              ? isa.getAddress().getHostAddress()
              : "";
      Delivery d =
          new Delivery(
              ip,
              ctx.getHelo().orElse(""),
              from,
              rcpts,
              tlsProtocol,
              tlsCipher,
              clock.instant(),
              hostName,
              message);
      try {
        host.deliver(d, accepted);
      } catch (RuntimeException e) {
        synchronized (log) {
          log.println("mxray: smtp: could not take a message from " + ip + ": " + e.getMessage());
          log.flush();
        }
        throw new RejectException(451, "4.3.0 could not store the message now; try again later");
      }
      return null;
    }

    @Override
    public void done() {}
  }
}
