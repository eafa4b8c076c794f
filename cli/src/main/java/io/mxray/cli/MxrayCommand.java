package io.mxray.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The root command: {@code mxray <subcommand>}. */
@Command(
    name = "mxray",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = {"Mail-delivery diagnostics and DNS/deliverability auditing.", ""},
    subcommands = {
      AuditCommand.class,
      MxCommand.class,
      SpfCommand.class,
      DmarcCommand.class,
      DkimCommand.class,
      MtaStsCommand.class,
      RblCommand.class,
      ProbeCommand.class,
      HeadersCommand.class,
      BounceCommand.class,
      ReportCommand.class,
      ExplainCommand.class,
      BatchCommand.class,
      WatchCommand.class,
      ServeCommand.class,
      CodesCommand.class,
      CommandLine.HelpCommand.class
    },
    footer = {"", "Run 'mxray COMMAND --help' for a command's options.", "", ExitCodes.HELP})
public final class MxrayCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "a command is required");
  }
}
