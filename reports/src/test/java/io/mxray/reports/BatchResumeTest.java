package io.mxray.reports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BatchResumeTest {

  @Test
  void findsTheDomainsOfCompleteJsonlLinesAndDropsATornLastLine(@TempDir Path dir)
      throws Exception {
    Path f = dir.resolve("out.jsonl");
    String torn = "{\"schemaVersion\":1,\"domain\":\"b.ex";
    Files.writeString(f, "{\"schemaVersion\":1,\"domain\":\"a.example\"}\n" + torn);
    assertThat(BatchResume.truncateTornLine(f)).isEqualTo(torn.length());
    assertThat(Files.readString(f)).endsWith("}\n");
    assertThat(BatchResume.doneDomains(f, false)).containsExactly("a.example");
  }

  @Test
  void readsDomainsBackFromCsvAndToleratesAMissingFile(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("out.csv");
    assertThat(BatchResume.doneDomains(f, true)).isEmpty();
    assertThat(BatchResume.truncateTornLine(f)).isZero();
    Files.writeString(f, BatchCsv.header() + "a.example,pass,1,0,0,0,0,,false,,,mx.ok\r\n");
    assertThat(BatchResume.truncateTornLine(f)).isZero();
    assertThat(BatchResume.doneDomains(f, true)).containsExactly("a.example");
  }

  @Test
  void emptiesAFileWithNoCompleteLine(@TempDir Path dir) throws Exception {
    Path f = dir.resolve("out.jsonl");
    Files.writeString(f, "{\"schemaVer");
    BatchResume.truncateTornLine(f);
    assertThat(Files.size(f)).isZero();
  }
}
