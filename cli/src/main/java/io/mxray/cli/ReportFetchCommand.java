package io.mxray.cli;

import io.mxray.core.feedback.FeedbackIngest;
import io.mxray.core.feedback.FeedbackReader;
import io.mxray.core.feedback.JdbcFeedbackStore;
import io.mxray.core.finding.Severity;
import io.mxray.core.net.ConnectorSocketFactory;
import io.mxray.core.net.PlainConnector;
import io.mxray.core.watch.JdbcWatchStore;
import io.mxray.reports.Ansi;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code mxray report fetch}: pull reports from an IMAP mailbox (Eclipse Angus Mail, the Jakarta
 * Mail implementation) into the store. Sockets go through the project's connector port via {@link
 * ConnectorSocketFactory} (host names resolved through the DNS port); TLS is implicit (993) or
 * STARTTLS and verified against the system trust store or {@code --ca-file}.
 */
@Command(
    name = "fetch",
    mixinStandardHelpOptions = true,
    description = {
      "Fetch reports from an IMAP mailbox (the rua=/ruf= mailbox you name) and store them like 'report import'.",
      "By default only unseen messages are read and then marked seen; --move-to or --delete tidy up instead.",
      "The password comes from --password-file or $MXRAY_IMAP_PASSWORD, never from the command line."
    },
    footer = {"", ExitCodes.HELP})
public final class ReportFetchCommand implements Callable<Integer> {

  enum Security {
    tls,
    starttls,
    none
  }

  @Option(
      names = "--imap-host",
      paramLabel = "HOST",
      required = true,
      description = "The IMAP server.")
  String host;

  @Option(
      names = "--imap-port",
      paramLabel = "PORT",
      description = "Default: 993 with tls, else 143.")
  Integer port;

  @Option(
      names = "--security",
      paramLabel = "MODE",
      defaultValue = "tls",
      description =
          "tls (implicit, 993), starttls (143, required) or none (only for a loopback lab). Default: ${DEFAULT-VALUE}.")
  Security security;

  @Option(names = "--user", paramLabel = "USER", required = true, description = "The login name.")
  String user;

  @Option(
      names = "--password-file",
      paramLabel = "FILE",
      description = "A file whose first line is the password.")
  Path passwordFile;

  @Option(
      names = "--folder",
      paramLabel = "FOLDER",
      defaultValue = "INBOX",
      description = "Default: ${DEFAULT-VALUE}.")
  String folder;

  @Option(names = "--all", description = "Read every message, not only unseen ones.")
  boolean all;

  @Option(
      names = "--move-to",
      paramLabel = "FOLDER",
      description = "Move messages with a report here after storing them.")
  String moveTo;

