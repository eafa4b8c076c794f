package io.mxray.core.bounce;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class MboxTest {

  @Test
  void splitsMessagesAtFromLinesAfterABlankLine() throws IOException {
    String a = new String(BounceFixtures.read("qmail-text.eml"), StandardCharsets.UTF_8);
    String mbox =
        "From MAILER-DAEMON Mon Nov 23 10:00:00 2026\n"
            + a
            + "\n"
            + "From MAILER-DAEMON Mon Nov 23 11:00:00 2026\n"
            + a
            + "\n>From here on the body is escaped, as mboxrd writers do\n";
    List<Integer> indexes = new ArrayList<>();
    List<BounceMessage> messages = new ArrayList<>();

    int n =
        Mbox.split(
            new ByteArrayInputStream(mbox.getBytes(StandardCharsets.UTF_8)),
            (i, bytes) -> {
              indexes.add(i);
              messages.add(DsnParser.parse(bytes));
            });

    assertThat(n).isEqualTo(2);
    assertThat(indexes).containsExactly(1, 2);
    assertThat(messages).allSatisfy(m -> assertThat(m.recipients()).hasSize(2));
  }
}
