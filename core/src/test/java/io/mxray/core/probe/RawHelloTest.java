package io.mxray.core.probe;

import static org.assertj.core.api.Assertions.assertThat;

import io.mxray.core.probe.TlsScan.Answer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The hand-built ClientHello and the capped ServerHello reader, on bytes. */
class RawHelloTest {

  static final int RC4_SHA = 0x0005;
  static final int AES_CBC = 0x002f;

  /** A ServerHello record answering {@code version} with {@code suite} and {@code compression}. */
  static byte[] serverHello(int version, int suite, int compression) {
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(version >> 8);
    body.write(version & 0xff);
    body.writeBytes(new byte[32]);
    body.write(0);
    body.write(suite >> 8);
    body.write(suite & 0xff);
    body.write(compression);
    byte[] b = body.toByteArray();
    ByteArrayOutputStream rec = new ByteArrayOutputStream();
    rec.write(22);
    rec.write(3);
    rec.write(version == RawHello.SSL3 ? 0 : 1);
    rec.write((b.length + 4) >> 8);
    rec.write((b.length + 4) & 0xff);
    rec.write(2);
    rec.write(0);
    rec.write(b.length >> 8);
    rec.write(b.length & 0xff);
    rec.writeBytes(b);
    return rec.toByteArray();
  }

  @Test
  void buildsAClientHelloOfferingTheSuitesTheCompressionAndTheRenegotiationScsv() {
    byte[] h =
        RawHello.clientHello(RawHello.TLS12, new int[] {RC4_SHA, AES_CBC}, true, "mx.example");
    assertThat(h[0]).isEqualTo((byte) 22);
    int recordLength = ((h[3] & 0xff) << 8) | (h[4] & 0xff);
    assertThat(h).hasSize(5 + recordLength);
    assertThat(h[5]).as("client_hello").isEqualTo((byte) 1);
    assertThat(h[9]).isEqualTo((byte) 3);
    assertThat(h[10]).as("TLS 1.2").isEqualTo((byte) 3);
    int at = 9 + 2 + 32 + 1;
    assertThat(((h[at] & 0xff) << 8) | (h[at + 1] & 0xff)).as("3 suites").isEqualTo(6);
    assertThat(h[at + 3]).isEqualTo((byte) RC4_SHA);
    assertThat(h[at + 7]).as("SCSV").isEqualTo((byte) 0xff);
    assertThat(h[at + 8]).as("two compression methods").isEqualTo((byte) 2);
    assertThat(h[at + 9]).as("DEFLATE first").isEqualTo((byte) 1);
    assertThat(new String(h, java.nio.charset.StandardCharsets.ISO_8859_1)).contains("mx.example");
  }

  @Test
  void sslv3HelloCarriesNoExtensions() {
    byte[] h = RawHello.clientHello(RawHello.SSL3, new int[] {AES_CBC}, false, "mx.example");
    assertThat(h[2]).as("record version 3.0").isEqualTo((byte) 0);
    assertThat(new String(h, java.nio.charset.StandardCharsets.ISO_8859_1))
        .doesNotContain("mx.example");
  }

  @Test
  void aServerHelloChoosingAnOfferedSuiteIsAccepted() throws IOException {
    RawHello.Reply r =
        RawHello.read(
            new ByteArrayInputStream(serverHello(RawHello.TLS12, RC4_SHA, 1)),
            RawHello.TLS12,
            new int[] {RC4_SHA, AES_CBC});
    assertThat(r.answer()).isEqualTo(Answer.ACCEPTED);
    assertThat(r.suite()).isEqualTo(RC4_SHA);
    assertThat(r.compression()).as("DEFLATE chosen").isEqualTo(1);
  }

  @Test
  void anotherVersionAnUnofferedSuiteOrAnAlertIsARefusal() throws IOException {
    int[] offer = {AES_CBC};
    assertThat(
            RawHello.read(
                    new ByteArrayInputStream(serverHello(RawHello.TLS12, AES_CBC, 0)),
                    RawHello.SSL3,
                    offer)
                .answer())
        .isEqualTo(Answer.REFUSED);
    assertThat(
            RawHello.read(
                    new ByteArrayInputStream(serverHello(RawHello.TLS12, RC4_SHA, 0)),
                    RawHello.TLS12,
                    offer)
                .answer())
        .isEqualTo(Answer.REFUSED);
    RawHello.Reply alert =
        RawHello.read(
            new ByteArrayInputStream(new byte[] {21, 3, 3, 0, 2, 2, 70}), RawHello.TLS10, offer);
    assertThat(alert.answer()).isEqualTo(Answer.REFUSED);
    assertThat(alert.detail()).contains("protocol_version");
  }

  @Test
  void aServerHelloSplitOverRecordsIsReassembled() throws IOException {
    byte[] whole = serverHello(RawHello.TLS12, AES_CBC, 0);
    byte[] fragment = java.util.Arrays.copyOfRange(whole, 5, whole.length);
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    int half = fragment.length / 2;
    two.writeBytes(new byte[] {22, 3, 3, 0, (byte) half});
    two.write(fragment, 0, half);
    two.writeBytes(new byte[] {22, 3, 3, 0, (byte) (fragment.length - half)});
    two.write(fragment, half, fragment.length - half);
    RawHello.Reply r =
        RawHello.read(
            new ByteArrayInputStream(two.toByteArray()), RawHello.TLS12, new int[] {AES_CBC});
    assertThat(r.answer()).isEqualTo(Answer.ACCEPTED);
  }

  @Test
  void plaintextAndEndlessHandshakeDataAreRefusalsNotHangs() throws IOException {
    assertThat(
            RawHello.read(
                    new ByteArrayInputStream("421 go away\r\n".getBytes()),
                    RawHello.TLS12,
                    new int[] {AES_CBC})
                .answer())
        .isEqualTo(Answer.REFUSED);
    // A record stream that never completes a handshake message stops at the byte cap.
    ByteArrayOutputStream endless = new ByteArrayOutputStream();
    endless.writeBytes(new byte[] {22, 3, 3, 0, 4, 2, 0x7f, (byte) 0xff, (byte) 0xff});
    while (endless.size() < RawHello.MAX_BYTES + 20_000) {
      endless.writeBytes(new byte[] {22, 3, 3, 0x40, 0});
      endless.writeBytes(new byte[0x4000]);
    }
    assertThat(
            RawHello.read(
                    new ByteArrayInputStream(endless.toByteArray()),
                    RawHello.TLS12,
                    new int[] {AES_CBC})
                .answer())
        .isEqualTo(Answer.REFUSED);
  }

  @Test
  void randomBytesNeverThrowAnythingButEndOfStream() {
    Random random = new Random(18);
    for (int i = 0; i < 2000; i++) {
      byte[] junk = new byte[random.nextInt(300)];
      random.nextBytes(junk);
      if (junk.length > 2) {
        junk[0] = (byte) (20 + random.nextInt(4));
        junk[1] = 3;
      }
      try {
        RawHello.read(new ByteArrayInputStream(junk), RawHello.TLS12, new int[] {AES_CBC});
      } catch (IOException e) {
        assertThat(e).isInstanceOf(java.io.EOFException.class);
      }
    }
  }
}
