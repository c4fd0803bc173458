using Attune.Cli;

return AttuneCommand.Run(args, Console.Out, Console.Error);