  @Option(names = "--delete", description = "Delete messages with a report after storing them.")
  boolean delete;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "500",
      description = "At most N messages per run. Default: ${DEFAULT-VALUE}.")
  int limit;

  @Option(
      names = "--ca-file",
      paramLabel = "PEM",
      description = "Trust these CA certificates (instead of the system's).")
  Path caFile;

  @Option(
      names = "--imap-timeout",
      paramLabel = "DURATION",
      defaultValue = "30s",
      description = "Connect and read deadline. Default: ${DEFAULT-VALUE}.")
  String timeout;

  @Mixin DnsOptions dns;
  @Mixin WatchCommand.StoreOptions store;
  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (moveTo != null && delete) {
      throw new UsageException("give --move-to or --delete, not both");
    }
    if (limit < 1 || limit > 100_000) {
      throw new UsageException("--limit must be between 1 and 100000");
    }
    String password = password();
    Duration t = DnsOptions.parseDuration(timeout, "--imap-timeout");
    int p = port != null ? port : security == Security.tls ? 993 : 143;
    String proto = security == Security.tls ? "imaps" : "imap";
    Properties props = new Properties();
    String ms = Long.toString(t.toMillis());
    props.put("mail." + proto + ".connectiontimeout", ms);
    props.put("mail." + proto + ".timeout", ms);
    props.put("mail." + proto + ".writetimeout", ms);
    // Every socket through the connector port; host names through the DNS port.
    props.put(
        "mail." + proto + ".socketFactory",
        new ConnectorSocketFactory(new PlainConnector(), Optional.of(dns.client()), t));
    props.put("mail." + proto + ".socketFactory.fallback", "false");
    SSLSocketFactory tlsFactory = tlsFactory();
    props.put("mail." + proto + ".ssl.socketFactory", tlsFactory);
    props.put("mail." + proto + ".ssl.checkserveridentity", "true");
    if (security == Security.starttls) {
      props.put("mail.imap.starttls.enable", "true");
      props.put("mail.imap.starttls.required", "true");
    }
    if (security == Security.tls) {
      props.put("mail.imaps.ssl.enable", "true");
    }
    FeedbackReader reader = new FeedbackReader();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    List<Severity> severities = new ArrayList<>();
    int read = 0;
    int stored = 0;
    int duplicates = 0;
    int none = 0;
    try (JdbcFeedbackStore s = ReportCommand.open(store, reader);
        JdbcWatchStore watch = store.open()) {
      FeedbackIngest ingest = ReportCommand.ingest(reader, s, watch);
      Session session = Session.getInstance(props);
      Store imap = session.getStore(proto);
      try {
        imap.connect(host, p, user, password);
      } catch (MessagingException e) {
        throw new UsageException("cannot log in to " + host + ":" + p + ": " + reason(e));
      }
      try {
        Folder f = imap.getFolder(folder);
        if (!f.exists()) {
          throw new UsageException("no folder " + folder + " on " + host);
        }
        f.open(Folder.READ_WRITE);
        Message[] msgs =
            all ? f.getMessages() : f.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
        List<Message> done = new ArrayList<>();
        for (Message m : msgs) {
          if (read >= limit) {
            break;
          }
          read++;
          byte[] raw = raw(m, reader.limits().maxInputBytes());
          FeedbackIngest.Result r =
              ingest.ingest(host + "/" + folder + "#" + m.getMessageNumber(), raw);
          severities.add(r.outcome().severity());
          if (r.outcome().reports().isEmpty()) {
            none++;
            out.println(
                "#"
                    + m.getMessageNumber()
                    + ": no report ("
                    + r.outcome().findings().stream().map(x -> x.codeId()).distinct().toList()
                    + ")");
            m.setFlag(Flags.Flag.SEEN, true);
            continue;
          }
          for (var a : r.stored()) {
            if (a.duplicate()) {
              duplicates++;
            } else {
              stored++;
            }
          }
          for (var al : r.alerts()) {
            err.println("mxray: new failing source for " + al.domain() + ": " + al.ip());
          }
          out.println(
              "#"
                  + m.getMessageNumber()
                  + ": "
                  + r.outcome().reports().size()
                  + " report(s): "
                  + String.join(
                      ", ",
                      r.outcome().reports().stream()
                          .map(
                              x ->
                                  x.kind().id()
                                      + " "
                                      + Ansi.clean(x.orgName())
                                      + " "
                                      + Ansi.clean(x.reportId()))
                          .toList()));
          m.setFlag(Flags.Flag.SEEN, true);
          done.add(m);
        }
        if (!done.isEmpty() && moveTo != null) {
          Folder target = imap.getFolder(moveTo);
          if (!target.exists()) {
            target.create(Folder.HOLDS_MESSAGES);
          }
          f.copyMessages(done.toArray(new Message[0]), target);
          for (Message m : done) {
            m.setFlag(Flags.Flag.DELETED, true);
          }
        } else if (!done.isEmpty() && delete) {
          for (Message m : done) {
            m.setFlag(Flags.Flag.DELETED, true);
          }
        }
        f.close(moveTo != null || delete);
      } finally {
        imap.close();
      }
    } catch (MessagingException e) {
      throw new UsageException("IMAP " + host + ":" + p + ": " + reason(e));
    }
    out.println(
        "fetched "
            + read
            + " message(s): "
            + stored
            + " report(s) stored, "
            + duplicates
            + " duplicate(s), "
            + none
            + " without a report");
    out.flush();
    return ExitCodes.of(Severity.worstOf(severities));
  }

  private static String reason(Exception e) {
    Throwable t = e;
    String m = e.getMessage();
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
      if (t.getMessage() != null) {
        m = m + ": " + t.getMessage();
      }
    }
    return m == null ? e.getClass().getSimpleName() : m.replaceAll("\\s+", " ");
  }

  private String password() {
    try {
      if (passwordFile != null) {
        return Files.readAllLines(passwordFile, StandardCharsets.UTF_8).stream()
            .findFirst()
            .orElse("");
      }
    } catch (IOException e) {
      throw new UsageException("cannot read " + passwordFile + ": " + UsageException.describe(e));
    }
    String env = System.getenv("MXRAY_IMAP_PASSWORD");
    if (env == null) {
      throw new UsageException("give --password-file FILE or set MXRAY_IMAP_PASSWORD");
    }
    return env;
  }

  private SSLSocketFactory tlsFactory() {
    if (caFile == null) {
      return (SSLSocketFactory) SSLSocketFactory.getDefault();
    }
    try (InputStream in = Files.newInputStream(caFile)) {
      KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
      ks.load(null, null);
      int i = 0;
      for (Certificate c : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        ks.setCertificateEntry("ca" + (i++), c);
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx.getSocketFactory();
    } catch (Exception e) {
      throw new UsageException("--ca-file " + caFile + ": " + e.getMessage());
    }
  }

  /** The message's octets, at most {@code max} + 1 (the reader then says it is too large). */
  private static byte[] raw(Message m, long max) throws IOException, MessagingException {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    long cap = max + 1;
    OutputStream capped =
        new OutputStream() {
          long n;

          @Override
          public void write(int b) {
            if (n++ < cap) {
              buf.write(b);
            }
          }

          @Override
          public void write(byte[] b, int off, int len) {
            int room = (int) Math.max(0, Math.min(len, cap - n));
            buf.write(b, off, room);
            n += len;
          }
        };
    m.writeTo(capped);
    return buf.toByteArray();
  }
}
