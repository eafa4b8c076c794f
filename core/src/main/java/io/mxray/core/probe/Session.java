package io.mxray.core.probe;

import io.mxray.core.net.Connector;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One line-oriented connection of a probe: capped line reads with per-step deadlines, writes, the
 * transcript, and a watchdog that closes the socket when the overall deadline passes, so no server
 * — silent, dripping one byte a second, or stalling a TLS handshake — can hold a probe longer.
 */
final class Session implements Closeable {

  /**
   * Longest line accepted (RFC 5321 §4.5.3.1.5 allows 512 for replies; IMAP capability lines run
   * longer).
   */
  static final int MAX_LINE = 4096;

  /** Most bytes read on one connection. */
  static final int MAX_BYTES = 128 * 1024;

  /** Most lines read on one connection. */
  static final int MAX_LINES = 1000;

  private static final ScheduledExecutorService WATCHDOG =
      Executors.newSingleThreadScheduledExecutor(
          r -> {
            Thread t = new Thread(r, "mxray-probe-watchdog");
            t.setDaemon(true);
            return t;
          });

  private Socket socket;
  private InputStream in;
  private OutputStream out;
  private final Transcript transcript;
  private final Deadline deadline;
  private final ScheduledFuture<?> watchdog;
  private volatile boolean expired;
  private int bytes;
  private int lines;

  private Session(Socket socket, Transcript transcript, Deadline deadline) throws IOException {
    this.socket = socket;
    this.in = new BufferedInputStream(socket.getInputStream(), 4096);
    this.out = socket.getOutputStream();
    this.transcript = transcript;
    this.deadline = deadline;
    this.watchdog =
        WATCHDOG.schedule(
            this::expire, Math.max(1, deadline.remaining().toMillis()), TimeUnit.MILLISECONDS);
  }

  /** Connects through the connector within the step deadline. */
  static Session open(
      Connector connector, InetSocketAddress address, Deadline deadline, Transcript transcript)
      throws ProbeFailure {
    if (deadline.expired()) {
      throw new ProbeFailure(
          ProbeFailure.Kind.TIMEOUT, "overall deadline passed before connecting");
    }
    Socket s;
    try {
      s = connector.connect(address, deadline.step());
    } catch (SocketTimeoutException e) {
      throw new ProbeFailure(
          ProbeFailure.Kind.TIMEOUT,
          "connect timed out after " + deadline.step().toMillis() + " ms");
    } catch (java.net.ConnectException e) {
      String m = String.valueOf(e.getMessage());
      throw new ProbeFailure(
          m.toLowerCase(java.util.Locale.ROOT).contains("refused")
              ? ProbeFailure.Kind.REFUSED
              : ProbeFailure.Kind.IO,
          describe(e));
    } catch (IOException e) {
      throw new ProbeFailure(ProbeFailure.Kind.IO, describe(e));
    }
    try {
      s.setTcpNoDelay(true);
      return new Session(s, transcript, deadline);
    } catch (IOException e) {
      closeQuietly(s);
      throw new ProbeFailure(ProbeFailure.Kind.IO, describe(e));
    }
  }

  Socket socket() {
    return socket;
  }

  Transcript transcript() {
    return transcript;
  }

  Deadline deadline() {
    return deadline;
  }

  /** Continues on {@code upgraded} (a TLS socket layered over this connection). */
  void upgrade(Socket upgraded) throws IOException {
    this.socket = upgraded;
    this.in = new BufferedInputStream(upgraded.getInputStream(), 4096);
    this.out = upgraded.getOutputStream();
  }

  /** Bytes already received but not yet read: after STARTTLS these would be injected plaintext. */
  int buffered() {
    try {
      return in.available();
    } catch (IOException e) {
      return 0;
    }
  }

