package io.mxray.cli;

import io.mxray.core.feedback.FeedbackStoreContract;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;

/**
 * The report store contract against the lab's real PostgreSQL, each test in a schema of its own.
 */
class PostgresFeedbackStoreIT extends FeedbackStoreContract {

  private final List<String> schemas = new ArrayList<>();

  @Override
  protected String emptyDatabase() throws Exception {
    return PostgresWatchStoreIT.freshSchema(schemas);
  }

  @AfterEach
  void drop() throws Exception {
    PostgresWatchStoreIT.dropSchemas(schemas);
  }
}
