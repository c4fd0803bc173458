using System.CommandLine;
using Attune.Cli.Commands;

namespace Attune.Cli;

/// <summary>The <c>attune</c> command line: <c>eval</c>, <c>eval-generation</c>, <c>train</c>, <c>up</c> and <c>model</c>.</summary>
public static class AttuneCommand
{
    /// <summary>Parses and runs <paramref name="args"/>; messages for the user go to <paramref name="output"/>, errors to <paramref name="error"/>.</summary>
    /// <returns>The exit code: 0 success, 1 usage error, 2 unknown dataset, 3 missing data, 4 failure.</returns>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        ArgumentNullException.ThrowIfNull(args);
        var root = new RootCommand("attune: personalized reward models from pairwise feedback.")
        {
            EvalCommand.Create(output, error),
            EvalGenerationCommand.Create(output, error),
            TrainCommand.Create(output, error),
            UpCommand.Create(output, error),
            ModelCommand.Create(output, error),
        };
        // Ctrl+C and SIGTERM cancel the command's token; up needs longer than the default 2 s to stop three hosts cleanly.
        return root.Parse(args).Invoke(new InvocationConfiguration
        {
            Output = output,
            Error = error,
            ProcessTerminationTimeout = TimeSpan.FromSeconds(30),
        });
    }
}