  void send(String line) throws ProbeFailure {
    transcript.client(line);
    try {
      socket.setSoTimeout(timeoutMillis(deadline.stepEndNanos()));
      out.write((line + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException e) {
      throw failure(e);
    }
  }

  /** Reads one line within one step; the step ends at a fixed time however slowly bytes arrive. */
  String readLine() throws ProbeFailure {
    return readLine(deadline.stepEndNanos());
  }

  String readLine(long stepEndNanos) throws ProbeFailure {
    if (++lines > MAX_LINES) {
      throw oversize("more than " + MAX_LINES + " lines");
    }
    ByteArrayOutputStream buf = new ByteArrayOutputStream(128);
    try {
      while (true) {
        socket.setSoTimeout(timeoutMillis(stepEndNanos));
        int b = in.read();
        if (b < 0) {
          if (buf.size() > 0) {
            transcript.server(decode(buf));
          }
          transcript.note("connection closed by server");
          throw new ProbeFailure(ProbeFailure.Kind.CLOSED, "the server closed the connection");
        }
        if (++bytes > MAX_BYTES) {
          throw oversize("more than " + MAX_BYTES + " bytes");
        }
        if (b == '\n') {
          String line = decode(buf);
          if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1);
          }
          transcript.server(line);
          if (isGarbage(line)) {
            throw new ProbeFailure(
                ProbeFailure.Kind.GARBAGE, "binary data instead of protocol text");
          }
          return line;
        }
        if (buf.size() >= MAX_LINE) {
          transcript.server(decode(buf));
          throw oversize("a line longer than " + MAX_LINE + " bytes");
        }
        buf.write(b);
      }
    } catch (IOException e) {
      if (buf.size() > 0) {
        transcript.server(decode(buf));
      }
      throw failure(e);
    }
  }

  private ProbeFailure oversize(String what) {
    transcript.note("stopped reading: " + what);
    return new ProbeFailure(ProbeFailure.Kind.OVERSIZE, "the server sent " + what);
  }

  private ProbeFailure failure(IOException e) {
    if (e instanceof SocketTimeoutException || expired || deadline.expired()) {
      transcript.note("no answer in time");
      return new ProbeFailure(
          ProbeFailure.Kind.TIMEOUT,
          expired || deadline.expired()
              ? "the overall deadline passed"
              : "no complete answer within the step timeout");
    }
    return new ProbeFailure(ProbeFailure.Kind.IO, describe(e));
  }

  private int timeoutMillis(long endNanos) throws SocketTimeoutException {
    long ms = Math.min(endNanos - System.nanoTime(), deadline.remaining().toNanos()) / 1_000_000;
    if (ms <= 0) {
      throw new SocketTimeoutException("step deadline passed");
    }
    return (int) Math.min(Integer.MAX_VALUE, ms);
  }

  static boolean isGarbage(String line) {
    int bad = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f || c == '\uFFFD') {
        bad++;
      }
    }
    return bad > 0 && bad * 10 >= Math.max(1, line.length());
  }

  private static String decode(ByteArrayOutputStream buf) {
    return buf.toString(StandardCharsets.UTF_8);
  }

  static String describe(IOException e) {
    String m = e.getMessage();
    return e.getClass().getSimpleName() + (m == null ? "" : ": " + m);
  }

  /** The watchdog: the overall deadline passed, whatever the socket was waiting for. */
  private void expire() {
    expired = true;
    close();
  }

  /** True once the watchdog ended this connection at the overall deadline. */
  boolean expired() {
    return expired;
  }

  @Override
  public void close() {
    if (watchdog != null) {
      watchdog.cancel(false);
    }
    closeQuietly(socket);
  }

  /** How long closing a TLS session may wait for the peer's close_notify. */
  static final int CLOSE_WAIT_MILLIS = 250;

  static void closeQuietly(Socket s) {
    try {
      // Closing a TLS socket waits for the peer's close_notify, up to the read timeout: a server
      // that
      // answered QUIT but keeps the connection open would hold every probe for a whole step
      // deadline.
      if (s instanceof javax.net.ssl.SSLSocket && !s.isClosed()) {
        s.setSoTimeout(CLOSE_WAIT_MILLIS);
      }
      s.close();
    } catch (IOException | RuntimeException ignored) {
      // closing a dead socket: nothing to report
    }
  }
}
